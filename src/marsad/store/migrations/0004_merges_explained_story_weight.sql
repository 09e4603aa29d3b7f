-- Why an event's mentions are one event: a JSON list with one explanation per merge
-- (the articles that joined, the participants, countries and place they share with the
-- event, the days both dates allow, the wording score and the rule that allowed it).
-- Events written before this have NULL, read as no explanations.
ALTER TABLE events ADD COLUMN merges TEXT;

-- A story's decayed member count, so that its centroid (a decayed sum of member vectors)
-- gives the mean similarity of an article to its members. NULL for stories written before.
ALTER TABLE stories ADD COLUMN weight REAL;
