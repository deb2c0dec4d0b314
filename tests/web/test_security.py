"""The web app on a shared machine: stored links, security headers, Host and Origin, CSRF, uploads, parameters."""

from __future__ import annotations

import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from copydesk.settings import Settings


def _token(client: Any) -> str:
    return client.get("/upload.json").json()["csrf_token"]


def _story_id(client: Any) -> str:
    return client.get("/stories.json").json()["stories"][0]["id"]


def _article_id(client: Any) -> str:
    return client.get("/articles.json").json()["articles"][0]["id"]


def _finished(client: Any, location: str) -> dict[str, Any]:
    url = location if location.endswith(".json") else f"{location}.json"
    for _ in range(100):
        data = client.get(url).json()
        if data["state"] in ("done", "failed"):
            return data
        time.sleep(0.05)
    raise AssertionError(f"job {url} did not finish")


def _uploads_left() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("copydesk-upload-*")}


@pytest.fixture()
def small_client(fake_api: Any) -> Iterator[Any]:
    """The app with a 4 KB upload limit."""
    from fastapi.testclient import TestClient

    from copydesk.web.app import create_app

    with TestClient(create_app("sqlite:///unused.db", Settings.load(max_upload_bytes=4096))) as c:
        yield c


# --- stored links --------------------------------------------------------------------------

@pytest.mark.parametrize("url,linked", [
    ("javascript:alert(1)", False),
    ("JavaScript:alert(document.domain)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False),
    ("//evil.example/x", False),
    ("https://news.example/a?b=1&c=2", True),
    ("http://news.example/a", True),
])
def test_only_http_links_become_links(client: Any, fake_api: Any, monkeypatch: pytest.MonkeyPatch,
                                      url: str, linked: bool) -> None:
    aid = _article_id(client)
    monkeypatch.setitem(fake_api.arts[aid], "url", url)
    page = client.get(f"/articles/{aid}").text
    hrefs = re.findall(r'<a href="([^"]*)"[^>]*>original</a>', page)
    assert hrefs == ([url.replace("&", "&amp;")] if linked else [])
    if not linked:
        assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', page)).lower()


# --- headers on every page -----------------------------------------------------------------

def _urls(client: Any) -> list[str]:
    sid, aid = _story_id(client), _article_id(client)
    return ["/stories", "/stories.json", f"/stories/{sid}", f"/stories/{sid}.json", f"/stories/{sid}.md",
            f"/stories/{sid}.html", "/articles", f"/articles/{aid}", f"/articles/{aid}.json", "/upload",
            "/upload.json", "/jobs/nope", "/no/such/page", "/stories?since=yesterday", "/docs", "/openapi.json"]


def test_every_response_carries_the_security_headers(client: Any) -> None:
    for url in _urls(client):
        r = client.get(url)
        csp = r.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, url
        script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
        assert r.headers.get("x-content-type-options") == "nosniff", url
        assert r.headers.get("x-frame-options") == "DENY", url


def test_inline_scripts_carry_the_nonce_of_their_response(client: Any) -> None:
    for url in ("/stories", f"/stories/{_story_id(client)}", "/upload", "/docs"):
        r = client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", r.headers["content-security-policy"]).group(1)
        scripts = re.findall(r"<script([^>]*)>", r.text)
        assert scripts, url
        assert all(f'nonce="{nonce}"' in attrs for attrs in scripts if "src=" not in attrs), url
    first, second = (client.get("/stories").headers["content-security-policy"] for _ in range(2))
    assert first != second, "a nonce is used once"


def test_the_standalone_report_is_a_download(client: Any) -> None:
    r = client.get(f"/stories/{_story_id(client)}.html")
    assert r.headers["content-disposition"].startswith("attachment;")


def test_api_docs_work_offline(client: Any) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "SwaggerUIBundle" in page.text
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page.text), "no asset from another host"
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', page.text)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        r = client.get(asset)
        assert r.status_code == 200 and len(r.content) > 1000, asset
    assert "validatorUrl" in page.text


# --- Host and Origin -----------------------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "testserver:8080", "127.0.0.1.evil.example",
                                  "user@testserver", ""])
