"""The analyst's desk: a FastAPI app serving the JSON API and the Arabic pages.

``create_app(db_path, token=None)`` is all a caller needs. Every request opens the
database read-only (``Store.open(..., readonly=True)``) through ``queries.Desk``; nothing
here writes. Security, because article text and titles come from the web:

* Jinja2 autoescapes everything; highlighted text is built from escaped segments.
* A strict Content-Security-Policy (no inline script or style; only our own assets) and
  friends go on every response. The OpenAPI document is served; the Swagger/ReDoc pages
  are not, since they load scripts from a CDN.
* With a token, the API wants ``Authorization: Bearer <token>`` and the pages a session
  cookie obtained from the login form.
"""

import hashlib
import hmac
import re
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, get_args
from urllib.parse import parse_qs, quote

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.arabic import labels
from marsad.arabic.counting import count_phrase
from marsad.store.db import Store
from marsad.web import schemas
from marsad.web.charts import volume
from marsad.web.highlight import LAYERS, segments, sentence_parts
from marsad.web.queries import (
    ACTOR_SORTS,
    ARTICLE_SORTS,
    CLAIM_SORTS,
    EVENT_SORTS,
    MAX_LIMIT,
    STORY_SORTS,
    Desk,
    resolve_id,
)
from marsad.web.timeline import date_label, layout

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SESSION_COOKIE = "marsad_session"

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Text = Annotated[str | None, Query(max_length=200)]
DateParam = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Order = Literal["asc", "desc"]
if TYPE_CHECKING:  # a Literal built from the sort tables at run time (FastAPI validates it)
    ArticleSort: TypeAlias = str
    ActorSort: TypeAlias = str
    EventSort: TypeAlias = str
    StorySort: TypeAlias = str
    ClaimSort: TypeAlias = str
else:
    ArticleSort = Literal[tuple(ARTICLE_SORTS)]
    ActorSort = Literal[tuple(ACTOR_SORTS)]
    EventSort = Literal[tuple(EVENT_SORTS)]
    StorySort = Literal[tuple(STORY_SORTS)]
    ClaimSort = Literal[tuple(CLAIM_SORTS)]
FrontSort = Literal["sources", "growth", "articles", "events", "last", "first"]
FRONT_SORTS = get_args(FrontSort)
STORY_PAGE_EVENTS = 20
STORY_PAGE_ARTICLES = 50


def _invalid(
    name: str, value: str, allowed: list[str] | None = None, why: str | None = None
) -> HTTPException:
    """422 naming the parameter, the value and what would be accepted, in the shape of
    FastAPI's own validation errors (``detail`` is a list of ``{loc, msg, type, input,
    ctx}``), so clients handle one error format."""
    error: dict[str, Any] = {
        "loc": ["query", name],
        "msg": why or f"unknown {name} {value!r}; allowed: {', '.join(allowed or [])}",
        "type": "value_error",
        "input": value,
    }
    if allowed is not None:
        error["ctx"] = {"allowed": allowed}
    return HTTPException(status_code=422, detail=[error])


def check_date(name: str, value: str | None) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD that is a real period (2023-13-45 is not)."""
    if not value:
        return None
    if not re.match(DATE, value):
        raise _invalid(name, value, why=f"{name} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        date(*(parts + [1] * (3 - len(parts))))
    except ValueError:
        raise _invalid(
            name, value, why=f"{name} {value!r} is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return value


def check_choice(name: str, value: str | None, allowed: list[str]) -> str | None:
    if value and value not in allowed:
        raise _invalid(name, value, sorted(allowed))
    return value or None


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("marsad.web") / name))


def _session_value(token: str) -> str:
    """What the session cookie holds: derived from the token, never the token itself."""
    return hmac.new(token.encode(), b"marsad-session-v1", hashlib.sha256).hexdigest()


MAX_LOGIN_BODY = 4096  # the login form has two short fields


def _same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison on bytes; a credential that is not ASCII (a header or cookie
    decoded as Latin-1, pasted text) is simply wrong, never a server error."""
    if not given.isascii():
        return False
    return hmac.compare_digest(given.encode("ascii"), expected.encode("utf-8"))


