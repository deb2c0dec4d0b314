"""Claim precision per status on a hand-judged ECB+ dev set.

Each ECB+ dev sub-topic (the ``ecb`` or the ``ecbplus`` documents of one topic: one
event reported by several outlets) is analyzed as one story through the public API,
and the claims of the report are judged against labels an editor wrote by hand
(``benchmarks/judged/ecbplus_dev.jsonl``). The labels name mentions by (document id,
start, end) and never claims, so they survive changes of alignment and differences:

* a mention is ``ok`` or an ``extraction_error`` (wrong value, speaker, counted noun);
* a pair of mentions is ``same_fact_agree``, ``same_fact_conflict`` (a disagreement a
  fact-checker wants flagged), ``same_fact_update`` (a change over time) or
  ``different_facts``;
* a mention of a single-source claim carries ``stated_elsewhere``: whether another
  article of the story states the same fact.

A claim's verdict follows from those labels (``judge``); a claim whose labels are
incomplete is unjudged and lowers ``coverage``. The judged sample is fixed by a hash
of each claim's first mention and a rate per status (every disputed and undetermined
claim, a share of the others), so that it can be topped up after pipeline changes:
``--sample N`` prints unjudged claims of the sample with the labels they still need.
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from copydesk.errors import Code, CopydeskError

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "ecbplus" / "ECB+"
DEFAULT_LABELS = HERE / "judged" / "ecbplus_dev.jsonl"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
STATUSES = ("disputed", "agreed", "single-source", "undetermined")
MENTION_LABELS = frozenset({"ok", "extraction_error"})
PAIR_LABELS = frozenset({"same_fact_agree", "same_fact_conflict", "same_fact_update", "different_facts"})
#: Share of each status's claims in the judged sample (by a stable hash of the first mention).
SAMPLE_RATE: Mapping[str, float] = {"disputed": 1.0, "undetermined": 1.0, "agreed": 0.5, "single-source": 0.1}
EXCERPT_WORDS = 12

Key = tuple[str, int, int]  # (document id, start, end)


@dataclass
class Labels:
    """The editor's labels: per mention, per unordered pair of mentions, per single-source mention."""

    mentions: dict[Key, str] = field(default_factory=dict)
    pairs: dict[frozenset[Key], str] = field(default_factory=dict)
    elsewhere: dict[Key, bool] = field(default_factory=dict)
    excerpts: dict[Key, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """``right`` True/False for a judged claim, None when its labels are incomplete; ``reason`` when wrong."""

    right: bool | None
    reason: str | None = None


def excerpt(text: str) -> str:
    """At most ``EXCERPT_WORDS`` words of a mention, kept with its label for a human reader."""
    return " ".join(text.split()[:EXCERPT_WORDS])


def _key(value: Any, where: str) -> Key:
    if (not isinstance(value, list) or len(value) != 3 or not isinstance(value[0], str)
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value[1:])):
        raise CopydeskError(Code.E113, detail=f"{where}: a mention is [document id, start, end]")
    return (value[0], value[1], value[2])


def parse_labels(lines: Iterable[str], source: str = "labels") -> Labels:
    """Labels from JSON lines; a bad line raises a coded error naming the line."""
    out = Labels()
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise CopydeskError(Code.E101, detail=f"{where}: {e.msg}") from None
        if not isinstance(rec, dict) or "type" not in rec:
            raise CopydeskError(Code.E109, detail=f"{where}: type")
        kind = rec["type"]
        if kind == "header":
            continue
        if kind == "mention":
            k = _key(rec.get("mention"), where)
            label = rec.get("label")
            if label not in MENTION_LABELS:
                raise CopydeskError(Code.E113, detail=f"{where}: mention label {label!r}")
            out.mentions[k] = label
            if isinstance(rec.get("excerpt"), str):
                out.excerpts[k] = rec["excerpt"]
            if "stated_elsewhere" in rec:
                if not isinstance(rec["stated_elsewhere"], bool):
                    raise CopydeskError(Code.E113, detail=f"{where}: stated_elsewhere must be true or false")
                out.elsewhere[k] = rec["stated_elsewhere"]
        elif kind == "pair":
            a, b = _key(rec.get("a"), where), _key(rec.get("b"), where)
            label = rec.get("label")
            if label not in PAIR_LABELS:
                raise CopydeskError(Code.E113, detail=f"{where}: pair label {label!r}")
            out.pairs[frozenset((a, b))] = label
        else:
            raise CopydeskError(Code.E113, detail=f"{where}: unknown type {kind!r}")
    return out


