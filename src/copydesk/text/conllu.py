"""CoNLL-U treebanks (UD English EWT, GUM) read into spaCy Docs.

The training script and the parser benchmark share this reader. Words, spaces
(``SpaceAfter=No``), UPOS, morphology, lemmas, heads and relations come from the
treebank; named entities come from GUM's ``Entity=`` MISC annotations (a mention whose
syntactic head is a proper noun, cut to the run of proper nouns around that head).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: GUM entity types → the labels copydesk's recognizer predicts.
GUM_LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE", "event": "EVENT", "object": "PRODUCT"}
#: Function words that may sit inside a name between proper nouns ("Bank of America").
NAME_GLUE = {"of", "the", "and", "&", "de", "for", "-", "'s", "du", "la", "von", "van", "al"}
SENTS_PER_DOC = 10

OPEN = re.compile(r"\((\d+)-([a-z]+)-")
CLOSE = re.compile(r"(\d+)\)")


@dataclass
class Word:
    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str
    space: bool
    entity: str = ""


@dataclass
class Sentence:
    words: list[Word] = field(default_factory=list)


def _entity_events(value: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """Opens (eid, type, closes-here) and closes (eid) in one token's ``Entity=`` value."""
    opens: list[tuple[str, str, bool]] = []
    closes: list[str] = []
    starts = [m.start() for m in OPEN.finditer(value)]
    head = value[: starts[0]] if starts else value
    closes.extend(CLOSE.findall(head))
    for i, s in enumerate(starts):
        seg = value[s: starts[i + 1] if i + 1 < len(starts) else len(value)]
        m = OPEN.match(seg)
        assert m
        tail = re.search(r"(\)?)((?:\d+\))*)$", seg)
        self_close = bool(tail and tail.group(1))
        opens.append((m.group(1), m.group(2), self_close))
        if tail and tail.group(2):
            closes.extend(CLOSE.findall(tail.group(2)))
    return opens, closes


def read_conllu(path: Path) -> list[list[Sentence]]:
    """Documents (lists of sentences) of one CoNLL-U file; multiword tokens give their words."""
    docs: list[list[Sentence]] = []
    sent = Sentence()
    mwt_end = 0
    mwt_space = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            docs.append([])
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if sent.words:
                if not docs:
                    docs.append([])
                docs[-1].append(sent)
            sent = Sentence()
            mwt_end = 0  # word ids restart with each sentence
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            lo, hi = cols[0].split("-")
            mwt_end = int(hi)
            mwt_space = "SpaceAfter=No" not in cols[9]
            continue
        if "." in cols[0]:
            continue  # empty nodes of enhanced dependencies
        idx = int(cols[0])
        misc = cols[9]
        if idx <= mwt_end:
            space = mwt_space if idx == mwt_end else False
        else:
            space = "SpaceAfter=No" not in misc
        ent = ""
        for part in misc.split("|"):
            if part.startswith("Entity="):
                ent = part[len("Entity="):]
        sent.words.append(Word(cols[1], cols[2], cols[3], cols[5], int(cols[6]), cols[7], space, ent))
    if sent.words:
        docs[-1].append(sent)
    return [d for d in docs if d]


