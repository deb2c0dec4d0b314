"""ECB+ (Cybulska & Vossen 2014, CC BY 3.0) read as parsed documents with gold event mentions.

For fitting the alignment scorer (``scripts/train_alignment.py``) and scoring it
(``benchmarks/ecbplus_coref.py``): one reader for both. Each document's text is its
tokens joined by spaces, one sentence a line; the text is parsed by copydesk's own
pipeline (``copydesk.text.parse_many``) and each gold trigger is mapped to the parse
token that heads it, so lemmas, POS and dependencies are the ones copydesk sees at
run time. Mentions are the ACTION_* / NEG_ACTION_* markables of the validated
sentences (``ECBplus_coreference_sentences.csv``), with their cross-document chains
(singletons keep a chain of their own).

Parses are cached in the system temp folder (never in the repository), keyed by the
pipeline and the texts, so a second run skips the parser.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from copydesk.text import model_name, parse_many

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from copydesk.align.frames import EntityKey, Frame

#: The dev topics (the train topics are the other ones of 1-35; 36-45 are the test split).
DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
#: Topics whose documents ship in the corpus release used here (the test split is withheld).
ALL_TOPICS: tuple[int, ...] = tuple(range(1, 46))
TEST_TOPICS: tuple[int, ...] = tuple(range(36, 46))
TRAIN_TOPICS: tuple[int, ...] = tuple(t for t in range(1, 36) if t not in DEV_TOPICS)
#: Tags of event mentions.
EVENT_TAGS = ("ACTION", "NEG_ACTION")


@dataclass(frozen=True)
class GoldMention:
    """One gold event mention: its characters in the document text and its chain."""

    id: str
    doc: str
    start: int
    end: int
    chain: str  # topic-qualified coreference chain (a singleton's own id)
    neg: bool


@dataclass
class GoldDocument:
    """One ECB+ document: its text (tokens joined), sub-topic and gold event mentions."""

    name: str  # "1_10ecb"
    topic: int
    sub: str  # "ecb" | "ecbplus": the two seminal events of a topic
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def _valid_sentences(data: Path) -> set[tuple[str, int]]:
    valid: set[tuple[str, int]] = set()
    with open(data / "ECBplus_coreference_sentences.csv", newline="") as f:
        for row in csv.DictReader(f):
            valid.add((f"{row['Topic'].strip()}_{row['File'].strip()}", int(row["Sentence Number"])))
    return valid


def _document(path: Path, topic: int, valid: set[tuple[str, int]]) -> GoldDocument:
    root = ET.parse(path).getroot()
    name = path.stem
    offsets: dict[str, tuple[int, int, int]] = {}  # t_id -> (start, end, sentence)
    parts: list[str] = []
    pos = 0
    last_sent: int | None = None
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        word = (tok.text or "").strip() or "_"
        if parts:
            sep = "\n" if sent != last_sent else " "
            parts.append(sep)
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(word), sent)
        parts.append(word)
        pos += len(word)
        last_sent = sent
    chain_of: dict[str, str] = {}
    for rel in list(root.find("Relations") or []):
        note = rel.get("note") or rel.get("r_id") or ""
        for src in rel.findall("source"):
            chain_of[src.get("m_id", "")] = note
    doc = GoldDocument(name, topic, "ecbplus" if name.endswith("plus") else "ecb", "".join(parts))
    for mk in list(root.find("Markables") or []):
        if not mk.tag.startswith(EVENT_TAGS):
            continue
        anchors = [offsets[a.get("t_id", "")] for a in mk.findall("token_anchor") if a.get("t_id", "") in offsets]
        if not anchors or (name, anchors[0][2]) not in valid:
            continue
        mid = mk.get("m_id", "")
        chain = f"{topic}:{chain_of[mid]}" if mid in chain_of else f"{topic}:single:{name}:{mid}"
        doc.mentions.append(GoldMention(f"{name}:{mid}", name, min(a[0] for a in anchors),
                                        max(a[1] for a in anchors), chain, mk.tag.startswith("NEG")))
    doc.mentions.sort(key=lambda m: (m.start, m.end))
    return doc


def read(data: Path, topics: Iterable[int]) -> list[GoldDocument]:
    """The documents of ``topics`` under ``data`` (the folder holding ``ECB+/``), in sorted order."""
    valid = _valid_sentences(data)
    out: list[GoldDocument] = []
    for t in sorted(set(topics)):
        folder = data / "ECB+" / str(t)
        if folder.is_dir():
            out.extend(_document(p, t, valid) for p in sorted(folder.glob("*.xml")))
    return out


def parse_documents(docs: Sequence[GoldDocument], cache: bool = True) -> list["Doc"]:
    """The parsed ``Doc`` of each document by the pipeline in effect, cached in the temp folder."""
    from spacy.tokens import DocBin

    from copydesk.text import load

    nlp = load()
    digest = hashlib.sha256(model_name().encode())
    digest.update(str(nlp.meta.get("version", "")).encode())
    for d in docs:
        digest.update(d.text.encode())
        digest.update(b"\0")
    path = Path(tempfile.gettempdir()) / f"copydesk-ecbplus-{digest.hexdigest()[:16]}.spacy"
    if cache and path.is_file():
        parsed = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [p.text for p in parsed] == [d.text for d in docs]:
            return parsed
    parsed = list(parse_many([d.text for d in docs]))
    if cache:
        DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return parsed


def head_token(doc: "Doc", start: int, end: int) -> int:
    """Index of the token heading the characters start..end (the trigger's syntactic head)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return min(len(doc) - 1, max(0, next((t.i for t in doc if t.idx + len(t) > start), 0)))
    content = [t for t in span if t.pos_ not in ("AUX", "PART", "DET", "ADP", "PUNCT")]
    if span.root.pos_ in ("AUX", "PART", "DET", "ADP", "PUNCT") and content:
        return content[-1].i
    return span.root.i


def by_block(docs: Sequence[GoldDocument], by_topic: bool = False) -> dict[tuple[int, str], list[int]]:
    """Document indices per (topic, sub-topic), the unit coreference is resolved within; per topic when ``by_topic``
    (both seminal events of a topic together: pairs of different events with the same words)."""
    out: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        out[(d.topic, "all" if by_topic else d.sub)].append(i)
    return dict(out)


# ---- frames of the gold mentions -------------------------------------------------------------------

def entity_keys(docs: Sequence[GoldDocument], parsed: Sequence["Doc"]) -> list["EntityKey"]:
    """Per document, the entity key alignment uses at run time: its cluster in copydesk's ``EntityIndex``.

    Each topic's documents are one story: copydesk's extractors read each parse and the
    index clusters their entities across the topic's documents.
    """
    from functools import partial

    from copydesk.align.entities import EntityIndex
    from copydesk.extract import extract
    from copydesk.models import Article

    found = {d.name: extract(d.text, None, d.name, doc=p) for d, p in zip(docs, parsed)}
    out: list["EntityKey"] = [lambda s, e: None] * len(docs)
    for (topic, _), idx in by_block(docs, by_topic=True).items():
        arts = {docs[i].name: Article(id=docs[i].name, source=docs[i].name, text=docs[i].text) for i in idx}
        index = EntityIndex.build(arts, {n: found[n] for n in arts}, story_id=f"ecbplus-{topic}")
        for i in idx:
            out[i] = partial(index.at, docs[i].name)
    return out


def mention_frames(doc: GoldDocument, parsed: "Doc", entity_key: "EntityKey | None" = None) -> list["Frame"]:
    """The frame of each gold mention of ``doc``: ``align.frames.frame_at`` on its trigger's head in the parse."""
    from copydesk.align.frames import frame_at

    return [frame_at(parsed, head_token(parsed, m.start, m.end), entity_key) for m in doc.mentions]


# ---- coreference scores (MUC, B-cubed, CEAF-e and their mean, the CoNLL F1) ----------------------

def _clusters(assign: dict[str, str]) -> list[set[str]]:
    c: dict[str, set[str]] = defaultdict(set)
    for m, k in assign.items():
        c[k].add(m)
    return list(c.values())


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: list[set[str]], resp: list[set[str]]) -> float:
    """MUC F1 (Vilain et al. 1995): links recovered."""
    def score(a: list[set[str]], b: list[set[str]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            num += len(c) - len({where.get(m, ("x", m)) for m in c})
            den += len(c) - 1
        return num / den if den else 0.0
    return _f(score(resp, key), score(key, resp))


def b_cubed(key: list[set[str]], resp: list[set[str]]) -> float:
    """B-cubed F1 (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters."""
    kw = {m: c for c in key for m in c}
    rw = {m: c for c in resp for m in c}
    r = sum(len(kw[m] & rw[m]) / len(kw[m]) for m in kw) / len(kw)
    p = sum(len(kw[m] & rw[m]) / len(rw[m]) for m in kw) / len(kw)
    return _f(p, r)


def ceaf_e(key: list[set[str]], resp: list[set[str]]) -> float:
    """Entity-based CEAF F1 (Luo 2005): the best one-to-one alignment of clusters."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    idx = {m: j for j, c in enumerate(resp) for m in c}
    sim = np.zeros((len(key), len(resp)))
    for i, c in enumerate(key):
        for m in c:
            sim[i, idx[m]] += 1
        for j in np.nonzero(sim[i])[0]:
            sim[i, j] = 2 * sim[i, j] / (len(c) + len(resp[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _f(total / len(resp), total / len(key))


def conll(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """MUC, B3, CEAF-e F1 and their mean (CoNLL F1), in percent, of ``pred`` against ``gold`` (mention -> chain)."""
    key, resp = _clusters(gold), _clusters({m: pred[m] for m in gold})
    out = {name: round(100 * fn(key, resp), 1) for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e))}
    out["conll"] = round((out["muc"] + out["b3"] + out["ceafe"]) / 3, 1)
    return out


def average_linkage(prob: "Any", n: int, threshold: float) -> list[int]:
    """Cluster labels of ``n`` items from condensed pairwise probabilities, merged while the average is >= threshold."""
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage

    dist = 1.0 - prob
    return [int(x) for x in fcluster(linkage(dist, method="average"), t=1.0 - threshold, criterion="distance")]