def read_labels(path: Path) -> Labels:
    try:
        text = path.read_text("utf-8")
    except OSError as e:
        raise CopydeskError(Code.E107, detail=f"{path}: {e.strerror}") from None
    return parse_labels(text.splitlines(), str(path))


def check_excerpts(labels: Labels, texts: Mapping[str, str]) -> list[Key]:
    """Labeled mentions whose text no longer starts with their excerpt (the texts changed)."""
    return [k for k, ex in labels.excerpts.items()
            if k[0] in texts and excerpt(texts[k[0]][k[1]:k[2]]) != ex]


def mention_keys(claim: Mapping[str, Any]) -> list[Key]:
    return [(m["article"], m["start"], m["end"]) for m in claim["mentions"]]


def _connected(keys: Sequence[Key], labels: Labels) -> bool:
    """Whether the labeled pairs among ``keys`` join them all into one group."""
    if not keys:
        return True
    seen, todo = {keys[0]}, [keys[0]]  # a walk over labeled pairs (this file also runs on older checkouts)
    while todo:
        a = todo.pop()
        for b in keys:
            if b not in seen and frozenset((a, b)) in labels.pairs:
                seen.add(b)
                todo.append(b)
    return len(seen) == len(set(keys))


def all_pairs(keys: Sequence[Key]) -> list[tuple[Key, Key]]:
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]


def _sound_pair_labels(keys: Sequence[Key], labels: Labels) -> set[str]:
    """Labels of the labeled pairs whose two mentions are both read right."""
    return {labels.pairs[p] for a, b in all_pairs(keys)
            if (p := frozenset((a, b))) in labels.pairs and labels.mentions.get(a) == labels.mentions.get(b) == "ok"}


def _judge_disputed(claim: Mapping[str, Any], labels: Labels) -> Verdict:
    keys = mention_keys(claim)
    sound = _sound_pair_labels(keys, labels)
    if "same_fact_conflict" in sound:
        return Verdict(True)
    # Not real only once every pair is labeled: the report's own difference types may change.
    if not all(frozenset(p) in labels.pairs for p in all_pairs(keys)) or not all(k in labels.mentions for k in keys):
        return Verdict(None)
    if "different_facts" in sound:
        return Verdict(False, "wrong_grouping")
    if any(labels.mentions[k] == "extraction_error" for k in keys):
        return Verdict(False, "extraction_error")
    if "same_fact_update" in sound:
        return Verdict(False, "update_not_conflict")
    return Verdict(False, "no_real_difference")


def _judge_grouped(claim: Mapping[str, Any], labels: Labels, allowed: frozenset[str]) -> Verdict:
    """Agreed, single-source and undetermined: every mention ok, pairs of ``allowed`` labels.

    Different facts grouped count before a misread mention, as for disputes: the grouping
    is wrong whatever the extractor read.
    """
    keys = mention_keys(claim)
    sound = _sound_pair_labels(keys, labels)
    if "different_facts" in sound:
        return Verdict(False, "wrong_grouping")
    if any(labels.mentions.get(k) == "extraction_error" for k in keys):
        return Verdict(False, "extraction_error")
    wrong = sound - allowed
    if wrong:
        return Verdict(False, "missed_conflict" if "same_fact_conflict" in wrong else "missed_update")
    if not all(k in labels.mentions for k in keys) or not _connected(keys, labels):
        return Verdict(None)
    return Verdict(True)


def judge(claim: Mapping[str, Any], labels: Labels) -> Verdict:
    """The verdict on one report claim, read off the labels of its mentions and pairs."""
    status = claim["status"]
    if status == "disputed":
        return _judge_disputed(claim, labels)
    if status == "agreed":
        return _judge_grouped(claim, labels, frozenset({"same_fact_agree"}))
    if status == "undetermined":
        return _judge_grouped(claim, labels, frozenset(PAIR_LABELS - {"different_facts"}))
    v = _judge_grouped(claim, labels, frozenset({"same_fact_agree"}))
    if v.right is False:
        return v
    marks = [labels.elsewhere[k] for k in mention_keys(claim) if k in labels.elsewhere]
    if any(marks):
        return Verdict(False, "stated_elsewhere")
    if v.right is None or not marks:
        return Verdict(None)
    return Verdict(True)


