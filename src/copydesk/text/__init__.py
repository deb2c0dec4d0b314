"""Text primitives over one parsed document: sentences, words and lemmas as offset spans.

Every stage reads the one ``Doc`` that ``parse`` returns for an article's text
(copydesk's own spaCy pipeline, see ``text.nlp``); nothing else splits sentences or
tokenizes words. Spans are character offsets into the text that was parsed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from copydesk.models import Span
from copydesk.text.segment import trim_into
from copydesk.text.nlp import clear_cache, load, model_name, parse, parse_many

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["clear_cache", "lemma", "lemmas", "load", "model_name", "parse", "parse_many",
           "sentence_spans", "sentences", "span_lemmas", "words"]


def sentence_spans(doc: "Doc") -> list[Span]:
    """Sentence spans of a parsed document, trimmed of surrounding whitespace.

    Read off the Doc once and kept on it as plain offsets (serializable with the Doc):
    walking ``doc.sents`` again costs more than the lookups stages make into them.
    """
    kept = doc.user_data.get(_SENTENCES_KEY)
    if kept is None:
        out: list[Span] = []
        for sent in doc.sents:
            trim_into(doc.text, sent.start_char, sent.end_char, out)
        doc.user_data[_SENTENCES_KEY] = tuple((s.start, s.end) for s in out)
        return out
    return [Span(a, b) for a, b in kept]


_SENTENCES_KEY = "copydesk.sentence_spans"


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: ``text[s.start:s.end]`` is the sentence, trimmed of whitespace."""
    return sentence_spans(parse(text)) if text else []


def words(text: str) -> list[Span]:
    """Word spans of ``text``: the parse's tokens that are neither space nor punctuation."""
    return [Span(t.idx, t.idx + len(t)) for t in parse(text) if not (t.is_space or t.is_punct)] if text else []


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the words of ``text``, in order."""
    return [t.lemma_.lower() for t in parse(text) if not (t.is_space or t.is_punct)] if text else []


def span_lemmas(doc: "Doc", start: int, end: int) -> list[str]:
    """Lemmas of the content words of ``doc`` whose tokens lie inside characters start..end."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    if span is None:
        return []
    return [t.lemma_.lower() for t in span if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 1]


@lru_cache(maxsize=20_000)
def lemma(word: str) -> str:
    """The lemma of one word read alone (a counted noun, a cue word) by the pipeline's lemmatizer.

    Words out of context are parsed on their own, outside the document cache; a word in a
    sentence takes its lemma from the sentence's parse instead.
    """
    doc = load()(word)
    toks = [t for t in doc if not (t.is_space or t.is_punct)]
    return (toks[-1].lemma_ if toks else word).lower()


#: Parts of speech that carry what a sentence is about.
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
