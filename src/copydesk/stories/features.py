"""Article features for story grouping: content words, capitalized spans, numbers.

Every article becomes a bag of typed terms read off its parse: ``w:`` lemmas of
content words (title words counted more), ``e:`` proper-noun names, ``n:`` numbers. Weights per type let names
count more than words; the vectors are sublinear-tf TF-IDF, L2-normalized.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from copydesk.models import Article
from copydesk.stories.resources import NOT_ENTITY, POSSESSIVE_RE, STOPWORDS
from copydesk.text import parse, parse_many

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Relative weight of each term type in the story vector.
TYPE_WEIGHTS: Mapping[str, float] = {"w": 1.0, "e": 1.6, "n": 0.6}
#: How many times a title term counts compared with a body term.
TITLE_WEIGHT = 3
#: Sentences at the top of an article (the news lead) counted twice: they say what happened.
LEAD_SENTENCES = 3
#: Weight of a term seen in one document only, in a large collection (it cannot link two articles,
#: it only dilutes the cosine); damped towards 1 in small collections like idf.
HAPAX_WEIGHT = 0.0
#: Below this many documents, document frequencies say little: idf is damped towards 1.
IDF_FULL_DOCS = 50


def idf_value(n_docs: int, df: int, full_docs: int = IDF_FULL_DOCS) -> float:
    """Smoothed idf, damped towards 1 for small collections (5 articles cannot estimate rarity)."""
    raw = math.log((1 + n_docs) / (1 + df)) + 1.0
    return 1.0 + (raw - 1.0) * min(1.0, n_docs / full_docs)


def published_day(article: Article) -> date | None:
    """The publication date, or None when missing or unreadable (an unreadable date is no date)."""
    try:
        return article.published_date
    except ValueError:
        return None


def hapax_factor(n_docs: int, full_docs: int = IDF_FULL_DOCS) -> float:
    """Weight of a term found in a single document of ``n_docs``."""
    return 1.0 - (1.0 - HAPAX_WEIGHT) * min(1.0, n_docs / full_docs)


def headline(article: Article) -> str:
    """The article's title, or its first line when that line looks like a headline."""
    if article.title:
        return article.title
    first, _, rest = article.text.strip().partition("\n")
    first = first.strip()
    if rest and 10 <= len(first) <= 200 and not first.endswith((".", ":")):
        return first
    return ""


def body_terms(text: str, entities: bool = True, lead_sentences: int = 0, doc: "Doc | None" = None) -> list[str]:
    """Typed terms of one text, in reading order (duplicates kept: they are counts).

    Read off the text's parse: ``w:`` lemmas of content words, ``e:`` the recognizer's names
    and proper-noun runs (with their words, so "Biden" meets "Joe Biden"), ``n:`` numbers.
    ``entities=False`` for title-case headlines, where capitals mark no names;
    ``lead_sentences`` keeps only the first sentences (the news lead); ``doc`` is the text's
    parse when the caller has it (else it is looked up by ``parse``).
    """
    doc = parse(text) if doc is None else doc
    if lead_sentences:
        sents = list(doc.sents)[:lead_sentences]
        tokens = [t for s in sents for t in s]
    else:
        tokens = list(doc)
    terms: list[str] = []
    names: list[list[str]] = []
    run: list[str] = []
    for tok in tokens + [None]:  # type: ignore[list-item]
        if tok is not None and entities and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            run.append(POSSESSIVE_RE.sub("", tok.text))
        elif run:
            names.append(run)
            run = []
        if tok is None or tok.is_space or tok.is_punct:
            continue
        if tok.like_num and any(c.isdigit() for c in tok.text):
            terms.append("n:" + tok.text.replace(",", ""))
            continue
        w = tok.lemma_.lower().strip(".'-’")
        if len(w) > 2 and w not in STOPWORDS and not tok.is_stop and tok.is_alpha:
            terms.append("w:" + w)
    for words in names:
        while words and words[0].lower().strip(".") in NOT_ENTITY:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words).lower().replace(".", "")
        if len(name) > 1:
            terms.append("e:" + name)
        if len(words) > 1:
            terms.extend("e:" + w.lower().replace(".", "") for w in words
                         if w.lower().strip(".") not in NOT_ENTITY and len(w) > 2)
    return terms


