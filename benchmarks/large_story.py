"""One large story analyzed: time, report size and peak memory for ``--n`` articles about one event.

Generates a deterministic story (own words): a few wire reports, outlets that
republish them, outlets that rewrite them, and outlets that report on their own
with their own figures, dates and quotes. The texts are parsed first (``parse_s``,
the parse is another issue's measure) into a document cache large enough to hold
them all, and their mentions extracted from those parses (``extract_s``); then the
story is analyzed as one dossier (``analyze_s``, wall, and ``analyze_cpu_s``) and its
copydesk.report/1 document built and rendered as JSON (``report_s``, ``report_mb``).
``reparsed`` counts texts parsed again after the first pass (0: the timings are
outside the parse). With ``--baseline SRC`` the same measurement also runs on another
checkout's ``src`` (a subprocess each, so peak memory is per run) and both go on one line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

OUTLETS = [f"{a} {b}" for a in ("Larkfield", "Valley", "Northern", "Coastline", "Brenmouth", "Harbour", "Eastern",
                                "Kestrel", "Selwyn", "Ardwick")
           for b in ("Gazette", "Courier", "Ledger", "Examiner", "Post", "Times", "Herald", "Record")]
WIRES = ["Coastline Wire", "Norland Press Agency", "Capital News Service"]
PEOPLE = [("Dana Okafor", "transport commissioner"), ("Tomasz Wren", "council leader"),
          ("Priya Nandakumar", "port director"), ("Helena Marsh", "union official"), ("Sam Reed", "city engineer")]
TOWNS = ["Larkfield", "Brenmouth", "Ardwick", "Millbrook", "Oustbridge", "Kestrel Bay", "Harrowgate", "Selwyn"]


def wire_text(rng: random.Random, k: int) -> str:
    """One wire report about the ferry terminal closure (figures drawn per report)."""
    who, role = PEOPLE[k % len(PEOPLE)]
    return "\n\n".join([
        f"BRENMOUTH, March {3 + k % 5} ({WIRES[k % len(WIRES)]}) - The Brenmouth ferry terminal will close for "
        f"{rng.choice([14, 14, 14, 16])} months of repairs starting on April {rng.choice([2, 2, 9])}, officials "
        f"said on Tuesday.",
        f"Engineers found cracks in {rng.choice([212, 212, 240])} piles during an inspection last autumn, according "
        f"to a report by the firm Harbor Survey Ltd, which the council hired in {rng.choice(['2021', '2022'])}.",
        f"“We are not taking any chances with a structure that {rng.choice(['9,000', '9,000', '12,000'])} people "
        f"use every day,” {role} {who} told reporters.",
        f"The work is expected to cost ${rng.choice(['48.5', '48.5', '52'])} million, most of it paid by the "
        f"state. Dr. Amara Osei, who chairs the budget committee, said the figure could rise by "
        f"{rng.choice([10, 10, 15])}%.",
        f"Ferries to Kestrel Bay will run from a temporary pier in {rng.choice(TOWNS)} until the terminal "
        f"reopens, the operator said in a statement issued on Monday.",
    ])


def own_text(rng: random.Random, outlet: str) -> str:
    """An outlet's own reporting of the same event, in its own words."""
    who, role = rng.choice(PEOPLE)
    town = rng.choice(TOWNS)
    paras = [
        f"Passengers in {town} face a long wait: the ferry terminal in Brenmouth shuts on April "
        f"{rng.choice([2, 2, 2, 9])} and stays closed for {rng.choice([14, 14, 15])} months, the council "
        f"confirmed, {outlet} has learned.",
        f"{who}, the {role}, said crews would replace {rng.choice([212, 212, 220])} damaged piles and that the "
        f"bill, put at ${rng.choice(['48.5', '48.5', '50'])} million, would be met largely by the state.",
        f"“{rng.choice(['It is the right call', 'Safety comes first', 'We had no choice'])},” {who} said on "
        f"{rng.choice(['Tuesday', 'Wednesday'])}.",
    ]
    for _ in range(rng.randint(1, 4)):
        paras.append(f"Commuters from {rng.choice(TOWNS)} said the detour would add {rng.randint(10, 70)} minutes "
                     f"to each crossing, and {rng.randint(2, 40)} local shops expect fewer customers.")
    if rng.random() < 0.4:
        paras.append(f"{rng.choice(WIRES)} first reported the closure.")
    return "\n\n".join(paras)


