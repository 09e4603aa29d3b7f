"""Fetching http(s) URLs with httpx: bounded time and size, a User-Agent that names us.

Only the fetching lives here; what the body is (HTML page, feed, JSON) is decided by the
dispatcher from the Content-Type and the body itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from marsad import __version__ as MARSAD_VERSION
from marsad.model import ReadProblem

USER_AGENT = f"Marsad/{MARSAD_VERSION} (Arabic news observatory; +https://github.com/marsad)"
MAX_BYTES = 20 << 20


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # media type only, lower case ("text/html")
    body: bytes


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def make_client(timeout: float) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=10,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
            "application/atom+xml, application/xml;q=0.9, application/json;q=0.9, */*;q=0.5",
        },
    )


def fetch(
    url: str, *, timeout: float = 20.0, max_bytes: int = MAX_BYTES, client: httpx.Client | None = None
) -> Fetched | ReadProblem:
    """The body of ``url``, or a ReadProblem saying why not (HTTP status, timeout, network)."""
    own = client is None
    client = client or make_client(timeout)
    try:
        with client.stream("GET", url, timeout=timeout) as response:
            if response.status_code >= 400:
                return ReadProblem(url, f"HTTP {response.status_code}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return ReadProblem(url, f"larger than the {max_bytes >> 20} MB cap")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    return ReadProblem(url, f"larger than the {max_bytes >> 20} MB cap")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return Fetched(str(response.url), content_type, bytes(body))
    except httpx.TimeoutException:
        return ReadProblem(url, f"timed out after {timeout:g}s")
    except httpx.TooManyRedirects:
        return ReadProblem(url, "too many redirects")
    except httpx.InvalidURL as err:
        return ReadProblem(url, f"invalid URL: {err}")
    except httpx.HTTPError as err:
        return ReadProblem(url, f"connection failed: {type(err).__name__}: {err}".rstrip(": "))
    finally:
        if own:
            client.close()