def article_terms(article: Article, doc: "Doc | None" = None, title_doc: "Doc | None" = None) -> list[str]:
    """Terms of an article: body terms, the lead's again, the headline's TITLE_WEIGHT more times.

    The text is parsed once (``doc`` when the caller parsed it already): the lead is read
    off the same parse.
    """
    title = headline(article)
    text = article.text
    doc = parse(text) if doc is None else doc
    terms = body_terms(text, doc=doc) + body_terms(text, lead_sentences=LEAD_SENTENCES, doc=doc)
    if title:
        terms.extend(body_terms(title, entities=False, doc=title_doc) * TITLE_WEIGHT)
    return terms


def terms_many(articles: Sequence[Article], batch_size: int = 64) -> Iterator[list[str] | Exception]:
    """``article_terms`` of each article in order, texts and headlines parsed in batches (``nlp.pipe``).

    Each article's parse is used as soon as it is made, so however many articles there
    are, none is parsed twice (the Doc cache keeps only the last few hundred). An article
    whose terms cannot be computed yields the exception instead, and the rest go on.
    """
    for start in range(0, len(articles), batch_size):
        part = articles[start:start + batch_size]
        titles = [headline(a) for a in part]
        texts = [a.text for a in part] + [t for t in titles if t]
        try:
            docs = list(parse_many(texts, batch_size=batch_size))
        except Exception:  # one unreadable text: parse them one by one, so only that one fails
            docs = []
        if len(docs) != len(texts):
            for a in part:
                try:
                    yield article_terms(a)
                except Exception as exc:
                    yield exc
            continue
        title_docs = iter(docs[len(part):])
        for a, doc, title in zip(part, docs, titles):
            try:
                yield article_terms(a, doc, next(title_docs) if title else None)
            except Exception as exc:
                yield exc


def weigh(counts: Mapping[str, int], idf: Mapping[str, float] | None = None,
          default_idf: float = 1.0) -> dict[str, float]:
    """Sublinear tf x idf x type weight, L2-normalized, as a sparse dict."""
    vec: dict[str, float] = {}
    for t, c in counts.items():
        w = (1.0 + math.log(c)) * (idf.get(t, default_idf) if idf is not None else 1.0)
        vec[t] = w * TYPE_WEIGHTS.get(t[0], 1.0)
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def matrix(term_lists: Sequence[Iterable[str]], min_df: int = 1, full_docs: int = IDF_FULL_DOCS
           ) -> tuple[sp.csr_matrix, list[str], np.ndarray]:
    """Batch TF-IDF matrix (rows L2-normalized), vocabulary and idf over ``term_lists``.

    ``full_docs``: collection size from which idf and hapax weights apply in full.
    """
    counts = [Counter(ts) for ts in term_lists]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vocab = sorted(t for t, d in df.items() if d >= min_df)
    index = {t: i for i, t in enumerate(vocab)}
    n = len(counts)
    hapax = hapax_factor(n, full_docs)
    idf = np.array([idf_value(n, df[t], full_docs) * (hapax if df[t] == 1 else 1.0) for t in vocab])
    rows, cols, vals = [], [], []
    for r, c in enumerate(counts):
        for t, k in c.items():
            j = index.get(t)
            if j is None:
                continue
            rows.append(r)
            cols.append(j)
            vals.append((1.0 + math.log(k)) * idf[j] * TYPE_WEIGHTS.get(t[0], 1.0))
    m = sp.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = sp.diags(1.0 / norms) @ m
    return m.tocsr(), vocab, idf