def rewrite(rng: random.Random, text: str, outlet: str) -> str:
    """A light rewrite of a wire text: its paragraphs kept with words changed, one of its own added."""
    paras = text.split("\n\n")[1:]
    rng.shuffle(paras)
    paras = [p.replace("officials said", "officials announced").replace("told reporters", "said") for p in paras]
    paras.insert(0, f"{outlet} readers who use the Brenmouth ferry will need another route this spring.")
    return "\n\n".join(paras)


def story(n: int, seed: int = 5) -> list[dict[str, object]]:
    """``n`` article records about one event: wires, syndicated copies, rewrites, own reporting."""
    rng = random.Random(seed)
    wires = [wire_text(rng, k) for k in range(max(3, n // 200))]
    out = []
    for i in range(n):
        outlet = rng.choice(OUTLETS)
        r = rng.random()
        w = rng.randrange(len(wires))
        if i < len(wires):
            text, source = wires[i], WIRES[i % len(WIRES)]
        elif r < 0.35:
            text, source = wires[w] + f"\n\nReporting by {outlet} staff.", outlet
        elif r < 0.6:
            text, source = rewrite(rng, wires[w], outlet), outlet
        else:
            text, source = own_text(rng, outlet), outlet
        out.append({"id": f"big-{i}", "source": source, "title": f"Brenmouth ferry terminal to close ({i})",
                    "url": f"https://news.example/big/{i}", "published": f"2025-03-{3 + i % 20:02d}",
                    "text": text})
    return out


PAGE_CLAIMS = 50  # claims on one story page (web.app.STORY_PAGE_CLAIMS)


def _time_phases() -> dict[str, float]:
    """CPU seconds spent in each stage ``pipeline.run`` calls (copies, align, verify), filled as they run."""
    from copydesk import align, stories, verify

    spent = {"copies": 0.0, "align": 0.0, "verify": 0.0}
    for name, module, attr in (("copies", stories, "find_copies"), ("align", align, "align"),
                               ("verify", verify, "verify")):
        def timed(*a: object, _f: Any = getattr(module, attr), _k: str = name, **kw: object) -> Any:
            c = time.process_time()
            try:
                return _f(*a, **kw)
            finally:
                spent[_k] += time.process_time() - c
        setattr(module, attr, timed)
    return spent


def _web_page(doc: dict[str, Any]) -> dict[str, object]:
    """The story page and its JSON twin as the web app serves them from this report (the API's
    cache stood in for by the report itself): bytes and seconds of each."""
    from fastapi.testclient import TestClient

    from copydesk import api
    from copydesk.web.app import create_app

    def cached(story_id: str, *, db: str | None = None, offset: int = 0, limit: int | None = None,
               **_: object) -> dict[str, Any]:
        return api._page(doc, offset, limit)

    api.story_report = cached  # type: ignore[assignment]
    sid = doc["stories"][0]["id"]
    out: dict[str, object] = {}
    with TestClient(create_app("sqlite:///unused.db")) as client:
        for name, url in (("page", f"/stories/{sid}"), ("twin", f"/stories/{sid}.json")):
            t0 = time.perf_counter()
            r = client.get(url)
            out[f"{name}_s"] = round(time.perf_counter() - t0, 2)
            out[f"{name}_mb"] = round(len(r.content) / 1e6, 2) if r.status_code == 200 else r.status_code
    return out


def measure(n: int) -> dict[str, object]:
    """Parse, extract, then analyze one story of ``n`` articles; times, report size, peak memory."""
    from copydesk import api, extract, text
    from copydesk.models import Article, content_id
    from copydesk.settings import Settings
    from copydesk.text import nlp

    settings = Settings.load()
    arts = [Article(id=content_id(str(r["source"]), str(r["text"])), source=str(r["source"]),
                    text=str(r["text"]), title=str(r["title"]), url=str(r["url"]),
                    published=str(r["published"]))
            for r in story(n)]
    nlp.CACHE_SIZE = max(nlp.CACHE_SIZE, 2 * n)  # every Doc stays parsed: what follows is outside the parse
    parsed = [0]
    remember = nlp._remember

    def counting(key: tuple[str, str], doc: object) -> None:
        parsed[0] += 1
        remember(key, doc)  # type: ignore[arg-type]

    nlp._remember = counting  # type: ignore[assignment]
    t0 = time.perf_counter()
    for _ in text.parse_many([a.text for a in arts]):
        pass
    t_parse = time.perf_counter() - t0
    first = parsed[0]
    t0 = time.perf_counter()
    mentions = {a.id: tuple(extract.extract(a.text, a.published, a.id, doc=text.parse(a.text))) for a in arts}
    t_extract = time.perf_counter() - t0
    phases = _time_phases()
    t0, c0 = time.perf_counter(), time.process_time()
    analysis = api.analyze_articles(arts, one_story=True, settings=settings, mentions=mentions)
    t_analyze, c_analyze = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    doc = api.report(analysis)
    out = api.render(doc, "json")
    t_report, c_report = time.perf_counter() - t0, time.process_time() - c0
    sa = analysis.stories[0]
    st = doc["stories"][0]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    parts = {k: v for k, v in st.items() if isinstance(v, (list, dict))}
    parts["articles (top level)"] = doc["articles"]
    sizes = {k: round(len(json.dumps(v, ensure_ascii=False)) / 1e6, 2) for k, v in parts.items()}
    page = api._page(doc, 0, PAGE_CLAIMS)  # what one story page's JSON twin starts from
    web = _web_page(doc)
    return {"n": n, "parse_s": round(t_parse, 2), "extract_s": round(t_extract, 2),
            "analyze_s": round(t_analyze, 2), "analyze_cpu_s": round(c_analyze, 2),
            "report_s": round(t_report, 2), "report_cpu_s": round(c_report, 2),
            "total_s": round(t_analyze + t_report, 2), "reparsed": parsed[0] - first,
            "analyze_phases_cpu_s": {k: round(v, 2) for k, v in phases.items()},
            "report_mb": round(len(out.encode("utf-8")) / 1e6, 2),
            "report_compact_mb": round(len(json.dumps(doc, ensure_ascii=False).encode("utf-8")) / 1e6, 2),
            "page_mb": round(len(json.dumps(page, ensure_ascii=False).encode("utf-8")) / 1e6, 2),
            "parts_mb": sizes, "web": web, "claims": len(sa.claims),
            "dependences": len(sa.dependences), "report_dependencies": len(st.get("dependencies", ())),
            "groups": len(sa.groups), "copies": len(analysis.copies),
            "ru_maxrss_mb": round(rss / 1e3, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=2000, help="articles in the story")
    ap.add_argument("--baseline", type=Path, help="another checkout's src/ to measure in the same run")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single measurement, this process
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.n)))
        return 0
    out: dict[str, object] = {"benchmark": "large_story", "n": args.n,
                              "load": [round(x, 2) for x in os.getloadavg()]}
    runs = [("after", Path(__file__).resolve().parents[1] / "src")]
    if args.baseline:
        runs.insert(0, ("before", args.baseline.resolve()))
    for name, src in runs:
        env = {**os.environ, "PYTHONPATH": str(src)}
        res = subprocess.run([sys.executable, __file__, "--n", str(args.n), "--one"], env=env,
                             capture_output=True, text=True, check=False)
        if res.returncode != 0:
            out[name] = {"error": res.stderr.strip().splitlines()[-1:] or ["failed"]}
            continue
        out[name] = json.loads(res.stdout.strip().splitlines()[-1])
    out["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
