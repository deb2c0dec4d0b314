"""Pipeline components copydesk adds to whichever spaCy pipeline it loads."""

from __future__ import annotations

from spacy.language import Language
import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from copydesk.text.segment import split


@Language.component("copydesk_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries from the news segmenter (``text.segment``), fixed before the parser.

    Every token either starts a sentence or does not, so the parser parses within these
    sentences and never moves a boundary. Whitespace between sentences stays with the
    sentence before it.
    """
    if not len(doc):
        return doc
    idx = doc.to_array([IDX]).astype(numpy.int64).ravel()
    flags = numpy.full(len(doc), -1, dtype=numpy.int64)
    flags[0] = 1
    starts = numpy.fromiter((s.start for s in split(doc.text)), dtype=numpy.int64)
    pos = numpy.searchsorted(idx, starts)
    ok = (pos < len(doc)) & (pos > 0)
    pos = pos[ok]
    pos = pos[idx[pos] == starts[ok]]
    flags[pos] = 1
    doc.from_array([SENT_START], flags.astype(numpy.uint64).reshape(-1, 1))  # -1 wraps: spaCy reads it back as int
    return doc


def tune_tokenizer(nlp: Language) -> None:
    """News abbreviations stay one token with their full stop ("Gen.", "Calif.", "Inc.", "No.").

    A full stop glued to an abbreviation is not a sentence end, so the parser does not
    split "Lt. Col. Reyes" or "Acme Corp. said".
    """
    from spacy.symbols import ORTH

    from copydesk.text.resources import ABBREVS, NUMBER_ABBREVS, TITLES

    for word in TITLES | ABBREVS | NUMBER_ABBREVS:
        for form in {word.capitalize(), word.upper() if len(word) <= 2 else word.capitalize()}:
            special = f"{form}."
            if len(nlp.tokenizer(special)) > 1:
                nlp.tokenizer.add_special_case(special, [{ORTH: special}])
