"""Articles named on the web as everywhere else: full id, unique id prefix or the caller's id, echoed back."""

from __future__ import annotations

from typing import Any

import pytest

from copydesk import api
from copydesk.errors import Code, CopydeskError


def test_article_json_takes_a_prefix_or_the_callers_id_and_echoes_it(live_db: str) -> None:
    from fastapi.testclient import TestClient

    from copydesk.web.app import create_app

    with TestClient(create_app(live_db)) as c:
        by_given = c.get("/articles/cw-0308-aldora.json")
        assert by_given.status_code == 200, by_given.text
        article = by_given.json()["article"]
        assert article["given_id"] == "cw-0308-aldora" and article["source"] == "Coastline Wire"
        by_prefix = c.get(f"/articles/{article['id'][:8]}.json")
        assert by_prefix.json()["article"]["id"] == article["id"]
        assert by_prefix.json()["article"]["version"] == 1
        rows = c.get("/articles.json").json()["articles"]
        assert "cw-0308-aldora" in {r["given_id"] for r in rows}


def test_an_ambiguous_article_id_is_a_conflict_not_a_server_error(client: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def ambiguous(ref: str, **_: Any) -> dict[str, Any]:
        raise CopydeskError(Code.E606, detail=f"{ref!r} names 2 articles: aa11 (A), aa22 (B)")

    monkeypatch.setattr(api, "article_view", ambiguous)
    r = client.get("/articles/aa.json")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "E606" and "aa22" in r.json()["error"]["message"]
