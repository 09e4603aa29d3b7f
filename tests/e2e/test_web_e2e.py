"""End to end in a real headless Chromium: the analyst's morning walk through the desk.

The server is uvicorn on 127.0.0.1 (a free port) in a thread, over the fixture store
(``web_store.py``) or, when MARSAD_E2E_DB names one, a real store such as the demo's. The
scenario finds its way by clicking, like an analyst: stories → the August 2023 dialogue →
its CONSULT event → the evidence from two outlets → an article with highlighted entities.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")

if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium at {CHROMIUM} (CI installs Debian's chromium package)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
uvicorn = pytest.importorskip("uvicorn")

import re  # noqa: E402

from live import CHROMIUM_ARGS, LiveServer  # noqa: E402
from web_store import HOSTILE_TITLE, build_web_store  # noqa: E402

from marsad.arabic.counting import count_phrase  # noqa: E402
from marsad.arabic.labels import EVENT_TYPES  # noqa: E402


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("MARSAD_E2E_DB")
    if given:
        return Path(given)
    path = tmp_path_factory.mktemp("e2e") / "web.db"
    build_web_store(path)
    return path


@pytest.fixture(scope="module")
def live(store_path: Path) -> Iterator[LiveServer]:
    with LiveServer(store_path) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.problems = []  # CSP violations and script dialogs would land here
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    yield pg
    context.close()


def test_story_event_evidence_article(live: LiveServer, page: Any) -> None:
    page.goto(live.url + "/")
    page.fill("input[name=q]", "العباسي")
    page.click("form.filters button")
    page.locator(".story-card").first.wait_for()
    # the story of the August 2023 dialogue: its date range starts in August 2023
    august = page.locator(".story-card", has=page.locator(".dates", has_text="2023-08"))
    assert august.count() >= 1, "no story dated August 2023"
    august.first.locator("h3 a").click()
    page.wait_for_selector("figure.timeline svg")
    assert page.locator("figure.timeline .mark").count() >= 1

    # its CONSULT event reported by the most independent sources (labelled in Arabic,
    # the PLOVER code on hover)
    consults = page.locator(".event-card", has=page.locator('.etype[title="CONSULT"]'))
    assert consults.count() >= 1, "the story has no CONSULT event"
    counts = [
        int(consults.nth(i).locator(".nsources").get_attribute("data-n")) for i in range(consults.count())
    ]
    consults.nth(counts.index(max(counts))).locator("a.more").click()
    page.wait_for_selector(".evidence-item")
    items = page.locator(".evidence-item")
    outlets = {items.nth(i).locator(".evidence-source a").inner_text() for i in range(items.count())}
    assert len(outlets) >= 2, outlets
    sentences = [items.nth(i).locator(".evidence-sentence").inner_text() for i in range(items.count())]
    assert all(s.strip() for s in sentences)
    assert items.first.locator("mark.trigger").is_visible()

    items.first.locator(".evidence-source a").click()
    page.wait_for_selector(".article-text")
    assert page.locator(".article-text .focus").first.is_visible()  # the evidence sentence, outlined
    entity = page.locator(".article-text .hl-entity").first
    assert entity.is_visible() and entity.inner_text().strip()
    color = entity.evaluate("e => getComputedStyle(e).backgroundColor")
    plain = page.locator(".article-text").evaluate("e => getComputedStyle(e).backgroundColor")
    assert color != plain  # the stylesheet (served by Marsad, allowed by the CSP) applied
    assert page.locator(".legend .hl-entity").is_visible()
    assert page.problems == []


def test_hostile_title_renders_as_text(live: LiveServer, page: Any) -> None:
    if os.environ.get("MARSAD_E2E_DB"):
        pytest.skip("the hostile article is part of the fixture store only")
    page.goto(live.url + "/articles?q=" + "وسطر")
    page.get_by_text(HOSTILE_TITLE).first.click()
    heading = page.locator("h1.article-title")
    assert heading.inner_text() == HOSTILE_TITLE
    assert page.locator(".article-text img").count() == 0
    assert "onerror" in page.locator(".article-text").inner_text()  # shown, not run
    assert page.problems == []


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_a_phone_and_a_laptop(live: LiveServer, browser: Any, width: int) -> None:
    import json
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(live.url + "/api/stories?sort=events&order=desc&limit=1") as response:
        stories = json.load(response)["items"]
    if not stories:
        pytest.skip("the store has no stories yet")
    story = stories[0]["id"]
    with urllib.request.urlopen(f"{live.url}/api/stories/{story}") as response:
        article = json.load(response)["article_details"][0]["id"]
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    with urllib.request.urlopen(
        f"{live.url}/api/events?sort=independent_sources&order=desc&limit=1"
    ) as response:
        events = json.load(response)["items"]
    paths = [
        "/",
        f"/stories/{story}",
        f"/articles/{article}",
        "/actors",
        "/articles?q=" + urllib.parse.quote("حوثي"),
    ]
    paths += [f"/events/{e['id']}" for e in events]
    for path in paths:
        pg.goto(live.url + path)
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a {width}px screen"
    context.close()


def _seed_story(live: LiveServer) -> dict[str, Any]:
    """The story of the August 2023 dialogue: the one whose articles include seed 000's text."""
    import json
    import urllib.parse
    import urllib.request

    query = urllib.parse.quote("العباسي أوستن")
    with urllib.request.urlopen(f"{live.url}/api/stories?q={query}&sort=sources&limit=5") as response:
        found = json.load(response)["items"]
    dated = [s for s in found if (s["first"] or "").startswith("2023-08")]
    assert dated, found
    return dated[0]


