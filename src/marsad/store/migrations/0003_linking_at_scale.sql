-- Incremental event coreference at corpus scale. Each event keeps the aggregates that
-- coreference compares (participants, persons, countries, evidence words, date interval,
-- publication days, provenances, mode and place counts) as JSON in events.profile, so a
-- candidate is scored without re-reading its evidence articles. event_keys indexes the
-- events by what a new mention must share with them to be the same happening: an actor
-- (or, for events dated to the day, a country) within a date window or a publication
-- window. It replaces event_participants, which could only be searched by actor.
ALTER TABLE events ADD COLUMN profile TEXT;
DROP TABLE event_participants;
CREATE TABLE event_keys (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    key TEXT NOT NULL,        -- an actor id, or "@" + ISO country code
    type TEXT NOT NULL,       -- the event's PLOVER type
    person INTEGER NOT NULL,  -- 1 when the key is an actor who is a person
    fine_lo TEXT,             -- first day of the event's date when known within FINE_SPAN days
    pub_hi TEXT,              -- latest publication day of its evidence articles
    dated INTEGER NOT NULL
);
CREATE INDEX event_keys_fine ON event_keys(key, type, fine_lo);
CREATE INDEX event_keys_pub ON event_keys(key, type, pub_hi);
CREATE INDEX event_keys_event ON event_keys(event);
-- Events written before this migration have no profile: the linker rebuilds them once.
CREATE INDEX events_without_profile ON events(id) WHERE profile IS NULL;

-- Actors indexed by (type, first word loosely spelled): the only actors a new spelling
-- can be a variant of, so the actor linker reads those instead of every actor stored.
-- keyed = 0 marks actors not yet indexed (new ones, or rewritten with new aliases).
ALTER TABLE actors ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX actors_unkeyed ON actors(id) WHERE keyed = 0;
CREATE TABLE actor_keys (
    key TEXT NOT NULL, actor TEXT NOT NULL,
    PRIMARY KEY (key, actor)
) WITHOUT ROWID;

-- Claims keep the words the claim linker quotes and reads (evidence sentence, context
-- before the figure) and where their sentence is (to find the events it reports), so
-- stored claims of a subject are compared without re-reading their articles. Rows
-- written before this have NULLs and are read the old way.
ALTER TABLE claim_keys ADD COLUMN evidence TEXT;
ALTER TABLE claim_keys ADD COLUMN context TEXT;
ALTER TABLE claim_keys ADD COLUMN sentence_start INTEGER;
ALTER TABLE claim_keys ADD COLUMN sentence_end INTEGER;
