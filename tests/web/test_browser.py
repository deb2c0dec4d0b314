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
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
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
    attempted: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
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
