"""Polite HTTP for ``copydesk watch``: conditional GET, a per-host rate limit with backoff, robots.txt.

One request to a host at a time, ``watch_host_delay`` seconds apart; a host that
times out, refuses, or answers 429 / 5xx waits exponentially longer (``Retry-After``
honoured, ``watch_max_backoff`` at most) before it is asked again. robots.txt is
read once per origin per hour with ``urllib.robotparser``: unreachable (5xx, timeout)
means nothing may be fetched there for now, missing (4xx) means everything may.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urlsplit

import httpx

from copydesk.errors import Code, IngestError
from copydesk.settings import Settings

__all__ = ["FetchError", "Fetcher", "Response"]

ROBOTS_TTL = 3600.0
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str


class FetchError(IngestError):
    """A request that failed (E120); ``transient`` when it may succeed later (timeout, 429, 5xx, backoff)."""

    def __init__(self, detail: str, transient: bool) -> None:
        super().__init__(Code.E120, detail=detail)
        self.transient = transient


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None


class Fetcher:
    """GETs with the rate limit, backoff and robots rules above; every failure is IngestError E120/E121."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.clock, self.sleep = clock, sleep
        self.client = httpx.Client(timeout=httpx.Timeout(settings.watch_timeout), follow_redirects=True,
                                   max_redirects=5, headers={"User-Agent": settings.watch_user_agent},
                                   transport=transport)
        self.next_at: dict[str, float] = {}  # host -> earliest time of its next request
        self.failures: dict[str, int] = {}
        self.robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, host: str) -> None:
        wait = self.next_at.get(host, 0.0) - self.clock()
        if wait > self.settings.watch_max_backoff:
            raise FetchError(f"{host} is backing off for {wait:.0f} s", transient=True)
        if wait > 0:
            self.sleep(wait)

    def _done(self, host: str, ok: bool, retry_after: float | None = None) -> None:
        if ok:
            self.failures.pop(host, None)
            delay = self.settings.watch_host_delay
        else:
            n = self.failures[host] = self.failures.get(host, 0) + 1
            delay = max(self.settings.watch_host_delay, 1.0) * 2 ** n
            if retry_after is not None:
                delay = max(delay, retry_after)
            delay = min(delay, self.settings.watch_max_backoff)
        self.next_at[host] = self.clock() + delay

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when validators are given); 200 and 304 return, the rest raise.

        FetchError (E120) for a failed request, IngestError E105 for a body over ``max_input_bytes``.
        """
        host = urlsplit(url).netloc
        if urlsplit(url).scheme not in ("http", "https") or not host:
            raise FetchError(f"{url!r} is not an http(s) URL", transient=False)
        self._wait_turn(host)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = self.settings.max_input_bytes
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                body = b""
                if r.status_code == 200:
                    chunks, size = [], 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            self._done(host, True)
                            raise IngestError(Code.E105, size=size, limit=limit)
                        chunks.append(chunk)
                    body = b"".join(chunks)
        except httpx.HTTPError as exc:
            self._done(host, False)
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}"[:300], transient=True) from exc
        if r.status_code in (200, 304):
            self._done(host, True)
            return Response(str(r.url), r.status_code, body, r.headers.get("etag"), r.headers.get("last-modified"),
                            r.headers.get("content-type", ""))
        retry = r.status_code in _RETRY_STATUS
        self._done(host, not retry, _retry_after(r.headers.get("retry-after")))
        raise FetchError(f"{url}: HTTP {r.status_code}", transient=retry)

    def _robots(self, origin: str) -> tuple[float, urllib.robotparser.RobotFileParser | None]:
        """How long to keep it and the parsed robots.txt of ``origin``; None (nothing allowed) when unreachable."""
        try:
            lines = self.get(origin + "/robots.txt").body.decode("utf-8", "replace").splitlines()
        except FetchError as err:
            if err.transient:
                return min(ROBOTS_TTL, self.settings.watch_interval), None
            lines = []  # missing (4xx): everything allowed
        except IngestError:  # oversized: as if missing
            lines = []
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(lines)
        return ROBOTS_TTL, parser

    def allowed(self, url: str) -> bool | None:
        """Whether robots.txt of ``url``'s origin lets ``watch_user_agent`` fetch it; None: unknown for now."""
        origin = _origin(url)
        now = self.clock()
        cached = self.robots.get(origin)
        if cached is None or cached[0] <= now:
            ttl, parser = self._robots(origin)
            self.robots[origin] = cached = (now + ttl, parser)
        parser = cached[1]
        return None if parser is None else parser.can_fetch(self.settings.watch_user_agent, url)
