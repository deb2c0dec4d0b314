"""Dependence between articles: copied text, shared upstream, outlet family, shared errors.

Each kind of evidence gives a probability that two articles are not
independent; they combine as a noisy-or. Articles above ``THRESHOLD`` are
linked, and the connected components are the dependence groups: a claim has as
many independent sources as groups among its articles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from copydesk.grouping import components
from copydesk.models import Article, CopyLink, Dependence
from copydesk.verify.resources import UPSTREAM_PATTERNS

THRESHOLD = 0.5
SHINGLE = 8  # words in a shared passage n-gram
COPY_WEIGHT = {"exact": 1.0, "syndicated": 0.95, "rewrite": 0.75}
UPSTREAM_WEIGHT = 0.55  # both cite the same named outlet
ANONYMOUS_UPSTREAM_WEIGHT = 0.2  # both cite "a U.S. official"
FAMILY_WEIGHT = 0.6
SHARED_ERROR_WEIGHT = 0.35  # per minority value both assert
RARE_DETAIL_WEIGHT = 0.12  # per claim (or value) only the two articles of a pair state
MAX_PARTNERS = 24  # text-sharing partners scored per article (those sharing the most n-grams)
MAX_POSTINGS = 64  # an n-gram found in more articles than this is left to the copy links
MAX_CLIQUE = 12  # articles sharing one upstream or family up to this are linked pairwise, beyond to the first
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[int]:
    """Hashes of the word n-grams of ``text`` (lower case)."""
    w = [x.lower() for x in _WORD.findall(text)]
    return {hash(tuple(w[i:i + n])) for i in range(len(w) - n + 1)}


def upstreams(text: str) -> set[str]:
    """Upstream reports an article cites: "reuters", "wall street journal", "anonymous:u.s. official"."""
    out = set()
    for pat in UPSTREAM_PATTERNS:
        for m in pat.finditer(text):
            up = m.group("up")
            low = up.lower()
            if " official" in low or " diplomat" in low or " source" in low:
                core = re.sub(r"^(a|an|two|three|several) ", "", low)
                core = re.sub(r"^senior ", "", core).rstrip("s")
                core = re.sub(r"^us\b", "u.s.", core)  # "US official" and "U.S. official" are one source
                out.add("anonymous:" + core)
            else:
                out.add({"ap": "associated press", "wsj": "wall street journal", "the guardian": "guardian",
                         "agence france-presse": "afp"}.get(low, low))
    return out


def family_of(article: Article, families: Mapping[str, str] | None = None) -> str | None:
    """The outlet family of an article: from the mapping (source -> family) or its metadata."""
    if families and article.source in families:
        return families[article.source]
    fam = article.meta.get("family") if article.meta else None
    return str(fam) if fam else None


def _noisy_or(ps: Iterable[float]) -> float:
    q = 1.0
    for p in ps:
        q *= 1.0 - max(0.0, min(1.0, p))
    return 1.0 - q


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _text_partners(ids: Sequence[str], sh: Mapping[str, set[int]]) -> list[tuple[str, str]]:
    """Pairs (a < b) that share word n-grams, found through an n-gram index: each article keeps
    its MAX_PARTNERS partners sharing the most. N-grams in over MAX_POSTINGS articles (a wire
    text many outlets carry) do not count here; the copy links already tie those articles."""
    post: dict[int, list[str]] = {}
    for i in ids:
        for h in sh[i]:
            post.setdefault(h, []).append(i)
    out = []
    for a in ids:
        common: dict[str, int] = {}
        for h in sh[a]:
            p = post[h]
            if 1 < len(p) <= MAX_POSTINGS:
                for b in p:
                    if b > a:
                        common[b] = common.get(b, 0) + 1
        out.extend((a, b) for b in sorted(common, key=lambda b: (-common[b], b))[:MAX_PARTNERS])
    return sorted(out)


@lru_cache(maxsize=4)
def _text_evidence(texts: tuple[tuple[str, str], ...]
                   ) -> tuple[tuple[tuple[str, str, float, str], ...], dict[str, tuple[str, ...]]]:
    """What the texts alone tell, for (id, text) pairs in id order: (a, b, p, why) for pairs sharing
    word n-grams, and the articles citing each upstream. Kept for the few calls that verifying
    one story makes with the same articles (before and after the shared errors are known)."""
    ids = [i for i, _ in texts]
    sh = {i: shingles(t) for i, t in texts}
    shared = []
    for a, b in _text_partners(ids, sh):
        common = len(sh[a] & sh[b])
        if common >= 3:
            frac = common / min(len(sh[a]), len(sh[b]))
            shared.append((a, b, min(0.95, 0.3 + 1.5 * frac),
                           f"shares {common} word {SHINGLE}-grams ({frac:.0%} of the shorter text)"))
    citing: dict[str, list[str]] = {}
    for i, t in texts:
        for up in upstreams(t):
            citing.setdefault(up, []).append(i)
    return tuple(shared), {up: tuple(v) for up, v in citing.items()}


def linked_pairs(members: Sequence[str]) -> list[tuple[str, str]]:
    """The pairs that stand for "all of ``members`` share this": every pair of a small set,
    each member with the first for a large one (the same group, linear in its size)."""
    ms = sorted(set(members))
    if len(ms) <= MAX_CLIQUE:
        return [(a, b) for x, a in enumerate(ms) for b in ms[x + 1:]]
    return [(ms[0], b) for b in ms[1:]]


def dependences(articles: Mapping[str, Article], copies: Sequence[CopyLink] = (),
                families: Mapping[str, str] | None = None,
                shared_errors: Mapping[tuple[str, str], Sequence[str]] | None = None,
                shared_details: Mapping[tuple[str, str], Sequence[str]] | None = None) -> list[Dependence]:
    """A scored Dependence with evidence for the article pairs that show any.

    Small stories get every such pair; in a large one, pairs are blocked first (an
    n-gram index, who cites whom) and evidence shared by many articles is summarized
    by linking each to the first, so records grow with the articles, not their pairs.
    """
    ids = sorted(articles)
    evidence: dict[tuple[str, str], list[tuple[float, str]]] = {}

    def add(a: str, b: str, p: float, why: str) -> None:
        evidence.setdefault(_pair(a, b), []).append((p, why))

    for c in copies:
        if c.a in articles and c.b in articles and c.a != c.b:
            w = COPY_WEIGHT.get(c.kind, 0.75)
            add(c.a, c.b, w * max(0.5, min(1.0, c.similarity)) if c.kind == "rewrite" else w,
                f"{c.kind} copy (similarity {c.similarity:.2f}, {len(c.passages)} shared passages)")
    linked = set(evidence)
    shared_text, citing = _text_evidence(tuple((i, articles[i].text) for i in ids))
    for a, b, p, why in shared_text:
        if (a, b) not in linked:
            add(a, b, p, why)
    for up in sorted(citing):
        n = len(citing[up])
        for a, b in linked_pairs(citing[up]):
            if up.startswith("anonymous:"):
                # "a U.S. official" cited across most of a story says little about this pair
                add(a, b, ANONYMOUS_UPSTREAM_WEIGHT * min(1.0, 2 / n),
                    f"both cite {up.split(':', 1)[1]}" + (f" (as do {n - 2} other articles)" if n > 2 else ""))
            else:
                add(a, b, UPSTREAM_WEIGHT, f"both rely on the same upstream report ({up})")
    family: dict[str, list[str]] = {}
    for i in ids:
        fam = family_of(articles[i], families)
        if fam:
            family.setdefault(fam, []).append(i)
    for fam in sorted(family):
        for a, b in linked_pairs(family[fam]):
            add(a, b, FAMILY_WEIGHT, f"same outlet family ({fam})")
    for (a, b), keys in (shared_errors or {}).items():
        if a in articles and b in articles and keys:
            for k in keys:
                add(a, b, SHARED_ERROR_WEIGHT, f"both state the minority value of “{k}”")
    for (a, b), keys in (shared_details or {}).items():
        if a in articles and b in articles and a != b and keys:
            uniq = list(dict.fromkeys(keys))
            add(a, b, _noisy_or([RARE_DETAIL_WEIGHT] * len(uniq)),
                f"share {len(uniq)} rare details no other article of the story reports: "
                + ", ".join(f"“{k}”" for k in uniq[:6]) + (" …" if len(uniq) > 6 else ""))
    out = []
    for (a, b), ev in sorted(evidence.items()):
        out.append(Dependence(a, b, round(_noisy_or(p for p, _ in ev), 4), tuple(w for _, w in ev)))
    return out


def groups(article_ids: Iterable[str], deps: Sequence[Dependence],
           threshold: float = THRESHOLD) -> list[tuple[str, ...]]:
    """Connected components of articles linked by dependence >= threshold (singletons included)."""
    ids = list(dict.fromkeys(article_ids))
    known = set(ids)
    comps = components(ids, ((d.a, d.b) for d in deps if d.score >= threshold and d.a in known and d.b in known))
    return sorted((tuple(sorted(c)) for c in comps), key=lambda g: g[0])


def independent_count(article_ids: Iterable[str], group_list: Sequence[tuple[str, ...]]) -> int:
    """How many dependence groups the given articles fall into."""
    where = {a: i for i, g in enumerate(group_list) for a in g}
    return len({where.get(a, a) for a in set(article_ids)})