def sample_fraction(claim: Mapping[str, Any]) -> float:
    """A stable number in [0, 1) from the claim's first mention (in document order)."""
    doc, start, end = min(mention_keys(claim))
    h = hashlib.sha1(f"{doc}:{start}:{end}".encode()).hexdigest()
    return int(h[:8], 16) / 2 ** 32


def in_sample(claim: Mapping[str, Any], rates: Mapping[str, float] = SAMPLE_RATE) -> bool:
    return sample_fraction(claim) < rates.get(claim["status"], 0.0)


def score(claims: Sequence[Mapping[str, Any]], labels: Labels,
          rates: Mapping[str, float] = SAMPLE_RATE) -> dict[str, Any]:
    """Per status: claims, sampled, judged, right, precision and why the wrong ones are wrong."""
    out: dict[str, Any] = {}
    total_sampled = total_judged = 0
    for status in STATUSES:
        mine = [c for c in claims if c["status"] == status]
        sampled = [c for c in mine if in_sample(c, rates)]
        verdicts = [(c["kind"], judge(c, labels)) for c in sampled]
        judged = [v for _, v in verdicts if v.right is not None]
        right = sum(1 for v in judged if v.right)
        by_kind: dict[str, list[int]] = {}  # kind -> [right, judged]
        for kind, v in verdicts:
            if v.right is not None:
                tally = by_kind.setdefault(kind, [0, 0])
                tally[0] += int(v.right)
                tally[1] += 1
        out[status] = {"n": len(mine), "sampled": len(sampled), "judged": len(judged), "right": right,
                       "precision": round(right / len(judged), 4) if judged else None,
                       "errors": dict(sorted(Counter(v.reason for v in judged if not v.right).items())),
                       "right_judged_by_kind": dict(sorted(by_kind.items()))}
        total_sampled += len(sampled)
        total_judged += len(judged)
    out["coverage"] = round(total_judged / total_sampled, 4) if total_sampled else None
    return out


def todo(claim: Mapping[str, Any], labels: Labels) -> list[dict[str, Any]]:
    """The label records one claim still needs, with ``label`` left null for the editor."""
    keys = mention_keys(claim)
    texts = {(m["article"], m["start"], m["end"]): m["text"] for m in claim["mentions"]}
    need: list[dict[str, Any]] = []
    want_elsewhere = claim["status"] == "single-source" and not any(k in labels.elsewhere for k in keys)
    for k in keys:
        if k not in labels.mentions or (want_elsewhere and k == keys[0]):
            rec: dict[str, Any] = {"type": "mention", "mention": list(k), "label": labels.mentions.get(k),
                                   "excerpt": excerpt(texts[k])}
            if want_elsewhere and k == keys[0]:
                rec["stated_elsewhere"] = None
            need.append(rec)
    if claim["status"] == "disputed":
        pairs = all_pairs(keys)
    else:  # a star from the first mention, unless the labeled pairs already join them all
        pairs = [] if _connected(keys, labels) else [(keys[0], k) for k in keys[1:]]
    need += [{"type": "pair", "a": list(a), "b": list(b), "label": None}
             for a, b in pairs if frozenset((a, b)) not in labels.pairs]
    return need


# -- the data ---------------------------------------------------------------------------------

