"""Pipeline components copydesk adds to whichever spaCy pipeline it loads."""

from __future__ import annotations

from spacy.language import Language
import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from copydesk.text.segment import split


@Language.component("copydesk_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries from the news segmenter (``text.segment``), set before the parser.

    Where the segmenter ends a sentence (full stops, line breaks, headlines) a sentence
    starts; where it is sure none can (a token glued to the one before, like a closing
    quote; the word after "Gen." or an initial) none does; elsewhere the parser decides.
    """
    n = len(doc)
    if not n:
        return doc
    idx = doc.to_array([IDX]).astype(numpy.int64).ravel()
    flags = numpy.zeros(n, dtype=numpy.int64)
    for i in range(1, n):
        prev = doc[i - 1]
        if not prev.whitespace_ and not prev.is_space:
            flags[i] = -1
        elif prev.text.endswith(".") and (prev.text in _ABBREVIATIONS or (len(prev.text) == 2 and prev.text[0].isupper())):
            flags[i] = -1
    flags[0] = 1
    starts = numpy.fromiter((s.start for s in split(doc.text)), dtype=numpy.int64)
    pos = numpy.searchsorted(idx, starts)
    ok = (pos < n) & (pos > 0)
    pos = pos[ok]
    pos = pos[idx[pos] == starts[ok]]
    flags[pos] = 1
    doc.from_array([SENT_START], flags.astype(numpy.uint64).reshape(-1, 1))  # -1 wraps: spaCy reads it back as int
    return doc


def _abbreviations() -> frozenset[str]:
    from copydesk.text.resources import ABBREVS, NUMBER_ABBREVS, TITLES

    words = TITLES | ABBREVS | NUMBER_ABBREVS
    return frozenset(f"{w.capitalize()}." for w in words) | frozenset(f"{w}." for w in words)


_ABBREVIATIONS = _abbreviations()


def tune_tokenizer(nlp: Language) -> None:
    """News abbreviations stay one token with their full stop ("Gen.", "Calif.", "Inc.", "No.").

    A full stop glued to an abbreviation is not a sentence end, so the parser does not
    split "Lt. Col. Reyes" or "Acme Corp. said".
    """
    from spacy.symbols import ORTH

    from copydesk.text.resources import ABBREVS, NUMBER_ABBREVS, NUMBER_ONLY, TITLES

    forms = {w.capitalize() for w in TITLES | ABBREVS | NUMBER_ABBREVS}
    forms |= {w.upper() for w in TITLES | ABBREVS if len(w) <= 2}
    forms |= {w for w in (ABBREVS | NUMBER_ABBREVS) - NUMBER_ONLY if len(w) > 1}  # "approx.", "etc.", "jan."
    for form in forms:
        special = f"{form}."
        if len(nlp.tokenizer(special)) > 1:
            nlp.tokenizer.add_special_case(special, [{ORTH: special}])