def named_spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, label) word spans of the named entities in one GUM sentence."""
    stack: dict[str, list[tuple[int, str]]] = {}
    mentions: list[tuple[int, int, str]] = []
    for i, w in enumerate(sent.words):
        if not w.entity:
            continue
        opens, closes = _entity_events(w.entity)
        for eid, etype, self_close in opens:
            if self_close:
                mentions.append((i, i + 1, etype))
            else:
                stack.setdefault(eid, []).append((i, etype))
        for eid in closes:
            if stack.get(eid):
                start, etype = stack[eid].pop()
                mentions.append((start, i + 1, etype))
    out: list[tuple[int, int, str]] = []
    for start, end, etype in mentions:
        label = GUM_LABELS.get(etype)
        if label is None:
            continue
        inside = range(start, end)
        heads = [i for i in inside if not (start < sent.words[i].head <= end)]
        if len(heads) != 1 or sent.words[heads[0]].upos != "PROPN":
            continue
        h = heads[0]
        lo = hi = h
        while lo - 1 >= start and (sent.words[lo - 1].upos == "PROPN" or (
                sent.words[lo - 1].form.lower() in NAME_GLUE and lo - 2 >= start
                and sent.words[lo - 2].upos == "PROPN")):
            lo -= 1
        while hi + 1 < end and (sent.words[hi + 1].upos == "PROPN" or (
                sent.words[hi + 1].form.lower() in NAME_GLUE and hi + 2 < end
                and sent.words[hi + 2].upos == "PROPN")):
            hi += 1
        out.append((lo, hi + 1, label))
    out.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: set[int] = set()
    kept: list[tuple[int, int, str]] = []
    for s in out:
        if taken.isdisjoint(range(s[0], s[1])):
            kept.append(s)
            taken.update(range(s[0], s[1]))
    return sorted(kept)


def to_docs(nlp: Any, docs: list[list[Sentence]], with_entities: bool) -> list[Any]:
    """spaCy Docs of SENTS_PER_DOC sentences each, never across a treebank document."""
    from spacy.tokens import Doc

    out = []
    for sentences in docs:
        for k in range(0, len(sentences), SENTS_PER_DOC):
            chunk = sentences[k: k + SENTS_PER_DOC]
            words, spaces, lemmas, pos, morphs, heads, deps, starts, ents = [], [], [], [], [], [], [], [], []
            offset = 0
            for sent in chunk:
                for i, w in enumerate(sent.words):
                    words.append(w.form)
                    spaces.append(w.space)
                    lemmas.append(w.lemma)
                    pos.append(w.upos)
                    morphs.append("" if w.feats == "_" else w.feats)
                    heads.append(offset + (w.head - 1 if w.head else i))
                    deps.append("ROOT" if w.deprel == "root" else w.deprel)
                    starts.append(i == 0)
                if with_entities:
                    for lo, hi, label in named_spans(sent):
                        ents.append((offset + lo, offset + hi, label))
                offset += len(sent.words)
            if spaces:
                spaces[-1] = False
            doc = Doc(nlp.vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, morphs=morphs,
                      heads=heads, deps=deps, sent_starts=starts)
            if with_entities:
                from spacy.tokens import Span

                doc.set_ents([Span(doc, lo, hi, label) for lo, hi, label in ents], default="outside")
            out.append(doc)
    return out


def evaluate(nlp: Any, path: Path, with_entities: bool, limit: int = 0) -> dict[str, float]:
    """Scores of ``nlp`` on one CoNLL-U file, predicting from the raw text."""
    import time

    from spacy.scorer import Scorer
    from spacy.training import Example

    gold = to_docs(nlp, read_conllu(path), with_entities=with_entities)
    if limit:
        gold = gold[:limit]
    t0 = time.process_time()
    preds = list(nlp.pipe([g.text for g in gold], batch_size=64))
    cpu = time.process_time() - t0
    examples = [Example(p, g) for p, g in zip(preds, gold)]
    scorer = Scorer(nlp)
    s = scorer.score(examples)
    words = sum(len(g) for g in gold)
    out = {
        "upos": round(s.get("pos_acc") or 0.0, 4),
        "uas": round(s.get("dep_uas") or 0.0, 4),
        "las": round(s.get("dep_las") or 0.0, 4),
        "lemma": round(s.get("lemma_acc") or 0.0, 4),
        "morph": round(s.get("morph_acc") or 0.0, 4),
        "sents_f": round(s.get("sents_f") or 0.0, 4),
        "words": words,
        "words_per_s": round(words / cpu) if cpu else 0,
    }
    if with_entities:
        out["ents_f"] = round(s.get("ents_f") or 0.0, 4)
        out["ents_p"] = round(s.get("ents_p") or 0.0, 4)
        out["ents_r"] = round(s.get("ents_r") or 0.0, 4)
    return out
