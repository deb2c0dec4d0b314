"""Claims per status, before and after a change to verification, in one run (issue 10, item 4).

Each story is extracted, grouped into claims and linked by copies once; then the same
claims are verified twice: by ``copydesk.verify`` as checked out, and by the verify
package of ``--baseline`` (a git revision, read with ``git show`` into a private package;
its dependence module is the current one, so only differences and statuses change).
Stories: the bundled example (grouped as ``analyze`` groups it) and each ECB+ topic of
``--topics`` (dev topics by default), every document of a topic as one story.

Prints one JSON line: per corpus, claims per status and disputes by difference type before
and after, and a sample of disputes the change drops with the types and notes that replace them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Sequence

from copydesk import api, pipeline, stories, verify
from copydesk.align import align
from copydesk.models import Article, Claim
from copydesk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEV_TOPICS = (2, 5, 12)
#: The verify files read at ``--baseline``; ``dependence.py`` (not part of this change) is the current one.
VERIFY_FILES = ("__init__.py", "differences.py", "truth.py", "resources.py")
PACKAGE = "copydesk_verify_baseline"


def baseline_verify(rev: str, repo: Path) -> ModuleType:
    """The verify package as it was at ``rev`` in ``repo``, importable beside the current one."""
    where = Path(tempfile.mkdtemp(prefix="verify-baseline-")) / PACKAGE
    where.mkdir()
    for name in VERIFY_FILES:
        shown = subprocess.run(["git", "-C", str(repo), "show", f"{rev}:src/copydesk/verify/{name}"],
                               capture_output=True, text=True)
        if shown.returncode != 0:
            raise SystemExit(f"git show {rev}:src/copydesk/verify/{name} failed: {shown.stderr.strip()}")
        (where / name).write_text(shown.stdout.replace("copydesk.verify", PACKAGE), encoding="utf-8")
    current = Path(verify.dependence.__file__).read_text(encoding="utf-8")
    (where / "dependence.py").write_text(current.replace("copydesk.verify", PACKAGE), encoding="utf-8")
    sys.path.insert(0, str(where.parent))
    return importlib.import_module(PACKAGE)


def ecb_topics(root: Path, topics: Sequence[int]) -> list[list[Article]]:
    """Each topic's documents (ECB and ECB+ halves) as one story's articles."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ecbplus_clustering import load

    by: dict[str, list[Article]] = {}
    for art, topic, _ in load(root):
        if int(topic) in topics:
            by.setdefault(topic, []).append(art)
    return [by[str(t)] for t in topics if str(t) in by]


def prepared(articles: Sequence[Article], one_story: bool) -> list[tuple[Any, dict, dict, list[Claim], list]]:
    """(story, articles, mentions, claims, copies) per story, everything before verification done once."""
    settings = Settings.load()
    ments = pipeline.extract_all(articles)
    groups = [pipeline.one_story(articles)] if one_story else stories.group(list(articles), settings)
    links = stories.find_copies(list(articles), settings)
    by_id = {a.id: a for a in articles}
    out = []
    for st in groups:
        members = {aid: by_id[aid] for aid in st.article_ids if aid in by_id}
        st_ments = {aid: ments.get(aid, ()) for aid in members}
        claims = list(align(st, members, st_ments))
        copies = [c for c in links if c.a in members and c.b in members]
        out.append((st, members, st_ments, claims, copies))
    return out


def tally(verified: Iterable[Claim], disagreeing: frozenset[str]) -> dict[str, Any]:
    """Claims per status; disputed claims per disagreeing difference type they carry."""
    vs = list(verified)
    types: Counter[str] = Counter()
    for c in vs:
        if c.status == "disputed":
            types.update({d.type for d in c.differences if d.type in disagreeing})
    return {"claims": len(vs), "status": dict(sorted(Counter(c.status for c in vs).items())),
            "disputes_by_type": dict(sorted(types.items()))}