def _clustering_loader() -> Any:
    """``load`` of benchmarks/ecbplus_clustering.py: the one way ECB+ documents become texts."""
    spec = importlib.util.spec_from_file_location("_ecbplus_clustering", HERE / "ecbplus_clustering.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.load


def stories(root: Path, topics: Sequence[int] = DEV_TOPICS) -> dict[str, list[Any]]:
    """Articles per sub-topic (``"2_ecb"``, ``"2_ecbplus"``, ...) of the chosen topics only."""
    out: dict[str, list[Any]] = defaultdict(list)
    wanted = {str(t) for t in topics}
    for article, topic, sub in _clustering_loader()(root):
        if topic in wanted:
            out[sub].append(article)
    return dict(out)


def analyze(subs: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Each sub-topic analyzed as one story; its report claims, each tagged with its story."""
    from copydesk import api

    claims: list[dict[str, Any]] = []
    for sub, arts in subs.items():
        doc = api.report(api.analyze_articles(list(arts), one_story=True))
        for st in doc["stories"]:
            for c in st["claims"]:
                claims.append({**c, "story": sub})
    return claims


def sentence_of(text: str, start: int) -> str:
    """The sentence holding ``start``, from the parse's sentences (shown to the editor only)."""
    from copydesk.text import sentences

    for s in sentences(text):
        if s.start <= start < s.end:
            return text[s.start:s.end]
    return ""


def print_sample(claims: Sequence[Mapping[str, Any]], labels: Labels, texts: Mapping[str, str], n: int) -> None:
    """Up to ``n`` unjudged claims of the sample, spread over statuses, with what they still need."""
    by_status: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for c in sorted(claims, key=sample_fraction):
        if in_sample(c) and judge(c, labels).right is None:
            by_status[c["status"]].append(c)
    shown = 0
    while shown < n and any(by_status.values()):
        for status in STATUSES:
            if by_status[status] and shown < n:
                c = by_status[status].pop(0)
                print(json.dumps({
                    "story": c["story"], "status": c["status"], "kind": c["kind"], "summary": c["summary"],
                    "mentions": [{"mention": [m["article"], m["start"], m["end"]], "text": m["text"],
                                  "speaker": m.get("speaker"), "value": m.get("value"),
                                  "sentence": sentence_of(texts[m["article"]], m["start"])}
                                 for m in c["mentions"]],
                    "differences": c.get("differences", []),
                    "todo": todo(c, labels)}, ensure_ascii=False))
                shown += 1


def _run(src: Path | None, data: Path, topics: Sequence[int]) -> tuple[list[dict[str, Any]], float]:
    """The report claims of every sub-topic, computed by the copydesk under ``src`` in a subprocess."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, __file__, "--data", str(data), "--topics", ",".join(map(str, topics)), "--claims-only"]
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"claims run on {src or 'this checkout'} failed: {res.stderr.strip()[-2000:]}")
    return json.loads(res.stdout), time.perf_counter() - t0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ECB+ folder (topic folders inside)")
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--topics", default=",".join(map(str, DEV_TOPICS)), help="dev topics, comma-separated")
    ap.add_argument("--sample", type=int, default=0, metavar="N",
                    help="print N unjudged claims of the sample (JSON lines) instead of the scores")
    ap.add_argument("--baseline", type=Path, help="another checkout's src/ to score in the same run")
    ap.add_argument("--claims-only", action="store_true", help=argparse.SUPPRESS)  # one run's claims, as JSON
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"ECB+ not found at {args.data}", file=sys.stderr)
        return 2
    topics = [int(t) for t in args.topics.split(",") if t.strip()]
    if any(t > 35 for t in topics):
        print("topics 36-45 are the withheld test topics", file=sys.stderr)
        return 2
    subs = stories(args.data, topics)
    if args.claims_only:
        print(json.dumps(analyze(subs)))
        return 0
    labels = read_labels(args.labels)
    texts = {a.id: a.text for arts in subs.values() for a in arts}
    if args.sample:
        print_sample(analyze(subs), labels, texts, args.sample)
        return 0
    result: dict[str, Any] = {
        "benchmark": "claims", "split": "ECB+ dev topics " + ",".join(map(str, topics)),
        "stories": len(subs), "articles": len(texts),
        "labels": {"mentions": len(labels.mentions), "pairs": len(labels.pairs),
                   "stated_elsewhere": len(labels.elsewhere), "drifted": len(check_excerpts(labels, texts))},
        "sample_rate": dict(SAMPLE_RATE), "load": [round(x, 2) for x in os.getloadavg()]}
    runs: list[tuple[str, Path | None]] = [("after", None)]
    if args.baseline:
        runs.insert(0, ("before", args.baseline.resolve()))
    for name, src in runs:
        claims, seconds = _run(src, args.data, topics)
        result[name] = {"claims": len(claims), **score(claims, labels), "seconds": round(seconds, 1)}
    result["targets"] = {"disputed": 0.80, "agreed": 0.85, "single-source": 0.80}
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
