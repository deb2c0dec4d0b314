"""Real-browser tests: Playwright (from PyPI) driving Debian's Chromium at /usr/bin/chromium.

Setup: ``pip install playwright`` and ``apt-get install -y chromium`` (never
``playwright install``: it downloads browsers). Screenshots go to test-output/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REBOUND = "rebound.test"  # a name an attacker points at 127.0.0.1 (DNS rebinding)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1"]
SHOTS = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is absent: apt-get install -y chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, demo_report_module: dict[str, Any],
           fake_api_class: type) -> Iterator[str]:
    """The app on 127.0.0.1:PORT over a temp SQLite db holding the bundled example.

    Until the store lands, the stored-data API is answered from the analysed example.
    """
    import uvicorn

    from copydesk import api
    from copydesk.web.app import create_app

    mp = pytest.MonkeyPatch()
    try:
        from copydesk.store import Store  # noqa: F401

        db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.db'}"
        api.ingest([str(p) for p in api.demo_paths()], db=db)
    except ImportError:
        fake = fake_api_class(demo_report_module)
        for name in ("list_stories", "story_report", "list_articles", "article_view", "sources", "ingest"):
            mp.setattr(api, name, getattr(fake, name))
        db = "sqlite:///unused.db"
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(5)
    mp.undo()


@pytest.fixture(scope="module")
def demo_report_module() -> dict[str, Any]:
    from copydesk import api

    return api.analyze([str(p) for p in api.demo_paths()], store=False)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _offline(page: Any, allowed: str) -> list[str]:
    """Abort every request that does not start with ``allowed``; the list fills with what was attempted."""
    attempted: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return attempted


def test_story_list_to_disputed_claim_to_highlighted_sentence(browser: Any, server: str) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server}/stories")
    assert page.locator("a.story-link").count() >= 1
    _shot(page, "stories")
    page.locator("a.story-link", has_text="Fire").first.click()
    page.wait_for_load_state()
    assert "/stories/" in page.url and page.locator("h3", has_text="Brief").count() == 1
    _shot(page, "story")
    claim = page.locator(".disputed-claim a.claim-cite").first
    said = None
    if claim.count():
        said = claim.locator("xpath=..").inner_text().split(":", 1)[1].strip().strip("“”")
    else:  # no disputed claim in the example yet: follow the first brief citation instead
        claim = page.locator("sup.cite a").first
    claim.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and "#a-" in page.url
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("e => e.matches(':target') && e.classList.contains('flash')")
    box, viewport = target.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] < viewport["height"], "the cited sentence is scrolled into view"
    if said:
        assert said[:30] in target.inner_text()
    assert target.inner_text().strip()
    bg = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), "the cited sentence is highlighted"
    _shot(page, "article")
    page.close()


def test_html_report_opens_without_network(browser: Any, tmp_path: Path, demo_report_module: dict[str, Any]) -> None:
    from copydesk.report import to_html

    path = tmp_path / "report.html"
    path.write_text(to_html(demo_report_module), "utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    attempted = _offline(page, "file://")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    assert page.locator("svg").count() >= 2
    first = page.locator("sup.cite a").first
    href = first.get_attribute("href")
    first.click()
    assert page.locator(f"[id='{href[1:]}']").evaluate("e => e.classList.contains('flash')")
    _shot(page, "report")
    page.close()
    assert attempted == [] and errors == []


def test_api_docs_render_offline_under_the_policy(browser: Any, server: str) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    attempted = _offline(page, server)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(f"{server}/docs", wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(".opblock", timeout=60_000)  # 1.5 MB of script: slow on a busy machine
    assert page.locator(".opblock").count() >= 10, "Swagger UI lists the routes"
    _shot(page, "docs")
    page.close()
    assert attempted == []
    assert not [m for m in console if "Content Security Policy" in m]


def test_pages_run_their_script_and_nothing_else(browser: Any, server: str) -> None:
    """The story page's own script runs under the policy; an injected inline script would not."""
    page = browser.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{server}/stories")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                             document.body.appendChild(s); }""")
    assert page.evaluate("() => window.injected === undefined")
    assert violations, "the browser reports the injected script as blocked"
    page.close()


def test_a_page_elsewhere_cannot_write_to_the_app(browser: Any, server: str) -> None:
    """A no-cors fetch and an auto-submitted form from another origin are refused; nothing is stored."""
    before = len(_json(browser, f"{server}/articles.json?limit=500")["articles"])
    page = browser.new_page()
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if "/ingest" in r.url else None)
    attacker = f"""<!doctype html><body><form id="f" method="post" action="{server}/ingest"
        enctype="multipart/form-data"><input name="csrf_token" value="guess"></form><script>
        const fd = new FormData();
        fd.append("files", new Blob(["Cross-site words about the harbour fire, long enough to be stored."]), "x.txt");
        fetch("{server}/ingest.json", {{method: "POST", mode: "no-cors", body: fd}})
          .finally(() => {{ document.title = "sent"; document.getElementById("f").submit(); }});
        </script></body>"""
    page.route("http://attacker.test/", lambda route: route.fulfill(body=attacker, content_type="text/html"))
    page.goto("http://attacker.test/")
    page.wait_for_url(f"{server}/ingest", timeout=10_000)
    assert statuses and set(statuses) == {403}, statuses  # the browser may block the fetch itself
    assert "E706" in page.content()
    page.close()
    assert len(_json(browser, f"{server}/articles.json?limit=500")["articles"]) == before


def test_a_rebound_name_gets_no_data(browser: Any, server: str) -> None:
    """An attacker's name resolving to 127.0.0.1 reaches the server, which answers it nothing."""
    port = server.rsplit(":", 1)[1]
    page = browser.new_page()
    r = page.goto(f"http://{REBOUND}:{port}/stories.json")
    assert r is not None and r.status == 421 and "E705" in page.content() and "stories" not in r.json()
    page.close()


def _json(browser: Any, url: str) -> Any:
    page = browser.new_page()
    r = page.goto(url)
    assert r is not None and r.ok
    data = r.json()
    page.close()
    return data
