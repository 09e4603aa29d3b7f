"""Names vulture reports as unused that are used where it cannot see (``make lint``).

Only true false positives belong here, each with the reason; dead code is deleted instead.
Vulture reads this file, it is never imported.
"""

# ruff: noqa
# fmt: off

# StrEnum members are used as a set (tests compare annotator output with them) and by value.
EntityType.PER
EntityType.ORG
EntityType.LOC
EntityType.GPE
EntityType.NORP
EntityType.MISC
Precision.DAY
Precision.MONTH
Precision.YEAR
Precision.RANGE
Precision.DECADE
EventMode.ABDUCT
EventMode.ARREST
EventMode.ASSASSINATE
EventMode.BOYCOTT
EventMode.CEASEFIRE
EventMode.DEMO
EventMode.DEPORT
EventMode.DISCUSS
EventMode.ELECTION
EventMode.EXPEL
EventMode.EXPLOSIVES
EventMode.FIREARMS
EventMode.HEAVY_WEAPONS
EventMode.HUNGER
EventMode.MEET
EventMode.OBSTRUCT
EventMode.PHONE
EventMode.REFERENDUM
EventMode.RELEASE
EventMode.RESTRICT
EventMode.RIOT
EventMode.SEXUAL
EventMode.SUICIDE_ATTACK
EventMode.THIRD_PARTY
EventMode.TORTURE
EventMode.TROOPS
EventMode.VISIT
EventMode.VOTE
EventMode.WITHDRAW

# written out through dataclasses.asdict (exports, the web API), read by templates
Actor.name_en
Agency.name_en  # lexicon data: the agency's English name documents each entry
Segment.css  # web/highlight.py, read by templates/article.html
Timeline.height  # web/timeline.py, read by templates/_macros.html
# pydantic response models (web/schemas.py): fields are the API's JSON, filled by validation
source_names
target_names
location_name
removed_text
duplicate_kind
story_title
claim_details
event_details
shared_participants
shared_countries
recent_articles
contradiction_count
article_details
# protocols and framework hooks, called by the library
mention_rowid  # link/actors.py: a parameter name in the ActorStore Protocol
_.readable  # io.RawIOBase
_.readinto  # io.RawIOBase
_.row_factory  # sqlite3.Connection
_.graph_optimization_level  # onnxruntime.SessionOptions
_.forward  # torch.nn.Module (training/ner/e5_model.py)
_.should_exit  # uvicorn.Server (tests/e2e/live.py)
_.do_GET  # http.server handler (tests)
_.log_message  # http.server handler (tests)
_.daemon_threads  # socketserver (tests)
link_duplicates  # named as a string in link/__init__.py's linker table
_.preserve_order  # ray.data ExecutionOptions (distributed.py)
_.enable_progress_bars  # ray.data DataContext (distributed.py)