async def _limited_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None past ``limit`` bytes (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return body


def _over_tls(request: Request, behind_proxy: bool) -> bool:
    if behind_proxy:
        forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        if forwarded:
            return forwarded == "https"
    return request.url.scheme == "https"


def http_url(value: object) -> str | None:
    """``value`` when it is an http(s) link, else None: only these become hrefs (a
    ``javascript:`` or ``data:`` URL from a feed is shown as text)."""
    if not isinstance(value, str):
        return None
    candidate = value.strip()
    scheme = candidate.split(":", 1)[0].lower() if ":" in candidate else ""
    return (
        candidate
        if scheme in ("http", "https") and candidate[len(scheme) : len(scheme) + 3] == "://"
        else None
    )


def _safe_next(target: str | None) -> str:
    """Only same-site paths after login (no open redirect to //evil or http://...)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def snippet_parts(snippet: str) -> tuple[str, str, str]:
    """A search snippet cut at its \x02...\x03 marks: (before, hit, after), all plain text."""
    before, _, rest = snippet.partition("\x02")
    hit, _, after = rest.partition("\x03")
    return before, hit, after


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(_package_dir("templates"))),
        autoescape=True,  # every template, whatever its extension
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.globals.update(
        date_label=date_label,
        LAYERS=LAYERS,
        sentence_parts=sentence_parts,
        ar=labels.label,
        count=count_phrase,
        snippet_parts=snippet_parts,
        merge_rule=labels.merge_rule_label,
    )
    return Jinja2Templates(env=env)


def create_app(db_path: str | Path, token: str | None = None, *, behind_proxy: bool = False) -> FastAPI:
    """The web app over one database file (opened read-only on every request).

    ``behind_proxy``: trust ``X-Forwarded-Proto`` from a TLS-terminating proxy in front (the
    session cookie is then ``Secure`` when the visitor's connection is https)."""
    db_path = str(db_path)
    Store.open(db_path, readonly=True).close()  # fail now, with the store's one-line error
    templates = _templates()
    app = FastAPI(
        title="Marsad API",
        version="1",
        description="Read-only access to a Marsad store: articles, actors, events, stories, "
        "claims and contradictions. Ids are the export's ids.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db_path = db_path
    app.state.token = token

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        if token and not _page_allowed(request):
            if request.url.path.startswith("/api/"):
                return JSONResponse(
                    {"detail": "missing or wrong bearer token"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer", **SECURITY_HEADERS},
                )
            target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
            response: Response = RedirectResponse(f"/login?next={target}", status_code=303)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def _page_allowed(request: Request) -> bool:
        path = request.url.path
        if path.startswith("/static/") or path == "/login":
            return True
        if path.startswith("/api/"):
            header = request.headers.get("authorization", "")
            scheme, _, given = header.partition(" ")
            return scheme.lower() == "bearer" and _same_secret(given.strip(), token or "")
        cookie = request.cookies.get(SESSION_COOKIE, "")
        return _same_secret(cookie, _session_value(token or ""))

    def desk() -> Iterator[Desk]:
        store = Store.open(db_path, readonly=True)
        try:
            yield Desk(store)
        finally:
            store.close()

    DeskDep = Annotated[Desk, Depends(desk)]

    def _found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
        if value is None:
            raise HTTPException(status_code=404, detail=f"no such {what}")
        return value

    def _one(d: Desk, kind: str, given: str) -> str:
        """The id ``given`` names, itself or as a unique prefix: 404 none, 409 several."""
        found = resolve_id(d.conn, kind, given)
        if not found:
            raise HTTPException(status_code=404, detail=f"no such {kind}")
        if len(found) > 1:
            raise HTTPException(
                status_code=409,
                detail={
                    "msg": f"{given!r} starts several {kind} ids; give more of it",
                    "kind": kind,
                    "candidates": found[:10],
                },
            )
        return found[0]

    def _event_types(d: Desk) -> list[str]:
        return sorted(
            set(labels.EVENT_TYPES) | {r[0] for r in d.conn.execute("SELECT DISTINCT type FROM events")}
        )

    def _actor_types(d: Desk) -> list[str]:
        return sorted(
            set(labels.ENTITY_TYPES) | {r[0] for r in d.conn.execute("SELECT DISTINCT type FROM actors")}
        )

    def _check_actor(d: Desk, name: str, value: str | None) -> str | None:
        if value and not d.conn.execute("SELECT 1 FROM actors WHERE id = ?", (value,)).fetchone():
            raise _invalid(name, value, why=f"no actor has the id {value!r} (see /api/actors?q=...)")
        return value or None

    # --- JSON API -----------------------------------------------------------------

    @app.get("/api/articles", response_model=schemas.ArticlePage, tags=["articles"])
    def api_articles(
        d: DeskDep,
        outlet: Text = None,
        date_from: DateParam = None,
        date_to: DateParam = None,
        actor: Text = None,
        story: Text = None,
        q: Text = None,
        sort: ArticleSort = "relevance",
        order: Order = "asc",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Articles, filtered by outlet, date range, actor mentioned, story, full-text query
        (Arabic-aware; ``sort=relevance`` ranks hits by bm25 and adds a snippet)."""
        return d.articles(
            outlet=check_choice("outlet", outlet, d.outlets()),
            date_from=check_date("date_from", date_from),
            date_to=check_date("date_to", date_to),
            actor=actor,
            story=story,
            q=q,
            sort=sort,
            order=order,
            limit=limit,
            offset=offset,
        )

    @app.get("/api/articles/{article_id}", response_model=schemas.ArticleDetail, tags=["articles"])
    def api_article(d: DeskDep, article_id: str) -> dict[str, Any]:
        """One article: cleaned text, annotations (with spans), flags, duplicates, events."""
        return _found(d.article(_one(d, "article", article_id)), "article")

    @app.get("/api/actors", response_model=schemas.ActorPage, tags=["actors"])
    def api_actors(
        d: DeskDep,
        q: Text = None,
        type: Text = None,
        country: Text = None,
        sort: ActorSort = "name",
        order: Order = "asc",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors with aliases and their event counts; ``q`` finds any known spelling."""
        type = check_choice("type", type, _actor_types(d))
        return d.actors(q=q, type=type, country=country, sort=sort, order=order, limit=limit, offset=offset)

    @app.get("/api/actors/{actor_id}", response_model=schemas.ActorDetail, tags=["actors"])
    def api_actor(d: DeskDep, actor_id: str) -> dict[str, Any]:
        """One actor: aliases, spellings seen, events, most frequent partners, quotes."""
        return _found(d.actor(_one(d, "actor", actor_id)), "actor")

    @app.get("/api/events", response_model=schemas.EventPage, tags=["events"])
    def api_events(
        d: DeskDep,
        type: Text = None,
        actor: Text = None,
        date_from: DateParam = None,
        date_to: DateParam = None,
        story: Text = None,
        sort: EventSort = "date",
        order: Order = "asc",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events by type, actor (source or target), date overlap and story."""
        return d.events(
            type=check_choice("type", type, _event_types(d)),
            actor=actor,
            date_from=check_date("date_from", date_from),
            date_to=check_date("date_to", date_to),
            story=story,
            sort=sort,
            order=order,
            limit=limit,
            offset=offset,
        )

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail, tags=["events"])
    def api_event(d: DeskDep, event_id: str) -> dict[str, Any]:
        """One event with its evidence: the sentence of each mention and its trigger span."""
        return _found(d.event(_one(d, "event", event_id)), "event")

    @app.get("/api/stories", response_model=schemas.StoryPage, tags=["stories"])
    def api_stories(
        d: DeskDep,
        q: Text = None,
        date_from: DateParam = None,
        date_to: DateParam = None,
        outlet: Text = None,
        actor: Text = None,
        type: Text = None,
        place: Text = None,
        sort: StorySort = "first",
        order: Order = "asc",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stories with counts (articles, events, independent sources, recent articles,
        contradictions), outlets and date range; ``sort=sources`` or ``growth`` ranks them
        as the front page does. Filters keep stories with a fitting article or event."""
        return d.stories(
            q=q,
            **_story_filters(d, date_from, date_to, outlet, actor, type, place),
            sort=sort,
            order=order,
            limit=limit,
            offset=offset,
        )

    def _story_filters(
        d: Desk,
        date_from: str | None,
        date_to: str | None,
        outlet: str | None,
        actor: str | None,
        type: str | None,
        place: str | None,
    ) -> dict[str, str | None]:
        return {
            "date_from": check_date("date_from", date_from),
            "date_to": check_date("date_to", date_to),
            "outlet": check_choice("outlet", outlet, d.outlets()),
            "actor": _check_actor(d, "actor", actor),
            "type": check_choice("type", type, _event_types(d)),
            "place": _check_actor(d, "place", place),
        }

    @app.get("/api/stories/{story_id}", response_model=schemas.StoryDetail, tags=["stories"])
    def api_story(d: DeskDep, story_id: str) -> dict[str, Any]:
        """One story: timeline, events with evidence, articles, contradictions."""
        return _found(d.story(_one(d, "story", story_id)), "story")

    @app.get("/api/claims", response_model=schemas.ClaimPage, tags=["claims"])
    def api_claims(
        d: DeskDep,
        article: Text = None,
        story: Text = None,
        subject: Text = None,
        sort: ClaimSort = "article",
        order: Order = "asc",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Figures with a subject, as reported by each article."""
        return d.claims(
            article=article, story=story, subject=subject, sort=sort, order=order, limit=limit, offset=offset
        )

    @app.get("/api/contradictions", response_model=schemas.ContradictionPage, tags=["claims"])
    def api_contradictions(
        d: DeskDep, story: Text = None, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        """Claims that disagree, with the claims themselves."""
        return d.contradictions(story=story, limit=limit, offset=offset)

    @app.get("/api/contradictions/{contradiction_id}", response_model=schemas.Contradiction, tags=["claims"])
    def api_contradiction(d: DeskDep, contradiction_id: str) -> dict[str, Any]:
        return _found(d.contradiction(_one(d, "contradiction", contradiction_id)), "contradiction")

    # --- pages --------------------------------------------------------------------

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front_page(
        request: Request,
        d: DeskDep,
        q: Text = None,
        date_from: Text = None,
        date_to: Text = None,
        outlet: Text = None,
        actor: Text = None,
        type: Text = None,
        place: Text = None,
        sort: FrontSort = "sources",
        offset: Offset = 0,
    ) -> HTMLResponse:
        """What is new and big: stories ranked by independent sources and growth, the
        latest contradictions, the most active actors; filters, sort and counts."""
        filters = _story_filters(
            d, date_from or None, date_to or None, outlet or None, actor or None, type or None, place or None
        )
        order = "desc" if sort in ("articles", "events", "last") else "asc"
        found = d.stories(q=q or None, **filters, sort=sort, order=order, limit=30, offset=offset)
        for s in found["items"]:
            s["volume"] = volume(d.story_volume(s["id"]))
        chosen = {"q": q or "", **{k: v or "" for k, v in filters.items()}}
        query = "&".join(f"{k}={quote(v)}" for k, v in chosen.items() if v)
        return page(
            request,
            "front.html",
            stories=found,
            filters=chosen,
            sort=sort,
            sorts=FRONT_SORTS,
            base_query=query,
            facets=d.facets(),
            contradictions=d.latest_contradictions(),
            actors=d.active_actors(date_from=filters["date_from"], date_to=filters["date_to"]),
            counts=d.counts(),
            anchor=d.anchor_day(filters["date_to"]),
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(
        request: Request, d: DeskDep, story_id: str, events_offset: Offset = 0, articles_offset: Offset = 0
    ) -> HTMLResponse:
        story = _found(
            d.story(
                _one(d, "story", story_id),
                events_offset=events_offset,
                events_limit=STORY_PAGE_EVENTS,
                articles_offset=articles_offset,
                articles_limit=STORY_PAGE_ARTICLES,
            ),
            "story",
        )
        timeline = layout(story["timeline"])
        return page(
            request,
            "story.html",
            story=story,
            timeline=timeline,
            events_page={"total": story["events"], "limit": STORY_PAGE_EVENTS, "offset": events_offset},
            articles_page={
                "total": story["articles"],
                "limit": STORY_PAGE_ARTICLES,
                "offset": articles_offset,
            },
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, d: DeskDep, event_id: str) -> HTMLResponse:
        event = _found(d.event(_one(d, "event", event_id)), "event")
        return page(request, "event.html", event=event, story_titles=d.story_titles(event["stories"]))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, d: DeskDep, q: Text = None, offset: Offset = 0) -> HTMLResponse:
        found = d.actors(q=q or None, sort="events", order="desc", limit=100, offset=offset)
        return page(request, "actors.html", actors=found, q=q or "")

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, d: DeskDep, actor_id: str) -> HTMLResponse:
        actor = _found(d.actor(_one(d, "actor", actor_id)), "actor")
        timeline = layout(actor["events"])
        return page(request, "actor.html", actor=actor, timeline=timeline)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request,
        d: DeskDep,
        q: Text = None,
        outlet: Text = None,
        date_from: DateParam = None,
        date_to: DateParam = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        found = d.articles(
            q=q or None,
            outlet=check_choice("outlet", outlet, d.outlets()),
            date_from=check_date("date_from", date_from),
            date_to=check_date("date_to", date_to),
            sort="relevance" if q else "published",
            order="desc",
            limit=50,
            offset=offset,
        )
        return page(
            request,
            "articles.html",
            articles=found,
            q=q or "",
            outlet=outlet or "",
            outlets=d.outlets(),
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        request: Request,
        d: DeskDep,
        article_id: str,
        span: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$")] = None,
    ) -> HTMLResponse:
        article = _found(d.article(_one(d, "article", article_id)), "article")
        focus = None
        if span:  # the evidence the reader followed here: the whole sentence is outlined
            start, end = (int(x) for x in span.split("-"))
            focus = (min(start, end), max(start, end))
        return page(request, "article.html", article=article, segments=segments(article, focus))

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, next: Text = None) -> HTMLResponse:
        return page(request, "login.html", next=_safe_next(next), error=False)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        # A two-field urlencoded form: parsed here rather than pulling in python-multipart.
        raw = await _limited_body(request, MAX_LOGIN_BODY)
        if raw is None:
            return JSONResponse({"detail": "request body too large"}, status_code=413)
        form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=4)
        given = (form.get("token") or [""])[0]
        target = _safe_next((form.get("next") or ["/"])[0])
        if not token or not _same_secret(given, token):
            return page(request, "login.html", status_code=401, next=target, error=True)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            _session_value(token),
            httponly=True,
            samesite="strict",
            max_age=12 * 3600,
            secure=_over_tls(request, behind_proxy),
        )
        return response

    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(
            request, "error.html", status_code=exc.status_code, status=exc.status_code, detail=exc.detail
        )

    return app
