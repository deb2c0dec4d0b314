"""A cue-word lexicon learned from attribution-annotated text (scikit-learn conventions).

``CueLexicon.fit`` counts, for each lower-cased word, how often it heads a gold cue span
versus how often it occurs at all, and keeps words that are cues often enough. The words
kept for the shipped lexicon (``resources.quotes.LEARNED_CUES``) come from
``python -m copydesk.extract.quote_cues PATH_TO_POLNEAR_TRAIN`` (reproducible: counts only).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Sequence

_WORD = re.compile(r"[A-Za-z’']+")


class CueLexicon:
    """Words whose occurrences are attribution cues at least ``min_precision`` of the time."""

    def __init__(self, min_precision: float = 0.2, min_count: int = 4) -> None:
        self.min_precision = min_precision
        self.min_count = min_count

    def fit(self, texts: Sequence[str], cue_spans: Sequence[Iterable[tuple[int, int]]]) -> "CueLexicon":
        """Learn from texts and, per text, the (start, end) of each gold cue span."""
        seen: Counter[str] = Counter()
        cue: Counter[str] = Counter()
        for text, spans in zip(texts, cue_spans):
            seen.update(w.lower() for w in _WORD.findall(text))
            for s, e in spans:
                words = _WORD.findall(text[s:e])
                if words:
                    cue[words[-1].lower() if len(words) < 3 else words[0].lower()] += 1
        self.precision_ = {w: cue[w] / seen[w] for w in cue if seen[w]}
        self.words_ = sorted(w for w, p in self.precision_.items()
                             if p >= self.min_precision and cue[w] >= self.min_count and len(w) > 2)
        return self

    def predict(self, words: Sequence[str]) -> list[bool]:
        """Whether each word is a learned cue."""
        keep = set(self.words_)
        return [w.lower() in keep for w in words]


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


def _polnear(split_dir: Path) -> tuple[list[str], list[list[tuple[int, int]]]]:
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


if __name__ == "__main__":
    lex = CueLexicon().fit(*_polnear(Path(sys.argv[1])))
    print(" ".join(lex.words_))
