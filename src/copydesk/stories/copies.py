"""Copies and near-copies: exact duplicates, syndicated copies, light rewrites.

Candidates come from two cheap sources: MinHash LSH over word shingles (near-
duplicates) and an inverted index of shingles (pairs sharing a few passages,
which MinHash misses when the rest of the articles differ), capped per article.
Each candidate pair is then aligned in linear time on shared word trigrams
(short gaps between aligned runs searched word by word) and the shared passages
are mapped back to character spans in both texts.
"""

from __future__ import annotations

import hashlib
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from copydesk.models import Article, CopyLink, Span
from copydesk.settings import Settings
from copydesk.stories.resources import QUOTED_RE, TOKEN_RE

#: Shared words needed for an aligned block to count (shorter runs are chance).
MIN_BLOCK_WORDS = 3
#: Blocks closer than this many words in both texts belong to one passage (light rewording).
MAX_GAP_WORDS = 6
#: A run far from the previous one (a moved paragraph) needs this many words.
MIN_JUMP_WORDS = 6
#: Gaps between two aligned runs up to this many words are searched for shorter runs.
MAX_FILL_WORDS = 24
#: Share of a passage's words that must be matched.
MIN_DENSITY = 0.6
#: Matched words a passage needs to be reported.
MIN_PASSAGE_WORDS = 8
#: A rewrite needs this many passages and this many matched words in all (one shared quote is not a copy).
REWRITE_MIN_PASSAGES = 2
REWRITE_MIN_WORDS = 24
#: ... or share this much of the shorter text outside quotes.
REWRITE_COVERAGE = 0.5
#: A passage mostly inside quotation marks is a shared quote: it does not make a rewrite.
QUOTED_SHARE = 0.6
#: One outlet's text republished with trivial edits (a fixed typo, a new byline) is still exact.
EXACT_COVERAGE = 0.95
#: Share of the shorter text covered by passages above which two outlets carry one syndicated text.
SYNDICATED_COVERAGE = 0.8
#: Shingles found in more articles than this are boilerplate, not evidence.
MAX_SHINGLE_POSTINGS = 50
#: datasketch hashing scheme, fixed so stored signatures stay comparable across versions.
MINHASH_SCHEME = "affine32"
#: Shared shingles that make a pair worth aligning.
MIN_SHARED_SHINGLES = 2
#: Earlier articles one article is aligned with at most (those sharing the most shingles).
MAX_CANDIDATES = 16

Token = tuple[int, int, str]


def tokens(text: str) -> list[Token]:
    """(start, end, lower-cased word) for every word and number in ``text``."""
    return [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in TOKEN_RE.finditer(text)]


def shingles(words: Sequence[str], size: int) -> set[bytes]:
    """Hashed word ``size``-grams (the whole text when it is shorter)."""
    if len(words) < size:
        return {_h(" ".join(words))} if words else set()
    return {_h(" ".join(words[i:i + size])) for i in range(len(words) - size + 1)}


def _h(s: str) -> bytes:
    return hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest()


def signature(shingle_set: Iterable[bytes], num_perm: int = 128) -> MinHash:
    """MinHash of a shingle set (deterministic seed, so signatures can be stored and compared)."""
    mh = MinHash(num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME, permutations=_permutations(num_perm))
    mh.update_batch(list(shingle_set))
    return mh