def test_requests_to_another_host_name_are_refused(client: Any, host: str) -> None:
    r = client.get("/stories.json", headers={"host": host})
    assert r.status_code == 421 and r.json()["error"]["code"] == "E705"
    assert "Tidewater" not in r.text


@pytest.mark.parametrize("host", ["testserver", "localhost", "127.0.0.1:80", "[::1]", "LOCALHOST"])
def test_the_bound_address_and_loopback_names_are_answered(client: Any, host: str) -> None:
    assert client.get("/stories.json", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"origin": "http://testserver:8080"},
    {"origin": "https://testserver"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
])
@pytest.mark.parametrize("endpoint", ["/ingest", "/ingest.json"])
def test_cross_origin_writes_are_refused(client: Any, fake_api: Any, headers: dict[str, str], endpoint: str) -> None:
    """What a no-cors fetch or an auto-submitted form from another page sends, token or not."""
    before = _uploads_left()
    r = client.post(endpoint, files=[("files", ("a.txt", b"Words of a cross-site upload."))],
                    data={"csrf_token": _token(client)}, headers=headers, follow_redirects=False)
    assert r.status_code == 403 and r.json()["error"]["code"] == "E706"
    assert fake_api.ingested == [] and _uploads_left() <= before


def test_a_same_origin_write_with_the_token_is_accepted(client: Any, fake_api: Any) -> None:
    r = client.post("/ingest", files=[("files", ("a.txt", b"Words of a same-site upload."))],
                    data={"csrf_token": _token(client)},
                    headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"}, follow_redirects=False)
    assert r.status_code == 303
    assert _finished(client, r.headers["location"])["state"] == "done" and fake_api.ingested == [["a.txt"]]


# --- CSRF token ----------------------------------------------------------------------------

@pytest.mark.parametrize("token", [None, "", "forged-token"])
@pytest.mark.parametrize("endpoint", ["/ingest", "/ingest.json"])
def test_writes_without_the_form_token_are_refused(client: Any, fake_api: Any, token: str | None,
                                                   endpoint: str) -> None:
    before = _uploads_left()
    data = {} if token is None else {"csrf_token": token}
    r = client.post(endpoint, files=[("files", ("a.txt", b"Words of a forged upload."))], data=data,
                    follow_redirects=False)
    assert r.status_code == 403 and "E706" in r.text  # the form gets the error page, the API the error shape
    assert fake_api.ingested == [] and _uploads_left() <= before


def test_the_upload_form_carries_the_token(client: Any) -> None:
    form = client.get("/upload").text
    assert f'<input type="hidden" name="csrf_token" value="{_token(client)}">' in form


def test_the_token_may_come_as_a_header(client: Any, fake_api: Any) -> None:
    r = client.post("/ingest.json", files=[("files", ("a.txt", b"Words of a scripted upload."))],
                    headers={"x-csrf-token": _token(client)})
    assert r.status_code in (200, 202) and _finished(client, r.headers["location"])["state"] == "done"


# --- uploads -------------------------------------------------------------------------------

def test_an_upload_over_the_limit_is_refused_before_it_is_read(small_client: Any, fake_api: Any) -> None:
    before = _uploads_left()
    r = small_client.post("/ingest.json", files=[("files", ("big.txt", b"x" * 10_000))],
                          data={"csrf_token": _token(small_client)})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E105" and "4096" in r.json()["error"]["message"]
    assert fake_api.ingested == [] and _uploads_left() <= before


def test_a_body_without_length_stops_at_the_limit(small_client: Any, fake_api: Any) -> None:
    """Counted by the bytes received, not by what Content-Length claims."""
    token = _token(small_client)
    boundary = "copydeskboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()
    sent = [0]

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(1000):  # 1 MB offered in 1 KB chunks
            sent[0] += 1
            yield b"y" * 1024
        yield f"\r\n--{boundary}--\r\n".encode()

    r = small_client.post("/ingest.json", content=body(),
                          headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E105"
    assert fake_api.ingested == []


def test_a_long_file_name_is_shortened_and_the_upload_folder_never_shown(client: Any, fake_api: Any) -> None:
    long_name = "a" * 300 + ".bad"
    r = client.post("/ingest.json", files=[("files", (long_name, b"not an article")),
                                           ("files", ("b" * 300 + ".txt", b"Words of an article with a long name."))],
                    data={"csrf_token": _token(client)})
    assert r.status_code in (200, 202)
    job = _finished(client, r.headers["location"])
    assert job["state"] == "done" and job["summary"]["rejected"] == 1
    names = fake_api.ingested[0]
    assert all(len(n.encode()) <= 255 for n in names) and names[0].endswith(".bad") and names[1].endswith(".txt")
    shown = str(job)
    assert tempfile.gettempdir() not in shown and "copydesk-upload-" not in shown
    assert job["summary"]["rejections"][0]["input"] == names[0]


def test_same_named_files_from_two_folders_are_both_ingested(client: Any, fake_api: Any) -> None:
    files = [("files", ("north/report.txt", b"North desk words about the harbour fire.")),
             ("files", ("south/report.txt", b"South desk words about the harbour fire.")),
             ("files", ("report.txt", b"First loose copy.")), ("files", ("report.txt", b"Second loose copy.")),
             ("files", ("report.json", b'{"source": "First"}')), ("files", ("report.json", b'{"source": "Second"}'))]
    r = client.post("/ingest.json", files=files, data={"csrf_token": _token(client)})
    assert _finished(client, r.headers["location"])["state"] == "done"
    contents, sidecars = fake_api.contents[0], fake_api.sidecars[0]
    assert sorted(contents.values()) == sorted(c for _, (_, c) in files[:4]), "nothing overwritten"
    by_text = {text: sidecars.get(path) for path, text in contents.items()}
    assert by_text[b"First loose copy."] == b'{"source": "First"}'
    assert by_text[b"Second loose copy."] == b'{"source": "Second"}'
    assert by_text[b"North desk words about the harbour fire."] is None


# --- parameters ----------------------------------------------------------------------------

QUERIES = {"offset past int64": "offset=9223372036854775808", "negative offset": "offset=-1",
           "offset past the cap": "offset=99999999999", "huge limit": "limit=100000000000000000000",
           "zero limit": "limit=0", "60,000-char q": "q=" + "x" * 60_000,  # the client caps URLs at 64 KB
           "10,000-char source": "source=" + "s" * 10_000, "5,000-digit since": "since=" + "2" * 5000}


@pytest.mark.parametrize("query", list(QUERIES.values()), ids=list(QUERIES))
@pytest.mark.parametrize("listing", ["/stories", "/articles"])
def test_bad_parameters_are_a_bad_request(live_client: Any, listing: str, query: str) -> None:
    for url in (f"{listing}.json?{query}", f"{listing}?{query}"):
        r = live_client.get(url, headers={"accept": "application/json"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "E702", url
        assert "SELECT" not in r.text and len(r.text) < 2000


@pytest.fixture()
def live_client(live_db: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from copydesk.web.app import create_app

    with TestClient(create_app(live_db), raise_server_exceptions=False) as c:
        yield c


# --- the event loop ------------------------------------------------------------------------

def test_an_upload_does_not_hold_the_other_pages(client: Any, fake_api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """While an ingest runs, the upload's answer waits for it; the story list does not."""
    release = threading.Event()
    real = fake_api.ingest

    def slow(*a: Any, **k: Any) -> Any:
        release.wait(3)
        return real(*a, **k)

    monkeypatch.setattr("copydesk.api.ingest", slow)
    token = _token(client)
    uploads = [threading.Thread(target=client.post, args=("/ingest.json",),
                                kwargs={"files": [("files", (f"u{i}.txt", b"Words of a slow upload."))],
                                        "data": {"csrf_token": token}}) for i in range(4)]
    for t in uploads:
        t.start()
    time.sleep(0.3)
    started = time.perf_counter()
    assert client.get("/stories.json").status_code == 200
    waited = time.perf_counter() - started
    release.set()
    for t in uploads:
        t.join(10)
    assert waited < 1.0, f"the story list waited {waited:.2f} s behind the uploads"
