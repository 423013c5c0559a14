"""Fetching one web page a user named: ``sitrep ingest https://...`` or ``POST /api/ingest
{"url": ...}``.

sitrep never touches the network on its own; this is the single place it does, and only for a
URL a user named (on the API, a token-holding user). The response is streamed and cut off at
``max_bytes`` (a page larger than the cap is refused, not truncated, so no half article is
stored), with a total timeout, http(s) only, and text content types only. Tests inject an
``httpx.MockTransport``: the live network is never used in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from sitrep.errors import InputError
from sitrep.ingest.sources import decode_bytes, human_size, over_limit

#: A fetcher returns the decoded text of the page at a URL, or raises InputError.
Fetcher = Callable[[str], str]

_TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
    "application/json",
    "application/x-ndjson",
)


def is_web_address(text: str) -> bool:
    """Whether a command-line input is an ``http://`` or ``https://`` address, not a path."""
    return text[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class PageFetcher:
    """Fetch a page with a size cap and a timeout (seconds)."""

    max_bytes: int
    timeout: float = 15.0
    transport: httpx.BaseTransport | None = None
    user_agent: str = "sitrep (on-demand page fetch)"

    def __call__(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(url, "only http:// and https:// URLs can be fetched")
        try:
            with (
                httpx.Client(
                    timeout=self.timeout,
                    transport=self.transport,
                    follow_redirects=True,
                    max_redirects=5,
                    headers={"User-Agent": self.user_agent},
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code >= 400:
                    raise InputError(url, f"the server answered HTTP {response.status_code}")
                ctype = response.headers.get("content-type", "text/html").lower()
                if not ctype.startswith(_TEXT_TYPES):
                    raise InputError(url, f"not a text page (content type {ctype})")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise over_limit(
                            url, f"is larger than {human_size(self.max_bytes)}", self.max_bytes
                        )
                declared = response.charset_encoding
        except httpx.HTTPError as exc:
            raise InputError(url, f"could not fetch the page: {exc}") from exc
        return _decoded(url, bytes(body), declared)


def _decoded(url: str, body: bytes, declared: str | None) -> str:
    """The page's text: in the charset the server declared when it decodes the bytes, else read
    as a file is (byte-order mark, UTF-8, the page's ``<meta charset>``, a guess), so a legacy
    page served without a charset is not turned into replacement characters."""
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(url, body).text