@lru_cache(maxsize=8)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows) datasketch's LSH picks for this threshold and signature size, found once
    (finding them integrates the false positive and negative rates, which costs more than a chunk's queries)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> object:
    """The seeded permutations of a signature, drawn once (drawing them costs more than hashing a text)."""
    return MinHash(num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME).permutations


def _blocks(wa: Sequence[str], wb: Sequence[str]) -> list[tuple[int, int, int]]:
    """Maximal runs of equal words (start in a, start in b, size), in the order of ``a``.

    Linear time: every MIN_BLOCK_WORDS-gram of ``b`` is indexed by position, ``a`` is
    scanned once and each shared gram is extended as far as the words agree. An
    occurrence shortly after the previous run (within MAX_FILL_WORDS) is preferred, so
    a passage stays one diagonal; paragraphs moved around are still found when their
    run is at least MIN_JUMP_WORDS long.
    """
    k = MIN_BLOCK_WORDS
    if len(wa) < k or len(wb) < k:
        return []
    where: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - k + 1):
        where.setdefault(tuple(wb[j:j + k]), []).append(j)
    out: list[tuple[int, int, int]] = []
    i, prev_b = 0, -1
    while i <= len(wa) - k:
        js = where.get(tuple(wa[i:i + k]))
        if not js:
            i += 1
            continue
        near = next((x for x in js if prev_b - k < x <= prev_b + MAX_FILL_WORDS), None)
        j = js[0] if near is None else near
        size = k
        while i + size < len(wa) and j + size < len(wb) and wa[i + size] == wb[j + size]:
            size += 1
        if near is None and out and size < MIN_JUMP_WORDS:
            i += 1  # a few words shared with a distant part of b: chance, not a moved passage
            continue
        cut = max(0, prev_b - j) if j < prev_b < j + size else 0  # words of b the last run already took
        out.append((i + cut, j + cut, size - cut))
        i, prev_b = i + size, j + size
    return out


