"""A small suffix stripper: enough to match "delivered"/"delivery"/"deliveries"."""

from __future__ import annotations

from copydesk.align.resources import EVENT_SYNONYMS, IRREGULAR, STOPWORDS, WORD_RE

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "al")


def lemma(word: str) -> str:
    """A crude lemma of ``word`` (lower case, irregulars mapped, common suffixes stripped)."""
    w = word.lower().replace("’", "'").strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) <= 4:
        return w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            if suf in ("ies", "ied"):
                stem += "i"
            if suf == "es" and not stem.endswith(("ss", "sh", "ch", "x", "z")):
                stem = w[:-1]
                if stem.endswith("e"):
                    stem = stem[:-1]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                stem = stem[:-1]
            return stem
    return w.rstrip("e") if len(w) > 4 else w


def event(word: str) -> str | None:
    """The canonical event of ``word`` if it is a known event verb or noun."""
    w = word.lower()
    if w in EVENT_SYNONYMS:
        return EVENT_SYNONYMS[w]
    lw = lemma(w)
    if lw in EVENT_SYNONYMS:
        return EVENT_SYNONYMS[lw]
    return EVENT_SYNONYMS.get(lw + "e") if len(lw) >= 3 and w != lw else None  # "used" -> "use", not "US"


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the content words of ``text`` (stop words and one-letter words dropped)."""
    out = []
    for m in WORD_RE.finditer(text):
        w = m.group().lower()
        if w in STOPWORDS or len(w) < 2:
            continue
        out.append(lemma(w))
    return out
