"""Copies and near-copies: exact duplicates, syndicated copies, light rewrites.

Candidates come from two cheap sources: MinHash LSH over word shingles (near-
duplicates) and an inverted index of shingles (pairs sharing a few passages,
which MinHash misses when the rest of the articles differ). Each candidate pair
is then aligned word by word (difflib) and the shared passages are mapped back
to character spans in both texts.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from difflib import SequenceMatcher
from typing import Iterable, Sequence

from datasketch import MinHash, MinHashLSH

from copydesk.models import Article, CopyLink, Span
from copydesk.settings import Settings
from copydesk.stories.resources import QUOTED_RE, TOKEN_RE

#: Shared words needed for an aligned block to count (shorter runs are chance).
MIN_BLOCK_WORDS = 3
#: Blocks closer than this many words in both texts belong to one passage (light rewording).
MAX_GAP_WORDS = 6
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
    mh = MinHash(num_perm=num_perm, seed=1, scheme=MINHASH_SCHEME)
    mh.update_batch(list(shingle_set))
    return mh


def passages(a: Sequence[Token], b: Sequence[Token]) -> list[tuple[Span, Span, int]]:
    """Shared passages: (span in a, span in b, matched words), in the order of ``a``.

    Aligned word runs closer than MAX_GAP_WORDS in both texts form one passage, so
    a sentence with a word or two changed stays one passage. A passage needs
    MIN_PASSAGE_WORDS matched words, one run of MIN_BLOCK_WORDS, and must be at
    least MIN_DENSITY matched (scattered "the ... of ... said" is not a passage).
    """
    wa = [t[2] for t in a]
    wb = [t[2] for t in b]
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    blocks = [blk for blk in sm.get_matching_blocks() if blk.size > 0]
    groups: list[list[int]] = []  # a_start, a_end, b_start, b_end, matched, longest run
    for blk in blocks:
        cur = groups[-1] if groups else None
        if cur and blk.a - cur[1] <= MAX_GAP_WORDS and 0 <= blk.b - cur[3] <= MAX_GAP_WORDS:
            cur[1], cur[3] = blk.a + blk.size, blk.b + blk.size
            cur[4] += blk.size
            cur[5] = max(cur[5], blk.size)
        else:
            groups.append([blk.a, blk.a + blk.size, blk.b, blk.b + blk.size, blk.size, blk.size])
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


def find_copies(articles: Sequence[Article], settings: Settings | None = None) -> list[CopyLink]:
    """Every copy, syndicated copy and rewrite among ``articles``."""
    size = int(getattr(settings, "shingle_size", 5))
    num_perm = int(getattr(settings, "minhash_perm", 128))
    threshold = float(getattr(settings, "copy_threshold", 0.5))
    toks = [tokens(a.text) for a in articles]
    sh = [shingles([t[2] for t in ts], size) for ts in toks]
    pairs: set[tuple[int, int]] = set()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, s in enumerate(sh):
        if not s:
            continue
        mh = signature(s, num_perm)
        for j in lsh.query(mh):
            pairs.add((int(j), i))
        lsh.insert(str(i), mh)
    post: dict[bytes, list[int]] = defaultdict(list)
    for i, s in enumerate(sh):
        for h in s:
            post[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in post.values():
        if 1 < len(ids) <= MAX_SHINGLE_POSTINGS:
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    shared[(ids[x], ids[y])] += 1
    pairs.update(p for p, n in shared.items() if n >= MIN_SHARED_SHINGLES)
    out = []
    for i, j in sorted(pairs):
        if articles[i].id == articles[j].id:
            continue
        link = compare_pair(articles[i], articles[j], toks[i], toks[j])
        if link is not None:
            out.append(link)
    return out
