"""What keeps the web app safe to leave running on a shared machine.

One ASGI middleware answers only requests addressed to the address the server is
bound to (DNS rebinding), refuses cross-origin writes (a page elsewhere posting
to the app), and sets a Content-Security-Policy, ``nosniff`` and frame
protection on every response. Forms carry a token only the app's own pages know.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any, Awaitable, Callable, Iterable, MutableMapping
from urllib.parse import urlsplit

from copydesk.errors import Code

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_DEFAULT_PORT = {"http": 80, "https": 443}
_SAME_SITE = frozenset({"same-origin", "none"})


def error_body(code: str, message: str, status: int) -> dict[str, Any]:
    """The one error shape of the web app."""
    return {"error": {"code": code, "message": message, "status": status}}


def link_target(url: object) -> str | None:
    """``url`` when it is an absolute http(s) link, else None: stored URLs are never followed otherwise."""
    if not isinstance(url, str) or any(c.isspace() or ord(c) < 0x20 or c == "\x7f" for c in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def content_security_policy(nonce: str) -> str:
    """The policy of every response: scripts only from the app and with this response's nonce."""
    return "; ".join((
        "default-src 'none'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",  # SVG pictures and report tables carry style attributes
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ))


def _host_port(value: str, scheme: str) -> tuple[str, int] | None:
    """A Host header as (lower-cased name, port), None when it cannot be one."""
    try:
        parts = urlsplit(f"//{value}")
        name, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not name or parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    if ":" in name:
        name = f"[{name}]"
    return name.lower(), port if port is not None else _DEFAULT_PORT.get(scheme, 80)


def _bound_names(server: tuple[str, int] | None, extra: Iterable[str]) -> tuple[set[str], int | None]:
    names = {*LOOPBACK, *(h.lower() for h in extra if h)}
    if server is None:
        return names, None
    host = server[0]
    names.add(f"[{host}]" if ":" in host else host.lower())
    return names, server[1]


def refusal(scope: Scope) -> tuple[int, str, str] | None:
    """Why this request must not be answered, as (HTTP status, code, message); None when it may be.

    ``scope["server"]`` is the address the connection was accepted on, so the Host
    a browser sends must name that address and its port; a write must come from a
    page of that same origin (``Origin``, else ``Sec-Fetch-Site``).
    """
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
    scheme = scope.get("scheme", "http")
    host = headers.get("host", "")
    names, port = _bound_names(scope.get("server"), scope.get("copydesk.hosts", ()))
    parsed = _host_port(host, scheme)
    if parsed is None or parsed[0] not in names or (port is not None and parsed[1] != port):
        return 421, "E705", Code.E705.format(detail=f"Host {host[:100]!r} is not the address this app listens on")
    if scope.get("method", "GET") in SAFE_METHODS:
        return None
    origin = headers.get("origin")
    if origin is not None:
        o = urlsplit(origin) if origin != "null" else None
        same = (o is not None and o.scheme == scheme and not o.path
                and _host_port(o.netloc, o.scheme) == parsed)
        if not same:
            return 403, "E706", Code.E706.format(detail=f"a page of {origin[:100]!r} may not write to this app")
    elif headers.get("sec-fetch-site", "same-origin") not in _SAME_SITE:
        return 403, "E706", Code.E706.format(detail="a page of another site may not write to this app")
    return None


class Guard:
    """ASGI middleware: refuses misaddressed and cross-origin requests, adds the security headers."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.hosts = tuple(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        scope["copydesk.hosts"] = self.hosts
        policy = content_security_policy(nonce).encode()

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ())
                           if k.lower() not in (b"content-security-policy", b"x-content-type-options", b"x-frame-options")]
                headers += [(b"content-security-policy", policy), (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]
                message["headers"] = headers
            await send(message)

        why = refusal(scope)
        if why is None:
            await self.app(scope, receive, send_secured)
            return
        status, code, message = why
        body = json.dumps(error_body(code, message, status)).encode()
        await send_secured({"type": "http.response.start", "status": status,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
        await send_secured({"type": "http.response.body", "body": body})


class CsrfTokens:
    """One secret per running app, put in its forms and required on every write.

    Only a page served by this app can read it (other origins cannot read our
    pages, and the Host check stops DNS rebinding), so a write carrying it was
    sent from one of our pages. There are no sessions or cookies to tie it to.
    """

    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(32)

    def valid(self, given: object) -> bool:
        return isinstance(given, str) and hmac.compare_digest(given.encode(), self.token.encode())
