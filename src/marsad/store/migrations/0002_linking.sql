-- Indexes for incremental cross-article linking: candidate events by type and date
-- window or shared participant, stories by date window with their centroid, claims by
-- what they count.
ALTER TABLE events ADD COLUMN date_lo TEXT;
ALTER TABLE events ADD COLUMN date_hi TEXT;
CREATE INDEX events_type_window ON events(type, date_lo, date_hi);
CREATE TABLE event_participants (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    PRIMARY KEY (event, actor)
);
CREATE INDEX event_participants_actor ON event_participants(actor);
ALTER TABLE stories ADD COLUMN centroid BLOB;
ALTER TABLE stories ADD COLUMN actors TEXT;
CREATE INDEX stories_window ON stories(first, last);
CREATE INDEX story_members_member ON story_members(member_kind, member);
CREATE TABLE claim_keys (
    claim TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    key TEXT NOT NULL
);
CREATE INDEX claim_keys_key ON claim_keys(key);
ALTER TABLE claims ADD COLUMN subject_key TEXT;
ALTER TABLE events ADD COLUMN date_end TEXT;
ALTER TABLE event_mentions ADD COLUMN date_end TEXT;
