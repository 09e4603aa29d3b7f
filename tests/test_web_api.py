"""The web desk's JSON API, pages and security, through FastAPI's TestClient."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent / "e2e"))
from web_store import HOSTILE_TITLE, STORY_TITLE, build_web_store

from marsad.store.db import Store, StoreError
from marsad.web.app import CSP, create_app
from marsad.web.queries import Desk


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("web") / "web.db"
    return path, build_web_store(path)


@pytest.fixture(scope="module")
def ids(web_db: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return web_db[1]


@pytest.fixture(scope="module")
def client(web_db: tuple[Path, dict[str, str]]) -> TestClient:
    return TestClient(create_app(web_db[0]))


def _ids(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


# --- articles ---------------------------------------------------------------------------


def test_articles_list_is_paginated_and_sorted(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get("/api/articles", params={"sort": "published", "order": "asc"}).json()
    assert body["total"] == 5 and body["offset"] == 0
    dates = [a["published"] for a in body["items"]]
    assert dates == sorted(dates)
    first = _ids(client.get("/api/articles", params={"limit": 2, "offset": 0, "sort": "id"}))
    second = _ids(client.get("/api/articles", params={"limit": 2, "offset": 2, "sort": "id"}))
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)
    assert first + second == sorted(first + second)
    desc = _ids(client.get("/api/articles", params={"sort": "id", "order": "desc"}))
    assert desc == sorted(desc, reverse=True)


def test_articles_filters(client: TestClient, ids: dict[str, str]) -> None:
    assert _ids(client.get("/api/articles", params={"outlet": "جدار نيوز"})) == [ids["a001"]]
    in_range = _ids(client.get("/api/articles", params={"date_from": "2023-08-09", "date_to": "2023-08-10"}))
    assert set(in_range) == {ids["dup"], ids["hostile"]}
    month = _ids(client.get("/api/articles", params={"date_from": "2023-08", "date_to": "2023-08"}))
    assert len(month) == 5
    with_sudani = _ids(client.get("/api/articles", params={"actor": "IRQGOV_SUDANI"}))
    assert with_sudani == [ids["a003"]]
    in_story = _ids(client.get("/api/articles", params={"story": ids["story"]}))
    assert set(in_story) == {ids["a000"], ids["a001"], ids["a003"], ids["dup"]}
    # full text: spelling variants fold (أمريكي ~ امريكي) and words are ANDed
    assert ids["a001"] in _ids(client.get("/api/articles", params={"q": "جندي امريكي"}))
    assert _ids(client.get("/api/articles", params={"q": "كلمةلاتوجد"})) == []
    assert _ids(client.get("/api/articles", params={"q": "!!!"})) == []


def test_article_detail_has_annotations_flags_duplicates(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/articles/{ids['a000']}").json()
    assert body["story"] == ids["story"] and body["story_title"] == STORY_TITLE
    assert [d["id"] for d in body["duplicates"]] == [ids["dup"]]
    for kind in ("mentions", "times", "quotes", "event_mentions", "flags"):
        assert body[kind], kind
    text = body["text"]
    for m in body["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    assert body["events"][0]["id"] == ids["consult"]
    dup = client.get(f"/api/articles/{ids['dup']}").json()
    assert dup["original"]["id"] == ids["a000"]
    removed = client.get(f"/api/articles/{ids['a001']}").json()["flags"]
    assert any(f["kind"] == "boilerplate_removed" and "مقالات ذات صلة" in f["removed_text"] for f in removed)
    assert client.get("/api/articles/nope").status_code == 404


# --- actors -----------------------------------------------------------------------------


def test_actors_list_filters(client: TestClient, ids: dict[str, str]) -> None:
    assert client.get("/api/actors").json()["total"] == 6
    assert _ids(client.get("/api/actors", params={"q": "جيه"})) == [ids["austin"]]
    assert _ids(client.get("/api/actors", params={"q": "50%_"})) == []  # LIKE wildcards are literal
    assert set(_ids(client.get("/api/actors", params={"type": "PER", "country": "IRQ"}))) == {
        ids["abbasi"],
        "IRQGOV_SUDANI",
    }
    busiest = client.get("/api/actors", params={"sort": "events", "order": "desc"}).json()["items"]
    assert busiest[0]["events"] >= busiest[-1]["events"]


def test_actor_detail(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/actors/{ids['abbasi']}").json()
    assert "ثابت محمد العباسي" in body["aliases"]
    assert {s["text"] for s in body["spellings"]} >= {"ثابت العباسي", "ثابت محمد العباسي"}
    assert [e["id"] for e in body["events"]] == [ids["consult"]]
    assert body["partners"][0]["id"] == ids["austin"] and body["partners"][0]["name"] == "لويد أوستن"
    austin = client.get(f"/api/actors/{ids['austin']}").json()
    assert austin["quotes"] and austin["quotes"][0]["article"] == ids["a000"]
    assert client.get("/api/actors/nope").status_code == 404


# --- events -----------------------------------------------------------------------------


def test_events_filters(client: TestClient, ids: dict[str, str]) -> None:
    assert client.get("/api/events").json()["total"] == 3
    assert _ids(client.get("/api/events", params={"type": "CONSULT"})) == [ids["consult"]]
    assert set(_ids(client.get("/api/events", params={"actor": "USA"}))) == {ids["assist"], ids["cooperate"]}
    assert _ids(client.get("/api/events", params={"actor": ids["austin"]})) == [ids["consult"]]
    # a month-precision event overlaps any day of its month; a year one any day of its year
    mid_august = _ids(client.get("/api/events", params={"date_from": "2023-08-20", "date_to": "2023-08-25"}))
    assert mid_august == [ids["cooperate"]]
    assert _ids(client.get("/api/events", params={"date_from": "2017-06-01", "date_to": "2017-06-01"})) == [
        ids["assist"]
    ]
    assert set(_ids(client.get("/api/events", params={"story": ids["story"]}))) == {
        ids["consult"],
        ids["cooperate"],
    }
    by_sources = client.get("/api/events", params={"sort": "independent_sources", "order": "desc"}).json()
    assert by_sources["items"][0]["id"] == ids["consult"]
    assert client.get("/api/events", params={"date_from": "August"}).status_code == 422


def test_event_detail_evidence_from_three_outlets(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get(f"/api/events/{ids['consult']}").json()
    assert body["independent_sources"] == 3 and body["stories"] == [ids["story"]]
    assert body["source_names"] == ["ثابت العباسي"] and body["location_name"] == "البنتاغون"
    outlets = {ev["source"] for ev in body["evidence"]}
    assert outlets == {"مصدر ٠٠٠", "جدار نيوز", "مصدر ٠٠٣"}
    for ev in body["evidence"]:
        assert ev["sentence_start"] <= ev["start"] < ev["end"] <= ev["sentence_end"]
        article = client.get(f"/api/articles/{ev['article']}").json()
        assert article["text"][ev["sentence_start"] : ev["sentence_end"]] == ev["sentence"]
    assert client.get("/api/events/nope").status_code == 404


# --- stories, claims, contradictions ----------------------------------------------------


def test_stories(client: TestClient, ids: dict[str, str]) -> None:
    (story,) = client.get("/api/stories").json()["items"]
    assert story["id"] == ids["story"] and story["articles"] == 4 and story["events"] == 2
    assert set(story["outlets"]) == {"مصدر ٠٠٠", "جدار نيوز", "مصدر ٠٠٣", "مرآة ٠٠٠"}
    assert _ids(client.get("/api/stories", params={"q": "البنتاغون"})) == [ids["story"]]
    assert _ids(client.get("/api/stories", params={"q": "حوار التعاون"})) == [ids["story"]]
    assert _ids(client.get("/api/stories", params={"q": "كلمةلاتوجد"})) == []
    for sort in ("first", "last", "title", "articles", "events", "id"):
        assert client.get("/api/stories", params={"sort": sort, "order": "desc"}).status_code == 200
    detail = client.get(f"/api/stories/{ids['story']}").json()
    assert [t["event"] for t in detail["timeline"]] == [ids["cooperate"], ids["consult"]]
    assert {t["precision"] for t in detail["timeline"]} == {"day", "month"}
    assert detail["contradictions"][0]["id"] == ids["contradiction"]
    assert client.get("/api/stories/nope").status_code == 404


def test_claims_and_contradictions(client: TestClient, ids: dict[str, str]) -> None:
    claims = client.get("/api/claims").json()
    assert claims["total"] == 2
    assert _ids(client.get("/api/claims", params={"article": ids["a001"]})) == [ids["claim001"]]
    assert len(_ids(client.get("/api/claims", params={"story": ids["story"]}))) == 2
    assert len(_ids(client.get("/api/claims", params={"subject": "الجنود الأمريكيون في العراق"}))) == 2
    by_value = client.get("/api/claims", params={"sort": "value", "order": "desc"}).json()["items"]
    assert [c["value"] for c in by_value] == [2500, 2000]
    assert by_value[0]["text"] == "2500 جندي أمريكي"
    contradictions = client.get("/api/contradictions", params={"story": ids["story"]}).json()
    (x,) = contradictions["items"]
    assert {c["value"] for c in x["claim_details"]} == {2500, 2000}
    assert client.get("/api/contradictions", params={"story": "other"}).json()["total"] == 0
    assert client.get(f"/api/contradictions/{ids['contradiction']}").json()["claims"] == x["claims"]
    assert client.get("/api/contradictions/nope").status_code == 404


def test_ids_match_the_export(web_db: tuple[Path, dict[str, str]], client: TestClient) -> None:
    from marsad.store.export import records

    with Store.open(web_db[0], readonly=True) as store:
        exported = {kind: {r["id"] for r in records(store, kind)} for kind in ("event", "story", "actor")}
    assert set(_ids(client.get("/api/events"))) == exported["event"]
    assert set(_ids(client.get("/api/stories"))) == exported["story"]
    assert set(_ids(client.get("/api/actors"))) == exported["actor"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/articles", {"sort": "title; DROP TABLE articles"}),
        ("/api/events", {"order": "sideways"}),
        ("/api/articles", {"limit": 0}),
        ("/api/articles", {"limit": 10_000}),
        ("/api/articles", {"offset": -1}),
        ("/api/claims", {"sort": "rowid"}),
    ],
)
def test_bad_parameters_are_rejected_not_run(client: TestClient, url: str, params: dict) -> None:
    assert client.get(url, params=params).status_code == 422
    assert client.get("/api/articles").json()["total"] == 5  # nothing was dropped


def test_openapi_document_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/claims",
        "/api/contradictions",
        "/api/contradictions/{contradiction_id}",
    ):
        assert path in paths
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


# --- pages and security -----------------------------------------------------------------


def test_pages_render_in_arabic_rtl(client: TestClient, ids: dict[str, str]) -> None:
    for url in (
        "/",
        "/?q=البنتاغون",
        f"/stories/{ids['story']}",
        f"/events/{ids['consult']}",
        "/actors",
        f"/actors/{ids['abbasi']}",
        "/articles",
        "/articles?outlet=جدار نيوز",
        f"/articles/{ids['a000']}",
        f"/articles/{ids['a001']}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="ar" dir="rtl">' in response.text
        assert response.headers["content-security-policy"] == CSP
    assert client.get("/stories/nope").status_code == 404


def test_story_page_timeline_shows_precision(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/stories/{ids['story']}").text
    assert "<svg" in html
    assert 'class="mark mark-month"' in html and '<rect class="band"' in html  # a band, not a point
    assert 'class="mark mark-day"' in html and '<circle class="point"' in html
    assert "أغسطس 2023" in html and "عدد الجنود الأمريكيين" in html


def test_article_page_highlights_in_distinct_styles(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/articles/{ids['a001']}").text
    for layer in ("entity", "time", "figure", "artifact"):
        assert f'class="hl-{layer}' in html or f" hl-{layer}" in html, layer
    assert "boilerplate_removed" in html and "machine_translation_artifact" in html
    assert 'class="legend"' in html
    # resolved entities link to their actor; unresolved ones (داعش here) are plain spans
    assert '<a class="hl-entity" href="/actors/IRQGOVMIL_ABBASI"' in html
    assert '<span class="hl-entity" title="منظمة">داعش</span>' in html  # Arabic entity type


def test_article_page_outlines_the_evidence_followed(client: TestClient, ids: dict[str, str]) -> None:
    event = client.get(f"/api/events/{ids['consult']}").json()
    ev = next(e for e in event["evidence"] if e["article"] == ids["a001"])
    story_html = client.get(f"/stories/{ids['story']}").text
    link = f"/articles/{ids['a001']}?span={ev['sentence_start']}-{ev['sentence_end']}#focus"
    assert link in story_html
    html = client.get(link.split("#")[0]).text
    assert html.count('id="focus"') == 1
    focused = html.split('id="focus"></span>', 1)[1]
    assert focused.startswith("<span") and "focus" in focused.split(">", 1)[0]
    assert client.get(f"/articles/{ids['a001']}", params={"span": "1;2"}).status_code == 422
    assert 'id="focus"' not in client.get(f"/articles/{ids['a001']}").text


def test_article_lists_show_a_lead(client: TestClient, ids: dict[str, str]) -> None:
    items = client.get("/api/articles", params={"sort": "id"}).json()["items"]
    for item in items:
        text = client.get(f"/api/articles/{item['id']}").json()["text"]
        assert item["lead"] and text.startswith(item["lead"])


def test_hostile_text_is_escaped(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/articles/{ids['hostile']}").text
    assert HOSTILE_TITLE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(3)&gt;" in html
    assert "<b>موقع</b>" not in html
    listing = client.get("/articles").text
    assert HOSTILE_TITLE not in listing and "&lt;script&gt;" in listing
    for url in ("/", f"/articles/{ids['hostile']}", f"/stories/{ids['story']}"):
        text = client.get(url).text
        assert "<script" not in text and " style=" not in text and " onclick=" not in text


def test_security_headers_and_no_inline_assets(client: TestClient) -> None:
    response = client.get("/api/articles")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/marsad.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404


def test_web_process_opens_the_database_read_only(web_db: tuple[Path, dict[str, str]]) -> None:
    store = Store.open(web_db[0], readonly=True)
    desk = Desk(store)
    with pytest.raises(sqlite3.OperationalError):
        desk.conn.execute("DELETE FROM articles")
    store.close()


def test_missing_or_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "none.db")
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite")
    with pytest.raises(StoreError, match=r"bad\.db"):
        create_app(bad)


def test_token_protects_api_and_pages(web_db: tuple[Path, dict[str, str]]) -> None:
    client = TestClient(create_app(web_db[0], token="s3cret"))
    assert client.get("/api/articles").status_code == 401
    assert client.get("/api/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/articles", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    response = client.get("/stories/x?y=1", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert client.get("/static/marsad.css").status_code == 200
    bad = client.post("/login", data={"token": "nope", "next": "/"}, follow_redirects=False)
    assert bad.status_code == 401
    evil = client.post("/login", data={"token": "s3cret", "next": "//evil.example"}, follow_redirects=False)
    assert evil.status_code == 303 and evil.headers["location"] == "/"
    assert "s3cret" not in evil.headers.get("set-cookie", "")
    assert client.get("/", follow_redirects=False).status_code == 200  # cookie now set
    assert client.get("/api/articles").status_code == 401  # the API still wants the bearer token


def test_evidence_one_per_sentence_outlets_first(web_db: tuple[Path, dict[str, str]]) -> None:
    from marsad.model import Event

    ids = web_db[1]
    with Store.open(web_db[0], readonly=True) as store:
        desk = Desk(store)
        text000 = store.get_article(ids["a000"]).text
        second = text000.index("وعقد العباسي")
        mentions = [
            {"article": ids["a000"], "start": 0, "end": 3},
            {"article": ids["a000"], "start": 4, "end": 8},  # same sentence as the first
            {"article": ids["a000"], "start": second, "end": second + 4},
            {"article": ids["a001"], "start": 0, "end": 3},
            {"article": "gone", "start": 0, "end": 3},  # an article no longer stored
        ]
        event = Event("ex", "CONSULT", None, [], [], None, None, None, mentions, [], 2)
        evidence = desk.evidence(event)
    assert [(e["article"], e["start"]) for e in evidence] == [
        (ids["a000"], 0),
        (ids["a001"], 0),
        (ids["a000"], second),
    ]


# --- id prefixes, invalid filters, search, ranking --------------------------------------


def test_an_id_prefix_is_accepted_when_unique_and_409_lists_candidates(
    client: TestClient, ids: dict[str, str]
) -> None:
    story = ids["story"]
    for length in (len(story) - 4, len(story)):
        assert client.get(f"/api/stories/{story[:length]}").json()["id"] == story
    assert client.get(f"/api/events/{ids['consult'][:6]}").json()["id"] == ids["consult"]
    assert client.get(f"/stories/{story[:5]}").status_code == 200  # pages too
    several = client.get("/api/articles/a")
    assert several.status_code == 409
    candidates = several.json()["detail"]["candidates"]
    assert set(candidates) >= {ids["a000"], ids["a001"], ids["a003"]}
    assert client.get("/api/articles/zzz").status_code == 404
    page = client.get("/articles/a")
    assert page.status_code == 409 and ids["a000"] in page.text


@pytest.mark.parametrize(
    ("url", "params", "allowed"),
    [
        ("/api/events", {"type": "consult"}, "CONSULT"),
        ("/api/stories", {"type": "SANCTIONS"}, "SANCTION"),
        ("/api/articles", {"outlet": "nowhere"}, "جدار نيوز"),
        ("/api/actors", {"type": "PERSON"}, "PER"),
    ],
)
def test_an_unknown_filter_value_is_422_with_the_allowed_values(
    client: TestClient, url: str, params: dict, allowed: str
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["query", next(iter(params))] and allowed in error["ctx"]["allowed"]


@pytest.mark.parametrize("value", ["2023-13-45", "2023-02-30", "2023-00"])
def test_an_impossible_date_is_422(client: TestClient, value: str) -> None:
    for url in ("/api/events", "/api/articles", "/api/stories", "/"):
        response = client.get(url, params={"date_from": value})
        assert response.status_code == 422, (url, value)


def test_article_search_is_ranked_with_counts_and_snippets(client: TestClient, ids: dict[str, str]) -> None:
    body = client.get("/api/articles", params={"q": "عباسي"}).json()
    again = client.get("/api/articles", params={"q": "والعباسي"}).json()
    assert body["total"] >= 3 and [a["id"] for a in body["items"]] == [a["id"] for a in again["items"]]
    scores = [a["score"] for a in body["items"]]
    assert scores == sorted(scores, reverse=True)
    hit = body["items"][0]
    assert "\x02" in hit["snippet"] and hit["start"] is not None
    page = client.get("/articles", params={"q": "عباسي"}).text
    assert "<mark>" in page and "نتائج" in page


def test_actor_search_by_any_spelling(client: TestClient) -> None:
    for spelling in ("عباسي", "العباسي", "ثابت محمد العباسي", "Abbasi"):
        found = [a["id"] for a in client.get("/api/actors", params={"q": spelling}).json()["items"]]
        assert "IRQGOVMIL_ABBASI" in found, spelling


def test_front_page_ranks_by_sources_and_filters(client: TestClient, ids: dict[str, str]) -> None:
    ranked = client.get("/api/stories", params={"sort": "sources"}).json()["items"]
    assert ranked[0]["id"] == ids["story"]
    assert ranked[0]["independent_sources"] == 3 and ranked[0]["contradiction_count"] == 1
    for params in (
        {"type": "CONSULT"},
        {"actor": "IRQGOVMIL_ABBASI"},
        {"outlet": "جدار نيوز"},
        {"place": "USA_PENTAGON"},
        {"date_from": "2023-08-10", "date_to": "2023-08"},
    ):
        assert _ids(client.get("/api/stories", params=params)) == [ids["story"]], params
    assert _ids(client.get("/api/stories", params={"type": "ASSAULT"})) == []
    assert _ids(client.get("/api/stories", params={"date_from": "2024"})) == []
    page = client.get("/", params={"type": "CONSULT", "sort": "growth"}).text
    assert "data-story" in page and "آخر التناقضات" in page and "الفاعلون الأكثر نشاطاً" in page
    assert '<svg class="volume"' in page


def test_story_page_pages_a_big_story_and_explains_membership(web_db: tuple[Path, dict[str, str]]) -> None:
    path, ids = web_db
    with Store.open(path, readonly=True) as store:
        desk = Desk(store)
        whole = desk.story(ids["story"])
        paged = desk.story(ids["story"], events_limit=1, articles_offset=2, articles_limit=1)
    assert whole is not None and paged is not None
    assert whole["event_details"][0]["id"] == ids["consult"]  # 3 sources before 1
    assert len(paged["event_details"]) == 1 and len(paged["article_details"]) == 1
    assert paged["article_details"][0]["id"] == whole["article_details"][2]["id"]
    assert len(paged["timeline"]) == len(whole["timeline"])  # the timeline shows every event
    why = {a["id"]: [w["kind"] for w in a["why"]] for a in whole["article_details"]}
    assert "event" in why[ids["a000"]] and "duplicate" in why[ids["dup"]]


def test_event_page_says_why_its_reports_are_one_event(client: TestClient, ids: dict[str, str]) -> None:
    page = client.get(f"/events/{ids['consult']}").text
    assert "لماذا هذه التقارير حدث واحد؟" in page
    assert "الأيام نفسها" in page and "لويد أوستن" in page and "البنتاغون" in page
    assert client.get(f"/api/events/{ids['consult']}").json()["merges"][0]["place"] == "USA_PENTAGON"