@pytest.mark.parametrize("width", [1280, 390])
def test_front_page_leads_with_the_seed_story_and_its_contradiction(
    live: LiveServer, browser: Any, width: int
) -> None:
    seed = _seed_story(live)
    context = browser.new_context(locale="ar", viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(live.url + "/")
    first = pg.locator(".story-card").first
    assert first.get_attribute("data-story") == seed["id"]
    assert first.locator(".has-contradiction").is_visible()  # the card says it has one
    assert first.locator("svg.volume rect").count() >= 1  # its volume over time, drawn by the server
    side = pg.locator(".latest-contradictions .contradiction").first
    assert side.is_visible() and side.locator(".claim").count() == 2  # both sides shown
    assert pg.locator(".active-actors li").count() >= 1
    # number agreement on the counts: a count and its noun agree
    for selector in (".nsources", ".narticles", ".nevents"):
        text = first.locator(selector).inner_text()
        n = int(first.locator(selector).get_attribute("data-n"))
        assert text == count_phrase(
            n, {".nsources": "source", ".narticles": "article", ".nevents": "event"}[selector]
        )
    assert "3 مقالة" not in pg.content() and "1 حدثاً" not in pg.content()
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the front page is {overflow}px wider than a {width}px screen"
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_story_page_reads_contradictions_first_in_arabic(live: LiveServer, browser: Any, width: int) -> None:
    seed = _seed_story(live)
    context = browser.new_context(locale="ar", viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(f"{live.url}/stories/{seed['id']}")
    contradiction = pg.locator("#contradictions .contradiction").first
    events = pg.locator("#events")
    assert contradiction.is_visible()
    assert contradiction.bounding_box()["y"] < events.bounding_box()["y"]  # above the events
    assert contradiction.locator(".claim").count() == 2
    # events ranked by independent sources
    ns = [
        int(x)
        for x in pg.locator("#events .event-card > header .nsources").evaluate_all(
            "els => els.map(e => e.dataset.n)"
        )
    ]
    assert ns == sorted(ns, reverse=True) and ns
    # no English PLOVER code visible anywhere on the page (codes live in title attributes)
    visible = pg.locator("main").inner_text()
    shown = [code for code in EVENT_TYPES if re.search(rf"\b{code}\b", visible)]
    assert shown == [], shown
    assert pg.locator(".etype").first.get_attribute("title") in EVENT_TYPES
    # the timeline is readable: the SVG on a laptop, a list on a phone
    timeline = pg.locator(".timeline-list" if width < 700 else "figure.timeline svg")
    assert timeline.is_visible()
    if width < 700:
        size = timeline.locator("li").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 12, size
    # why is this article here?
    why = pg.locator(".story-article .why").first
    why.locator("summary").click()
    assert why.locator("li").first.is_visible()
    summary = pg.locator(".summary").inner_text()
    assert count_phrase(seed["articles"], "article") in summary
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the story page is {overflow}px wider than a {width}px screen"
    context.close()