def _with_gap_blocks(wa: Sequence[str], wb: Sequence[str],
                     runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """``runs`` with the shorter runs found inside the short gaps between consecutive runs.

    A rewritten sentence keeps one- and two-word runs between its longer ones;
    each gap is at most MAX_FILL_WORDS each side, so this stays linear.
    """
    out: list[tuple[int, int, int]] = []
    for k, run in enumerate(runs):
        if k:
            pa, pb, ps = runs[k - 1]
            ga, gb = (pa + ps, run[0]), (pb + ps, run[1])
            if 0 < ga[1] - ga[0] <= MAX_FILL_WORDS and 0 < gb[1] - gb[0] <= MAX_FILL_WORDS:
                sm = SequenceMatcher(None, wa[ga[0]:ga[1]], wb[gb[0]:gb[1]], autojunk=False)
                out.extend((ga[0] + blk.a, gb[0] + blk.b, blk.size) for blk in sm.get_matching_blocks() if blk.size)
        out.append(run)
    return out


def passages(a: Sequence[Token], b: Sequence[Token]) -> list[tuple[Span, Span, int]]:
    """Shared passages: (span in a, span in b, matched words), in the order of ``a``.

    Aligned word runs closer than MAX_GAP_WORDS in both texts form one passage, so
    a sentence with a word or two changed stays one passage. A passage needs
    MIN_PASSAGE_WORDS matched words, one run of MIN_BLOCK_WORDS, and must be at
    least MIN_DENSITY matched (scattered "the ... of ... said" is not a passage).
    """
    wa = [t[2] for t in a]
    wb = [t[2] for t in b]
    groups: list[list[int]] = []  # a_start, a_end, b_start, b_end, matched, longest run
    for ba, bb, size in _with_gap_blocks(wa, wb, _blocks(wa, wb)):
        cur = groups[-1] if groups else None
        if cur and ba - cur[1] <= MAX_GAP_WORDS and 0 <= bb - cur[3] <= MAX_GAP_WORDS:
            cur[1], cur[3] = ba + size, bb + size
            cur[4] += size
            cur[5] = max(cur[5], size)
        else:
            groups.append([ba, ba + size, bb, bb + size, size, size])
    out = []
    for g in groups:
        span_words = max(g[1] - g[0], g[3] - g[2])
        if g[4] >= MIN_PASSAGE_WORDS and g[5] >= MIN_BLOCK_WORDS and g[4] >= MIN_DENSITY * span_words:
            out.append(_span_pair(a, b, g))
    return out


def _span_pair(a: Sequence[Token], b: Sequence[Token], cur: list[int]) -> tuple[Span, Span, int]:
    return (Span(a[cur[0]][0], a[cur[1] - 1][1]), Span(b[cur[2]][0], b[cur[3] - 1][1]), cur[4])


def compare_pair(x: Article, y: Article, tx: Sequence[Token] | None = None,
                 ty: Sequence[Token] | None = None) -> CopyLink | None:
    """A CopyLink when ``y`` shares text with ``x`` (the earlier one becomes ``a``), else None.

    ``similarity`` is the share of the shorter text's words inside shared passages.
    """
    if _later(x, y) is x:
        x, y, tx, ty = y, x, ty, tx
    tx = tokens(x.text) if tx is None else tx
    ty = tokens(y.text) if ty is None else ty
    if not tx or not ty:
        return None
    same_source = x.source.strip().lower() == y.source.strip().lower()
    if [t[2] for t in tx] == [t[2] for t in ty]:
        whole = (Span(tx[0][0], tx[-1][1]), Span(ty[0][0], ty[-1][1]))
        return CopyLink(x.id, y.id, 1.0, "exact" if same_source else "syndicated", (whole,))
    found = passages(tx, ty)
    matched = sum(p[2] for p in found)
    coverage = matched / min(len(tx), len(ty))
    own = [p for p in found if not _quoted(x.text, p[0]) and not _quoted(y.text, p[1])]
    own_matched = sum(p[2] for p in own)
    if coverage >= EXACT_COVERAGE and same_source:
        kind = "exact"
    elif coverage >= SYNDICATED_COVERAGE and not same_source:
        kind = "syndicated"
    elif (own_matched / min(len(tx), len(ty)) >= REWRITE_COVERAGE
          or (len(own) >= REWRITE_MIN_PASSAGES and own_matched >= REWRITE_MIN_WORDS)):
        kind = "rewrite"
    else:
        return None
    return CopyLink(x.id, y.id, round(coverage, 4), kind, tuple((p[0], p[1]) for p in found))  # type: ignore[arg-type]


def _quoted(text: str, span: Span) -> bool:
    """Whether most of ``span`` is quoted speech."""
    inside = 0
    for m in QUOTED_RE.finditer(text, max(0, span.start - 2000), min(len(text), span.end + 2000)):
        inside += max(0, min(m.end(), span.end) - max(m.start(), span.start))
    return inside >= QUOTED_SHARE * (span.end - span.start)


def _later(x: Article, y: Article) -> Article:
    """The later-published of two articles (``y`` when undated or equal)."""
    dx, dy = x.published or "", y.published or ""
    return x if dx and dy and dx > dy else y


def _shingle_array(shingle_set: Iterable[bytes]) -> np.ndarray:
    """A shingle set as a sorted uint64 array (8 bytes a shingle instead of a Python object)."""
    return np.unique(np.frombuffer(b"".join(shingle_set), dtype=np.uint64))


class _Postings:
    """Which articles hold each shingle: one sorted array, so memory stays 12 bytes a shingle."""

    def __init__(self, arrays: Sequence[np.ndarray]) -> None:
        lengths = np.fromiter((len(x) for x in arrays), dtype=np.int64, count=len(arrays))
        flat = np.concatenate(arrays) if len(arrays) else np.zeros(0, dtype=np.uint64)
        owner = np.repeat(np.arange(len(arrays), dtype=np.int32), lengths)
        order = np.argsort(flat, kind="stable")
        self.keys, self.owner = flat[order], owner[order]

    def partners(self, shingle_array: np.ndarray, before: int) -> dict[int, int]:
        """Articles with an index below ``before`` sharing MIN_SHARED_SHINGLES or more of these shingles
        (boilerplate shingles, held by over MAX_SHINGLE_POSTINGS articles, do not count): index -> shared."""
        lo = np.searchsorted(self.keys, shingle_array, side="left")
        hi = np.searchsorted(self.keys, shingle_array, side="right")
        keep = (hi - lo > 1) & (hi - lo <= MAX_SHINGLE_POSTINGS)
        if not keep.any():
            return {}
        idx = np.concatenate([self.owner[a:b] for a, b in zip(lo[keep], hi[keep])])
        idx = idx[idx < before]
        found, counts = np.unique(idx, return_counts=True)
        return {int(j): int(c) for j, c in zip(found, counts) if c >= MIN_SHARED_SHINGLES}


def _full_key(ts: Sequence[Token]) -> bytes:
    return _h("\x00".join(t[2] for t in ts))


def find_copies(articles: Sequence[Article], settings: Settings | None = None,
                words: Sequence[Sequence[Token]] | None = None,
                signatures: Sequence[np.ndarray | None] | None = None) -> list[CopyLink]:
    """Every copy, syndicated copy and rewrite among ``articles``.

    Each article is compared with at most MAX_CANDIDATES earlier ones, those sharing
    the most shingles first, until one it is an exact or syndicated copy of; an
    article word for word like an earlier one is linked to that one only. Copies of
    one wire report so form a chain, not a clique, which keeps dependence groups
    whole at linear cost. Only compact per-article arrays
    are held; words are re-read per compared pair. ``words`` (each article's
    ``tokens``) and ``signatures`` (its MinHash hash values), when the caller has
    them, are used instead of computing them again.
    """
    size = int(getattr(settings, "shingle_size", 5))
    num_perm = int(getattr(settings, "minhash_perm", 128))
    threshold = float(getattr(settings, "copy_threshold", 0.5))
    arrays: list[np.ndarray] = []
    sigs = np.zeros((len(articles), num_perm), dtype=np.uint64)
    first: dict[bytes, int] = {}  # word sequence -> first article with it
    same_as: dict[int, int] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=lsh_params(threshold, num_perm))
    ranked: list[list[int]] = [[] for _ in articles]  # per article, earlier ones to compare, best first
    for i, a in enumerate(articles):
        ts = tokens(a.text) if words is None else words[i]
        key = _full_key(ts) if ts else b""
        if key and key in first:
            same_as[i] = first[key]
            ranked[i].append(first[key])
            arrays.append(np.zeros(0, dtype=np.uint64))
            continue
        if key:
            first[key] = i
        s = shingles([t[2] for t in ts], size)
        arrays.append(_shingle_array(s))
        if s:
            given = signatures[i] if signatures is not None else None
            mh = (signature(s, num_perm) if given is None or len(given) != num_perm else
                  MinHash(num_perm=num_perm, seed=1, hashvalues=given, scheme=MINHASH_SCHEME,
                          permutations=_permutations(num_perm)))
            sigs[i] = mh.hashvalues
            lsh.insert(str(i), mh)
    postings = _Postings(arrays)
    for i, a in enumerate(articles):
        if i in same_as or not len(arrays[i]):
            continue
        near = {int(j) for j in lsh.query(MinHash(num_perm=num_perm, seed=1, hashvalues=sigs[i],
                                                   scheme=MINHASH_SCHEME, permutations=_permutations(num_perm)))
                if int(j) < i}
        cand = postings.partners(arrays[i], i)
        if len(near) > 4 * MAX_CANDIDATES:  # many near-duplicates: keep those MinHash finds closest
            order = sorted(near, key=lambda j: (-int((sigs[j] == sigs[i]).sum()), j))
            near = set(order[:4 * MAX_CANDIDATES])
        for j in near - cand.keys():
            cand[j] = len(np.intersect1d(arrays[i], arrays[j], assume_unique=True))
        ranked[i] = sorted(cand, key=lambda j: (-cand[j], j))[:MAX_CANDIDATES]

    @lru_cache(maxsize=4096)
    def toks(k: int) -> Sequence[Token]:
        return tokens(articles[k].text) if words is None else words[k]

    found: list[tuple[int, int, CopyLink]] = []
    for i, js in enumerate(ranked):
        for j in js:
            if articles[i].id == articles[j].id:
                continue
            link = compare_pair(articles[j], articles[i], toks(j), toks(i))
            if link is not None:
                found.append((j, i, link))
                if link.kind in ("exact", "syndicated"):
                    break  # a copy of j: the earlier ones it also matches are j's copies too
    return [link for _, _, link in sorted(found, key=lambda t: (t[0], t[1]))]
