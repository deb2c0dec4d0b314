"""A news site served from 127.0.0.1 for the watch tests: feeds, pages, robots.txt and misbehaviour on demand."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from xml.sax.saxutils import escape

TOWNS = ["Calder Reach", "Osterby", "Pellan Ford", "Wrenmouth", "Hadley Cross", "Marrow Vale"]
WHAT = ["a grain silo fire", "a ferry collision", "a dam inspection", "a power cut", "a rail strike"]


def page_html(i: int, title: str, outlet: str = "Valley Courier") -> str:
    """A whole article page with enough invented text for trafilatura to find the main text."""
    town, what = TOWNS[i % len(TOWNS)], WHAT[i % len(WHAT)]
    paras = [f"Officials in {town} said on Tuesday that {what} had closed the main road for {i + 3} hours.",
             f"About {40 + i} residents were moved to the {town} community hall while crews worked overnight.",
             f"The county engineer, Mara Lindqvist, said the cost of repairs could reach {i + 2} million dollars.",
             f"Traffic through {town} was diverted along the river road, adding twenty minutes to journeys."]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<meta property=\"og:site_name\" content=\"{outlet}\"></head><body><nav><a href=\"/\">Home</a></nav>"
            f"<main><article><h1>{escape(title)}</h1>{body}</article></main><footer>(c) {outlet}</footer>"
            f"</body></html>")


def rss(items: list[tuple[str, str, str]], summary: str = "") -> str:
    """An RSS 2.0 feed of (guid, link, title) items, each with an optional description."""
    parts = "".join(f"<item><guid>{escape(g)}</guid><link>{escape(link)}</link><title>{escape(t)}</title>"
                    f"<description>{escape(summary)}</description></item>" for g, link, t in items)
    return (f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Courier</title>"
            f"<link>http://127.0.0.1/</link>{parts}</channel></rss>")


@dataclass
class Route:
    """What one path answers: a body and status, with optional ETag / Last-Modified validators and a delay."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """A threaded HTTP server on 127.0.0.1 with a route table; every request is logged (path, headers, time)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.log: list[tuple[str, dict[str, str], float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                site.log.append((self.path, dict(self.headers), time.monotonic()))
                found = site.routes.get(self.path)
                route = found() if callable(found) else found
                if route is None:
                    route = Route(b"not here", 404, "text/plain")
                if route.delay:
                    time.sleep(route.delay)
                validators_match = ((route.etag and self.headers.get("If-None-Match") == route.etag)
                                    or (route.last_modified
                                        and self.headers.get("If-Modified-Since") == route.last_modified))
                status = 304 if route.status == 200 and validators_match else route.status
                self.send_response(status)
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                for k, v in headers.items():
                    self.send_header(k, v)
                body = b"" if status == 304 else route.body
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                site.posts.append(self.rfile.read(n))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.posts: list[bytes] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def feed(self, path: str, n: int, *, etag: str | None = None, first: int = 0, summary: str = "") -> list[str]:
        """Serve an RSS feed at ``path`` with ``n`` entries whose pages are served too; returns the page paths."""
        pages = []
        for i in range(first, first + n):
            p = f"{path}/story-{i}.html"
            self.routes[p] = Route(page_html(i, f"Road closed in {TOWNS[i % len(TOWNS)]}, item {i}").encode())
            pages.append(p)
        items = [(f"{path}#{i}", self.url(p), f"Item {i}") for i, p in zip(range(first, first + n), pages)]
        self.routes[path] = Route(rss(items, summary).encode(), content_type="application/rss+xml",
                                  etag=etag, last_modified=formatdate(usegmt=True) if etag else None)
        return pages

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.log if p == path)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
