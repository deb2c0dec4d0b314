"""Every route of the web app, its JSON twin, the error shape, uploads and empty states."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from copydesk import report
from copydesk.report.highlight import anchor_id


def _token(client: Any) -> dict[str, str]:
    """The form field a write needs, as the upload page hands it out."""
    return {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', client.get("/upload").text).group(1)}


def _story_id(client: Any) -> str:
    return client.get("/stories.json").json()["stories"][0]["id"]


def _disputed(client: Any) -> tuple[str, dict[str, Any]]:
    sid = _story_id(client)
    doc = client.get(f"/stories/{sid}.json").json()
    claims = [c for c in doc["stories"][0]["claims"] if c["mentions"]]
    return sid, next((c for c in claims if c["status"] == "disputed"), claims[0])


def test_home_redirects_to_the_story_list(client: Any) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/stories"


def test_story_list_and_twin(client: Any) -> None:
    html = client.get("/stories")
    data = client.get("/stories.json").json()
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    assert data["stories"] and all(s["title"] in html.text.replace("&#39;", "'") for s in data["stories"])
    assert "Coastline Wire" in data["sources"]


@pytest.mark.parametrize("query,title_words", [
    ("q=tram", ["tram"]),
    ("source=Tidewater+Post", ["fire"]),
    ("q=no-such-words-anywhere", []),
])
def test_story_filters(client: Any, query: str, title_words: list[str]) -> None:
    """Each filter keeps the stories whose titles carry these words, in order (labels may be reworded)."""
    rows = client.get(f"/stories.json?{query}").json()["stories"]
    assert len(rows) == len(title_words)
    assert all(w in r["title"].lower() for r, w in zip(rows, title_words))
    page = client.get(f"/stories?{query}")
    assert page.status_code == 200
    if not title_words:
        assert "No story matches these filters" in page.text


def test_story_page_shows_every_part(client: Any) -> None:
    sid = _story_id(client)
    page = client.get(f"/stories/{sid}").text
    for part in ("Brief", "Claims × sources", "Timeline", "Who depends on whom", "Quote board"):
        assert part in page
    assert page.count("<svg") >= 2
    doc = client.get(f"/stories/{sid}.json").json()
    assert doc["schema"] == "copydesk.report/1" and doc["stories"][0]["id"] == sid


def test_story_downloads(client: Any) -> None:
    sid = _story_id(client)
    assert client.get(f"/stories/{sid}.md").text.startswith("# copydesk report")
    html = client.get(f"/stories/{sid}.html").text
    assert html.startswith("<!doctype html>") and "<style>" in html


def test_citation_links_land_on_an_anchored_sentence(client: Any) -> None:
    sid, claim = _disputed(client)
    page = client.get(f"/stories/{sid}").text
    m = claim["mentions"][0]
    links = [seg.split('"')[0] for seg in page.split(f'href="/articles/{m["article"]}#')[1:]]
    assert links, "the story page links to the article sentences"
    art = client.get(f"/articles/{m['article']}").text
    assert all(f'id="{anchor}"' in art for anchor in links)


def test_article_page_and_twin(client: Any) -> None:
    sid, claim = _disputed(client)
    aid = claim["mentions"][0]["article"]
    view = client.get(f"/articles/{aid}.json").json()
    assert view["article"]["id"] == aid and any(c["id"] == claim["id"] for c in view["claims"])
    page = client.get(f"/articles/{aid}").text
    assert f'href="/stories/{sid}?claim={claim["id"]}#claim-{claim["id"]}"' in page
    assert f'id="{anchor_id(aid, 0)}"' in page
    assert 'class="sent cited"' in page


def test_article_list_and_twin(client: Any) -> None:
    data = client.get("/articles.json?source=Coastline+Wire").json()
    assert [a["source"] for a in data["articles"]] == ["Coastline Wire"]
    assert "Coastline Wire" in client.get("/articles?source=Coastline+Wire").text


@pytest.mark.parametrize("url,code,status", [
    ("/stories/nope", "E604", 404),
    ("/articles/nope", "E603", 404),
    ("/no/such/page", "E701", 404),
    ("/stories?since=yesterday", "E702", 400),
    ("/stories?limit=0", "E702", 400),
    ("/articles?limit=many", "E702", 400),
    ("/jobs/nope", "E704", 404),
])
def test_errors_share_one_shape(client: Any, url: str, code: str, status: int) -> None:
    path, _, query = url.partition("?")
    twin = client.get(f"{path}.json" + (f"?{query}" if query else ""))
    assert twin.status_code == status
    assert twin.json() == {"error": {"code": code, "message": twin.json()["error"]["message"], "status": status}}
    assert twin.json()["error"]["message"]
    page = client.get(url, headers={"accept": "text/html"})
    assert page.status_code == status and "text/html" in page.headers["content-type"]
    assert code in page.text and "Back to the stories" in page.text
    api_style = client.get(url, headers={"accept": "application/json"})
    assert api_style.json()["error"]["code"] == code


def test_upload_form_and_ingest_job(client: Any, fake_api: Any) -> None:
    assert 'enctype="multipart/form-data"' in client.get("/upload").text
    assert client.get("/upload.json").json()["endpoint"] == "/ingest"
    files = [("files", ("piece.txt", b"The council met on Tuesday to discuss the budget.")),
             ("files", ("piece.json", b'{"source": "Town Crier"}')),
             ("files", ("../../etc/evil.jsonl", b"{}"))]
    r = client.post("/ingest", files=files, data=_token(client), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job = r.headers["location"]
    for _ in range(50):
        data = client.get(f"{job}.json").json()
        if data["state"] == "done":
            break
        time.sleep(0.05)
    assert data["state"] == "done" and data["summary"]["ingested"] == 2
    assert fake_api.ingested == [["piece.txt", "evil.jsonl"]], "sidecars travel with their text; names are made safe"
    assert fake_api.warmed == [[p for p in fake_api.contents[0] if not p.endswith(".json")]], \
        "the job analyses the stories its new articles joined"
    assert "article(s) ingested" in client.get(job).text


def test_ingest_json_answers_with_the_job(client: Any) -> None:
    r = client.post("/ingest.json", files=[("files", ("a.jsonl", b'{"text": "x"}'))],
                    data={"csrf_token": client.get("/upload.json").json()["csrf_token"]})
    assert r.status_code in (200, 202) and r.json()["id"]
    assert r.headers["location"] == f"/jobs/{r.json()['id']}.json"


def test_ingest_without_files_is_a_bad_request(client: Any) -> None:
    r = client.post("/ingest.json", files=[("files", ("", b""))], data=_token(client))
    assert r.status_code == 400 and r.json()["error"]["code"] == "E702"


def test_failed_ingest_shows_its_error(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk import api
    from copydesk.errors import Code, CopydeskError

    def broken(*a: Any, **k: Any) -> Any:
        raise CopydeskError(Code.E601, detail="disk full")

    monkeypatch.setattr(api, "ingest", broken)
    r = client.post("/ingest.json", files=[("files", ("a.txt", b"some words"))], data=_token(client))
    assert r.json()["state"] == "failed" and r.json()["error"]["code"] == "E601"


def test_empty_database_explains_what_to_do(empty_client: Any) -> None:
    page = empty_client.get("/stories").text
    assert "No stories yet" in page and "copydesk ingest PATH" in page and 'href="/upload"' in page
    assert "No articles yet" in empty_client.get("/articles").text
    assert empty_client.get("/stories.json").json()["stories"] == []


def test_openapi_lists_the_routes(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/stories", "/stories.json", "/stories/{story_id}", "/stories/{story_id}.json",
                 "/articles/{article_id}", "/articles/{article_id}.json", "/ingest", "/jobs/{job_id}.json"):
        assert path in spec["paths"]


def test_pages_need_no_third_party_assets(client: Any) -> None:
    sid = _story_id(client)
    for url in ("/stories", f"/stories/{sid}", "/upload", "/articles"):
        html = client.get(url).text
        assert "<script src" not in html and "<link" not in html
        assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html)


def test_live_store_round_trip(live_db: str) -> None:
    """The app over a real database (skips until the store is available)."""
    from fastapi.testclient import TestClient

    from copydesk.web.app import create_app

    with TestClient(create_app(live_db)) as c:
        rows = c.get("/stories.json").json()["stories"]
        assert rows
        assert c.get(f"/stories/{rows[0]['id']}").status_code == 200
        aid = c.get("/articles.json").json()["articles"][0]["id"]
        assert c.get(f"/articles/{aid}").status_code == 200


@pytest.mark.parametrize("mention,title", [
    ({"kind": "time", "value": {"timex": "2026-03-08"}}, "time: 2026-03-08"),
    ({"kind": "quantity", "value": {"amount": 11.0, "qualifier": None, "unit": None}, "counted": "crew members"},
     "quantity: 11.0 crew members"),
    ({"kind": "quantity", "value": {"amount": None, "low": 3.0, "high": 5.0, "unit": "km"}}, "quantity: 3.0–5.0 km"),
    ({"kind": "quote", "speaker": "Helena Marsh"}, "quote: Helena Marsh"),
    ({"kind": "entity", "type": "ORG", "canonical": "Velamar Shipping"}, "entity: ORG Velamar Shipping"),
])
def test_mention_titles(mention: dict[str, Any], title: str) -> None:
    from copydesk.web.app import mention_title

    assert mention_title(mention) == title


def test_mentions_inside_a_claim_link_to_it() -> None:
    from copydesk.web.app import article_context

    text = "Eleven crew members were hurt on Sunday. The port stayed shut."
    view = {"article": {"id": "a1", "text": text}, "story": "s1",
            "mentions": [{"kind": "time", "start": 33, "end": 39, "value": {"timex": "2026-03-08"}},
                         {"kind": "entity", "start": 45, "end": 49, "type": "FAC", "canonical": "port"}],
            "claims": [{"story": "s1", "id": "c1", "summary": "crew hurt", "status": "agreed", "mention_index": 0,
                        "start": 0, "end": 40}]}
    ctx = article_context(view)
    assert ctx["links"][(33, 39)] == "/stories/s1?claim=c1#claim-c1"
    assert (45, 49) not in ctx["links"]
    assert ctx["cited"] == {0}


def test_story_page_pages_its_claims_with_links(client: Any) -> None:
    sid = _story_id(client)
    whole = client.get(f"/stories/{sid}.json?limit=500").json()["stories"][0]["claims"]
    assert len(whole) >= 5, "the bundled story has claims enough to page"
    first = client.get(f"/stories/{sid}?limit=2").text
    assert 'rel="next" href="?offset=2&amp;limit=2"' in first and 'rel="prev"' not in first
    assert f"claims 1–2 of {len(whole)}" in first
    second = client.get(f"/stories/{sid}?offset=2&limit=2").text
    assert 'rel="prev" href="?offset=0&amp;limit=2"' in second and 'rel="next" href="?offset=4&amp;limit=2"' in second
    rows = re.findall(r'<tr id="claim-([^"]+)"', second)
    assert rows == [c["id"] for c in whole[2:4]], "the page's matrix holds the page's claims"


def test_story_twin_pages_like_the_page(client: Any) -> None:
    sid = _story_id(client)
    whole = client.get(f"/stories/{sid}.json?limit=500").json()["stories"][0]
    doc = client.get(f"/stories/{sid}.json?offset=2&limit=2").json()
    st = doc["stories"][0]
    assert [c["id"] for c in st["claims"]] == [c["id"] for c in whole["claims"][2:4]]
    assert st["page"]["offset"] == 2 and st["page"]["limit"] == 2 and st["page"]["claims"] == len(whole["claims"])
    cited = {m["article"] for c in st["claims"] for m in c["mentions"]}
    assert cited <= {a["id"] for a in doc["articles"]}, "every article the page cites comes with it"
    assert st["page"]["articles"] == len(whole["articles"])
    assert [r["claim"] for r in st["matrix"]["rows"]] == [c["id"] for c in st["claims"]]
    report.validate(doc)
    assert client.get(f"/stories/{sid}.json?limit=0").status_code == 400


def test_a_claim_link_opens_the_page_holding_it(client: Any) -> None:
    sid = _story_id(client)
    whole = client.get(f"/stories/{sid}.json?limit=500").json()["stories"][0]["claims"]
    target = whole[-1]["id"]
    st = client.get(f"/stories/{sid}.json?limit=2&claim={target}").json()["stories"][0]
    assert target in [c["id"] for c in st["claims"]] and st["page"]["offset"] == (len(whole) - 1) // 2 * 2
    assert f'id="claim-{target}"' in client.get(f"/stories/{sid}?limit=2&claim={target}").text


def test_warmed_story_reports_are_served_without_analysing(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk import api

    url = f"sqlite:///{tmp_path / 'warm.db'}"
    summary = api.ingest([str(p) for p in api.demo_paths()], db=url)
    warmed = api.warm_story_reports(list(summary.new_ids), db=url)
    assert warmed and set(warmed) <= {s["id"] for s in api.list_stories(db=url)}

    def refuse(*args: object, **kw: object) -> None:
        raise AssertionError("a warmed story was analysed again")

    monkeypatch.setattr(api, "_story_analysis", refuse)
    for sid in warmed:
        assert api.story_report(sid, db=url, offset=0, limit=5)["stories"][0]["id"] == sid


def test_a_widely_stated_claim_keeps_some_mentions_of_each_side_on_its_page() -> None:
    from copydesk.web.app import _few_mentions

    ms = [{"article": f"a{i}", "start": 0, "end": 4, "text": "4,000" if i % 10 else "2,300",
           "value": {"amount": 4000.0 if i % 10 else 2300.0}} for i in range(100)]
    diffs = [{"mentions": [0, i], "type": "conflict", "note": None} for i in range(1, 100)]
    claim = {"id": "c1", "summary": "residents evacuated", "status": "disputed", "mentions": ms, "differences": diffs}
    few = _few_mentions(claim, 12)
    assert len(few["mentions"]) == 12 and few["mentions_total"] == 100
    assert {m["text"] for m in few["mentions"]} == {"4,000", "2,300"}, "each side keeps mentions"
    assert all(0 <= i < 12 for d in few["differences"] for i in d["mentions"]) and few["differences"]
    assert _few_mentions({**claim, "mentions": ms[:5], "differences": []}, 12)["mentions"] == ms[:5]


def test_a_widely_carried_quote_keeps_its_first_wordings_on_its_page() -> None:
    from copydesk.web.app import _few_variants

    ms = [{"article": f"a{i}", "start": 0, "end": 9, "text": "We had no choice", "speaker": "Sam Reed", "value": None}
          for i in range(40)]
    variants = [{"article": f"a{i}", "source": f"Outlet {i}", "text": "We had no choice", "type": "verbatim",
                 "diff": [["equal", "We had no choice"]]} for i in range(1, 40)]
    q = {"speaker": "Sam Reed", "text": "We had no choice", "articles": [m["article"] for m in ms],
         "mentions": ms, "variants": variants}
    few = _few_variants(q, 10)
    assert few["variants"] == variants[:10] and few["mentions"] == ms[:11] and few["variants_total"] == 39
    assert [v["article"] for v in few["variants"]] == [m["article"] for m in few["mentions"][1:]]