def dropped(before: Sequence[Claim], after: Sequence[Claim], articles: dict[str, Article],
            disagreeing: frozenset[str]) -> list[dict[str, Any]]:
    """Disputes of the baseline that the change no longer asserts, with what each disagreeing pair is now."""
    now = {c.id: c for c in after}
    out = []
    for c in before:
        if c.status != "disputed" or c.id not in now or now[c.id].status == "disputed":
            continue
        new = {(d.a, d.b): d for d in now[c.id].differences}
        pairs = []
        for d in c.differences:
            if d.type in disagreeing and (d.a, d.b) in new:
                ma, mb = c.mentions[d.a], c.mentions[d.b]
                pairs.append({"a": articles[ma.article_id].text[ma.start:ma.end][:80],
                              "b": articles[mb.article_id].text[mb.start:mb.end][:80],
                              "before": d.type, "after": new[(d.a, d.b)].type, "why": new[(d.a, d.b)].note[:200]})
        out.append({"claim": c.key, "kind": c.kind, "status_after": now[c.id].status, "pairs": pairs[:2]})
    return out


def varied(rows: Sequence[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Up to ``n`` rows, taken in turn from each corpus and each type that replaced the dispute."""
    queues: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        queues.setdefault((r["corpus"], r["pairs"][0]["after"] if r["pairs"] else ""), []).append(r)
    out: list[dict[str, Any]] = []
    while len(out) < n and any(queues.values()):
        for q in queues.values():
            if q and len(out) < n:
                out.append(q.pop(0))
    return out


def measure(name: str, articles: Sequence[Article], one_story: bool, old: ModuleType,
            sample: list[dict[str, Any]]) -> dict[str, Any]:
    t0 = time.perf_counter()
    before_all: list[Claim] = []
    after_all: list[Claim] = []
    t_old = t_new = 0.0
    for st, members, ments, claims, copies in prepared(articles, one_story):
        t1 = time.perf_counter()
        b = old.verify(st, members, ments, claims, copies).claims
        t2 = time.perf_counter()
        a = verify.verify(st, members, ments, claims, copies).claims
        t3 = time.perf_counter()
        t_old, t_new = t_old + t2 - t1, t_new + t3 - t2
        before_all += b
        after_all += a
        for row in dropped(b, a, members, old.differences.DISAGREEING):
            sample.append({"corpus": name, **row})
    return {"articles": len(articles), "before": tally(before_all, old.differences.DISAGREEING),
            "after": tally(after_all, verify.differences.DISAGREEING),
            "verify_s": {"before": round(t_old, 2), "after": round(t_new, 2)},
            "total_s": round(time.perf_counter() - t0, 1)}


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (holds ecbplus/ECB+)")
    ap.add_argument("--baseline", required=True, help="git revision whose verify package is the 'before'")
    ap.add_argument("--repo", type=Path, default=ROOT, help="the git checkout to read --baseline from")
    ap.add_argument("--topics", default=",".join(map(str, DEV_TOPICS)), help="ECB+ topics, comma-separated")
    ap.add_argument("--sample", type=int, default=10, help="dropped disputes to print")
    args = ap.parse_args(argv)
    topics = [int(t) for t in args.topics.split(",") if t.strip()]
    ecb_root = args.data / "ecbplus" / "ECB+"
    if topics and not ecb_root.is_dir():
        raise SystemExit(f"no ECB+ topics under {ecb_root} (--data names the shared data folder)")
    old = baseline_verify(args.baseline, args.repo)
    sample: list[dict[str, Any]] = []
    arts, _ = api.load([str(p) for p in api.demo_paths()])
    out: dict[str, Any] = {"benchmark": "dispute_survival", "baseline": args.baseline,
                           "example": measure("example", arts, False, old, sample)}
    for t, docs in zip(topics, ecb_topics(ecb_root, topics)):
        out[f"ecbplus_topic_{t}"] = measure(f"ecb{t}", docs, True, old, sample)
    out["dropped"] = varied(sample, args.sample)
    out["dropped_total"] = len(sample)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
