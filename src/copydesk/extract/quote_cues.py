"""A cue lexicon learned from attribution-annotated text, keyed on the parse's lemmas.

``CueLexicon.fit`` counts, for each verb lemma, how often it heads a gold cue span (the
token of the span whose syntactic head lies outside it) versus how often it occurs as a
verb, and keeps the lemmas that are cues often enough. The shipped counts
(``resources.quotes.LEARNED_CUES``) come from
``python -m copydesk.extract.quote_cues PATH_TO_POLNEAR_TRAIN`` (reproducible: counts only,
no text), run with the shipped pipeline so that the lemmas are the ones it produces.
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@lru_cache(maxsize=8192)
def dictionary_lemma(word: str) -> str:
    """lemminflect's dictionary lemma of a verb form ("added" -> "add"), or the word when it has none."""
    from lemminflect import getLemma  # type: ignore[import-untyped]

    found = getLemma(word.lower(), upos="VERB", lemmatize_oov=False)
    return found[0].lower() if found else word.lower()


def verb_lemma(tok: "Token") -> str:
    """The lemma a verb is counted under: the dictionary's for known forms, else the parse's."""
    found = dictionary_lemma(tok.lower_)
    return found if found != tok.lower_ or tok.lemma_.lower() == tok.lower_ else tok.lemma_.lower()


def cue_head(doc: "Doc", start: int, end: int) -> "Token | None":
    """The token of the character span ``start..end`` whose head lies outside it (its syntactic head)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


class CueLexicon:
    """Verb lemmas whose occurrences are attribution cues at least ``min_precision`` of the time."""

    def __init__(self, min_precision: float = 0.2, min_count: int = 4) -> None:
        self.min_precision = min_precision
        self.min_count = min_count

    def fit(self, docs: Sequence["Doc"], cue_spans: Sequence[Iterable[tuple[int, int]]]) -> "CueLexicon":
        """Learn from parsed documents and, per document, the (start, end) of each gold cue span."""
        seen: Counter[str] = Counter()
        cue: Counter[str] = Counter()
        for doc, spans in zip(docs, cue_spans):
            seen.update(verb_lemma(t) for t in doc if t.pos_ == "VERB")
            for s, e in spans:
                head = cue_head(doc, s, e)
                if head is not None and head.pos_ == "VERB":
                    cue[verb_lemma(head)] += 1
        self.counts_ = {w: (cue[w], max(seen[w], cue[w])) for w in sorted(cue)
                        if cue[w] >= self.min_count and w.isalpha()}
        self.words_ = sorted(w for w, (c, n) in self.counts_.items() if c / n >= self.min_precision)
        return self

    def predict(self, lemmas: Sequence[str]) -> list[bool]:
        """Whether each lemma is a learned cue."""
        keep = set(self.words_)
        return [w.lower() in keep for w in lemmas]


def polnear_documents(split_dir: Path) -> Iterator[tuple[Path, Path]]:
    """(text file, first annotator's .ann file) for each text of a PolNeAR split folder."""
    seen: set[str] = set()
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        txt = split_dir / "text" / f"{stem}.txt"
        if stem in seen or not txt.exists():
            continue
        seen.add(stem)
        yield txt, ann


def polnear_cues(split_dir: Path) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """Texts of a PolNeAR split and, per text, its gold cue spans."""
    texts, spans = [], []
    for txt, ann in polnear_documents(split_dir):
        cues = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) > 1 and parts[1].startswith("Cue "):
                locs = parts[1][4:].split(";")
                cues.append((int(locs[0].split()[0]), int(locs[-1].split()[1])))
        texts.append(txt.read_text(encoding="utf-8"))
        spans.append(cues)
    return texts, spans


def main(argv: Sequence[str]) -> int:
    """Print the ``LEARNED_CUES`` table for ``resources/quotes.py`` from a PolNeAR split folder."""
    from copydesk.text import load

    texts, spans = polnear_cues(Path(argv[0]))
    processes = int(argv[1]) if len(argv) > 1 else 1
    docs = list(load().pipe(texts, batch_size=16, n_process=processes))
    lex = CueLexicon().fit(docs, spans)
    print("LEARNED_CUES: dict[str, tuple[int, int]] = {")
    row = "   "
    for w, (c, n) in lex.counts_.items():
        item = f' "{w}": ({c}, {n}),'
        if len(row) + len(item) > 110:
            print(row)
            row = "   "
        row += item
    print(row + "\n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
