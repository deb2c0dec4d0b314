"""Group mentions from different articles into claims, by their frames.

Each mention gets a frame (``align.frames``: the predicate it is the value of, its
arguments by role as entity keys, what the value is). Two mentions of different
articles are candidates only when their frames can state one claim: the value types
agree (the same counted noun or dimension, the same dated event, the same speaker),
the predicates match (the same lemma or event-lexicon synonyms) and no main argument
is a different entity. Candidates are scored (``claim_score``) and merged greedily,
best pair first, at most one mention per article in a claim, never joining two
clusters whose arguments conflict; below the threshold a mention stays its own claim.
Only pairs sharing a blocking key are scored, and alike mentions once, so a large
story stays sub-quadratic.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Mapping, Sequence

from rapidfuzz import fuzz

from copydesk.align.frames import EntityKey, Frame, event_class, frame_of, reporting_verb, same_predicate
from copydesk.align.resources import (
    CATEGORY_SLOTS, DIMENSIONS, EVENT_NOUNS, EVENT_SYNONYMS, STOPWORDS, WORD_RE,
)
from copydesk.errors import CopydeskError
from copydesk.models import (
    Article, Claim, Entity, Mention, Quantity, Quote, Span, Story, Time, content_id,
)
from copydesk.text import lemma, parse, sentences, span_lemmas

try:
    from copydesk.align.entities import EntityIndex
except ImportError:  # a build without the entity index: arguments compare by recognized names
    EntityIndex = None  # type: ignore[assignment,misc]
try:
    from copydesk.align import scorer
except ImportError:  # a build without the learned scorer: the interim combination below scores alone
    scorer = None  # type: ignore[assignment]

WINDOW = 8  # content words either side of a mention that describe it
MEASURE_TOLERANCE = 0.05  # "300 km" vs "190 miles" vs "310 km": one figure, rounded or converted
QUANTITY_THRESHOLD = 0.4  # physical measures
#: counts, sums and dates: the same predicate with neutral roles (0.375) needs sentences that are close too
COUNT_THRESHOLD = 0.5
DATE_THRESHOLD = 0.5
#: Score happenings (counts, sums, dates) with the learned ``align.scorer`` model and its ECB+ dev threshold
#: instead of the interim combination. Off: its threshold was chosen on every pair of an ECB+ topic, and on
#: pairs that already passed the frame gate it abstains even on synonyms ("approval" vs "authorized", 0.10
#: against 0.53); choosing a threshold for gated pairs needs a judged claims dev set.
LEARNED_SCORE = False
#: Lemma pairs that corefer at least this often in ECB+ train count as synonyms ("injure"/"wound").
LEARNED_SYNONYM_RATE = 0.5
QUOTE_THRESHOLD = 0.75  # one speaker: words at least 2/3 alike (a truncation is a subset: 0.9); two: nearly the same words
STATEMENT_THRESHOLD = 0.55
#: A mention left alone whose best match in another article scored at least this share of the threshold
#: may be the same fact worded apart: its claim is not asserted as resting on one source.
NEAR_MISS = 0.6
MIN_STATEMENT_OVERLAP = 0.2
BLOCK_KEY_LIMIT = 200  # a word more mentions share than this does not make them candidates
BLOCK_CANDIDATES = 40  # mentions one mention is scored against at most (those sharing the most keys)
ROLES = ("agent", "patient", "location")
#: Groups whose values are of a happening, so the predicate must match: counts, sums, statements (dates
#: compare their event through the value type).
EVENT_GROUPS = frozenset({"q:count", "q:money", "stmt"})
#: Weights of the interim claim score: predicate, roles, shared arguments, sentence and nearby words.
W_PREDICATE, W_ROLES, W_ARGUMENTS, W_SIMILARITY = 0.3, 0.15, 0.15, 0.4
#: ... and of a physical measure: its value's closeness, what it measures, the entities and words around it.
W_VALUE, W_HEAD, W_ENTITIES, W_NEAR = 0.45, 0.2, 0.15, 0.2


@dataclass
class Profile:
    """One mention as alignment compares it: its frame, and bags of lemmas around it."""

    mention: Mention
    head: str = ""  # counted noun / dated event / speaker: the value type's key
    group: str = ""  # only mentions of one group are compared (dimension, kind)
    context: frozenset[str] = frozenset()  # content lemmas near the mention
    entities: frozenset[str] = frozenset()  # entity keys of its sentence
    key_words: list[str] = field(default_factory=list)
    content: str = ""
    frame: Frame | None = None
    near_miss: float = 0.0  # best score short of the threshold against another article's mention


class _Sentences:
    """Sentence spans per article, computed once."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self.articles = articles
        self._cache: dict[str, list[Span]] = {}

    def spans(self, aid: str) -> list[Span]:
        text = self.articles[aid].text
        found = self._cache.get(aid)
        if found is None:
            found = self._cache[aid] = sentences(text) or [Span(0, len(text))]
        return found

    def of(self, m: Mention) -> Span:
        text = self.articles[m.article_id].text
        for s in self.spans(m.article_id):
            if s.start <= m.start < s.end or (s.start <= m.start and m.end <= s.end):
                return s
        return Span(max(0, m.start - 200), min(len(text), m.end + 200))


class _Entities:
    """Entity keys of a story's mentions: the story's cross-outlet clusters where built, else the
    recognizer's canonical names (lower case). Display names are remembered for claim keys."""

    def __init__(self, story: Story, articles: Mapping[str, Article],
                 mentions: Mapping[str, Sequence[Mention]], index: "EntityIndex | None" = None) -> None:
        self.names: dict[str, str] = {}
        self.texts = {aid: a.text for aid, a in articles.items()}
        self._resolved: dict[tuple[str, str], str | None] = {}
        self.index = index
        if self.index is None and EntityIndex is not None:
            self.index = EntityIndex.build(articles, mentions, story.id)
        if self.index is not None:
            self.names = {c.id: c.name for c in self.index.clusters}
        self._spans: dict[str, list[tuple[int, int, str]]] = {}
        for aid, ms in mentions.items():
            spans = []
            for m in ms:
                if m.kind == "entity" and isinstance(m.value, Entity):
                    k = m.value.canonical.lower()
                    self.names.setdefault(k, m.value.canonical)
                    spans.append((m.start, m.end, k))
            self._spans[aid] = sorted(spans)

    def key(self, aid: str) -> EntityKey:
        """``entity_key(start, end)`` for frames of article ``aid``."""
        if self.index is not None:
            index, text = self.index, self.texts.get(aid, "")

            def cluster(s: int, e: int) -> str | None:
                # a capitalized name the recognizer missed here still resolves by how the story names it
                found = index.at(aid, s, e)
                if found or not text[s:s + 1].isupper():
                    return found
                name = text[s:e]
                if (aid, name) not in self._resolved:  # resolve scans the story's people: once per name
                    self._resolved[aid, name] = index.resolve(aid, name)
                return self._resolved[aid, name]
            return cluster
        spans = self._spans.get(aid, [])
        starts = [s for s, _, _ in spans]

        def lookup(start: int, end: int) -> str | None:
            k = bisect_right(starts, end)
            while k > 0:
                k -= 1
                s, e, name = spans[k]
                if s < end and start < e:
                    return name
                if e <= start and s < start - 200:
                    break
            return None
        return lookup

    def within(self, aid: str, sent: Span) -> frozenset[str]:
        """Entity keys mentioned inside a sentence."""
        if self.index is not None:
            return self.index.within(aid, sent.start, sent.end)
        return frozenset(k for s, _, k in self._spans.get(aid, []) if sent.start <= s < sent.end)

    def speaker(self, aid: str, name: str | None) -> str:
        """A quote's speaker as an entity key ("the spokesman", "Mr. Kirby" -> one cluster), else its surname."""
        if self.index is not None and name:
            if (aid, name) not in self._resolved:  # an article quotes one speaker many times: resolve once
                self._resolved[aid, name] = self.index.resolve(aid, name)
            found = self._resolved[aid, name]
            if found:
                return found
        return speaker_key(name)


def event(lem: str) -> str | None:
    """The canonical event of a lemma if it names a known event ("authorize" -> "approve")."""
    return EVENT_SYNONYMS.get(lem.lower())


def _window(doc_text: str, sent: Span, start: int, end: int, n: int = WINDOW) -> tuple[list[str], list[str]]:
    """Content lemmas before and after [start, end) inside the sentence, nearest first."""
    doc = parse(doc_text)
    before = [w for w in span_lemmas(doc, sent.start, start) if w not in STOPWORDS][-n:][::-1]
    after = [w for w in span_lemmas(doc, end, sent.end) if w not in STOPWORDS][:n]
    return before, after


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]+,\s*$")  # "BRENMOUTH, " before a date opening a story
_STAMP = re.compile(r"\b(?:updated|published|posted|last modified)\s*(?:on\s*)?:?\s*$", re.I)  # a page's time stamp
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T.*)?$")  # PAST_REF, weeks: nothing to check
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a TIME such as "Saturday night" still dates its day


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def dimension(q: Quantity) -> str:
    """The physical dimension of a quantity: length, money, count..."""
    return DIMENSIONS.get(q.normalized_unit, q.normalized_unit or "count")


def _frame(m: Mention, text: str, key: EntityKey) -> Frame | None:
    try:
        return frame_of(m, parse(text), key)
    except CopydeskError:
        return None  # a mention the parse has no token for (E403): compared without a frame


def _quantity_profile(m: Mention, text: str, sent: Span, ents: frozenset[str], key: EntityKey) -> Profile:
    q = m.value
    assert isinstance(q, Quantity)
    before, after = _window(text, sent, m.start, m.end)
    frame = _frame(m, text, key)
    dim = dimension(q)
    counted = ""
    if frame is not None and frame.value_type.startswith("count:"):
        counted = frame.value_type.split(":", 1)[1]
    elif q.counted:  # what a measure measures ("range")
        words = [w for w in WORD_RE.findall(q.counted) if w.lower() not in STOPWORDS]
        counted = lemma(words[-1]) if words else ""
    ctx = frozenset(before + after)
    return Profile(m, head=counted, group="q:" + dim, context=ctx, entities=ents,
                   key_words=[counted] if counted else [], frame=frame)


def _close_measures(a: Profile, b: Profile) -> bool:
    """Two physical measures (not counts or money) whose values agree within ``MEASURE_TOLERANCE``."""
    qa, qb = a.mention.value, b.mention.value
    if not (isinstance(qa, Quantity) and isinstance(qb, Quantity)) or a.group in ("q:count", "q:money"):
        return False
    va, vb = qa.normalized_amount, qb.normalized_amount
    if va is None or vb is None or not qa.unit or not qb.unit or max(abs(va), abs(vb)) == 0:
        return False
    return abs(va - vb) <= MEASURE_TOLERANCE * max(abs(va), abs(vb))


def _closeness(a: Profile, b: Profile) -> float:
    """1 for two measures of one value, falling to 0 at ``MEASURE_TOLERANCE`` apart."""
    qa, qb = a.mention.value, b.mention.value
    assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
    va, vb = qa.normalized_amount or 0.0, qb.normalized_amount or 0.0
    return max(0.0, 1.0 - abs(va - vb) / (MEASURE_TOLERANCE * max(abs(va), abs(vb)) or 1.0))


def _date_profile(m: Mention, text: str, sent: Span, ents: frozenset[str], key: EntityKey) -> Profile:
    frame = _frame(m, text, key)
    before, after = _window(text, sent, m.start, m.end)
    ev = event_class(frame.predicate) if frame is not None and frame.predicate else ""
    if _DATELINE.match(text, sent.start, m.start) or _STAMP.search(text, max(sent.start, m.start - 30), m.start):
        ev = ""  # "BRENMOUTH, March 8 (Wire) -", "Updated: May 24": the filing date, not an event's
    elif frame is not None and reporting_verb(frame.predicate):
        ev = ""  # "the hospital said on Monday": when it was said, not a fact the story dates
    co = sorted(event_class(w) for w in frame.co_predicates) if frame is not None and ev else []
    return Profile(m, head=ev, group="d", context=frozenset(before + after), entities=ents,
                   key_words=([ev] if ev else []) + co, frame=frame)


def speaker_key(name: str | None) -> str:
    """A speaker as compared across articles without an entity index: the last capitalized word, lower case."""
    if not name:
        return ""
    caps = [w for w in WORD_RE.findall(name) if w[:1].isupper()]
    return (caps[-1] if caps else name.split()[-1]).lower() if name.split() else ""


def quote_content(m: Mention, text: str) -> str:
    """The quoted words of a quote mention (the whole span when there is no content span)."""
    q = m.value
    if isinstance(q, Quote) and q.content_span is not None:
        return q.content_span.of(text)
    return text[m.start:m.end]


def _quote_profile(m: Mention, text: str, sent: Span, ents: frozenset[str], key: EntityKey,
                   speaker: str) -> Profile:
    q = m.value
    content = quote_content(m, text)
    cspan = q.content_span if isinstance(q, Quote) and q.content_span is not None else Span(m.start, m.end)
    frame = _frame(m, text, key)
    if frame is not None and speaker:
        frame = replace(frame, agent=speaker, attribution=speaker, arguments=frame.arguments | {speaker},
                        named=frame.named | {speaker})
    return Profile(m, head=speaker, group="quote", context=frozenset(span_lemmas(parse(text), cspan.start, cspan.end)),
                   entities=ents, content=content.lower(), frame=frame)


def _outlet_attribution(q: Quote, outlets: set[str]) -> bool:
    """Whether a "quote" only credits a news outlet for the report ("..., Coastline Wire reported")."""
    spk = (q.speaker or "").lower()
    return bool(spk) and (speaker_key(q.speaker) in outlets or bool(_REPORT.search(spk)))


_REPORT = re.compile(r"\b(report|reported|reporting|wire|news agency)\b")


def _event_noun(key: str | None) -> bool:
    return bool(key) and key in EVENT_NOUNS


def role_conflict(x: str | None, y: str | None, x_named: bool, y_named: bool) -> bool:
    """Two fillers of one role that are different things: two different entities, or two happenings
    of different classes ("approved the transfer" vs "approved the use")."""
    if not x or not y or x == y:
        return False
    if x_named and y_named:
        return True
    return _event_noun(x) and _event_noun(y) and event_class(x) != event_class(y)


def _arguments_conflict(fa: Frame, fb: Frame) -> bool:
    """Whether some role of the two frames is filled by two different things (``role_conflict``)."""
    for x, y in ((fa.agent, fb.agent), (fa.patient, fb.patient), (fa.location, fb.location)):  # ROLES
        # most pairs leave a role empty or fill it alike: only two different fillers need the full test
        if x and y and x != y and role_conflict(x, y, x in fa.named, y in fb.named):
            return True
    return False


def compatible(a: Profile, b: Profile) -> bool:
    """Whether two mentions' frames can state one claim at all (the gate before any score).

    Value types agree (a count of one noun; a measure of one thing where both name it; the
    same dated event; quotes need nothing here, their speaker is scored), the predicates match
    where the value is of a happening (counts, money, dates; a physical measure is a property of
    a thing, whatever verb its sentence has), and no role is filled by two different entities.
    """
    fa, fb = a.frame, b.frame
    if a.group != b.group:
        return False
    if a.group == "q:count" and a.head != b.head:
        return False  # counting different things: "troops" vs "tanks" (or one of them unknown)
    if a.group.startswith("q:") and a.head and b.head and a.head != b.head:
        return False  # a range is not a length
    if a.group == "d" and not (a.head and b.head and (a.head == b.head or a.head in _co_events(b)
                                                       or b.head in _co_events(a))):
        return False  # a date is compared only with the date of the same event
    if fa is None or fb is None:
        return True
    if a.group in EVENT_GROUPS and not predicates_match(fa.predicate, fb.predicate):
        return False
    # roles belong to a predicate: two frames' fillers are compared unless the frames name different happenings
    one_event = a.group == "d" or not (fa.predicate and fb.predicate) or predicates_match(fa.predicate, fb.predicate)
    return not (one_event and _arguments_conflict(fa, fb))


def predicates_match(a: str, b: str) -> bool:
    """Two predicate lemmas of one happening: the same lemma, event-lexicon synonyms, or a pair that corefers
    most of the times it is seen in the ECB+ train topics (the scorer's learned lemma-pair rates)."""
    if same_predicate(a, b):
        return True
    if not a or not b or scorer is None:
        return False
    rate, seen = scorer.lemma_pair_rate(a, b)
    return seen > 0 and rate >= LEARNED_SYNONYM_RATE


def _names_event(p: Profile) -> bool:
    """Whether a date's predicate is a happening the event lexicons know (what a lone date is kept for)."""
    pred = p.frame.predicate if p.frame is not None else ""
    return bool(p.head) and (pred in EVENT_SYNONYMS or pred in EVENT_NOUNS)


def _co_events(p: Profile) -> frozenset[str]:
    """Event classes a date also dates: the clauses that share its predicate's time."""
    return frozenset(event_class(w) for w in p.frame.co_predicates) if p.frame is not None else frozenset()


def _roles_agree(fa: Frame, fb: Frame) -> float:
    """How alike the frames fill the roles both fill: 1 for one filler, 0.5 for two that may still be one
    ("the ship" and "the Aldora"; two different entities never get here), 0.5 when they share none."""
    both = [(getattr(fa, r), getattr(fb, r)) for r in ROLES if getattr(fa, r) and getattr(fb, r)]
    return sum(1.0 if x == y else 0.5 for x, y in both) / len(both) if both else 0.5


def _predicate_agree(fa: Frame, fb: Frame) -> float:
    """1 for one lemma, 0.85 for synonyms (lexicon or learned), 0.5 when one is unknown, else 0."""
    if not fa.predicate or not fb.predicate:
        return 0.5
    if fa.predicate == fb.predicate:
        return 1.0
    return 0.85 if predicates_match(fa.predicate, fb.predicate) else 0.0


def claim_score(a: Profile, b: Profile) -> float:
    """How sure alignment is that two mentions state one claim (0..1); 0 when their frames cannot.

    Happenings (counts, sums, dates): the interim combination of the predicate (same lemma 1,
    synonyms 0.85, unknown 0.5), the roles filled alike, the arguments shared, and how close the
    sentences and the words around the mentions are; or, with ``LEARNED_SCORE``, the learned
    ``align.scorer`` model. Physical measures: what is measured, the entities around it and how
    close the values are. Quotes: their words and speaker. Statements: their wording.
    """
    if not compatible(a, b):
        return 0.0
    if a.group == "quote":
        return _quote_score(a, b)
    if a.group == "stmt":
        return _statement_score(a, b)
    fa, fb = a.frame, b.frame
    near = min(1.0, 2 * _jaccard(a.context, b.context))
    if fa is None or fb is None:
        return near
    sentence = _sentence_similarity(fa.lemmas, fb.lemmas)
    if LEARNED_SCORE and scorer is not None and a.group in EVENT_GROUPS | {"d"}:
        return scorer.same_claim_score(fa, fb, sentence)
    sim = max(sentence, near)
    if a.group not in EVENT_GROUPS | {"d"}:
        # a physical measure is a property of a thing: what it measures, of what, and how close the values are
        # (one figure in other units, rounded), not which verb its sentence has
        head = 1.0 if a.head and a.head == b.head else 0.5
        value = 0.6 + 0.4 * _closeness(a, b) if _close_measures(a, b) else 0.0
        return W_VALUE * value + W_HEAD * head + W_ENTITIES * _overlap(a.entities, b.entities) + W_NEAR * sim
    if a.group == "d":  # the gate matched the dated events (the predicates or a clause sharing their time)
        pred = 1.0 if fa.predicate == fb.predicate else 0.85
    else:
        pred = _predicate_agree(fa, fb)
    return (W_PREDICATE * pred + W_ROLES * _roles_agree(fa, fb)
            + W_ARGUMENTS * _jaccard(fa.arguments, fb.arguments) + W_SIMILARITY * sim)


@lru_cache(maxsize=65536)
def _sentence_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The scorer's TF-IDF cosine of two sentences' lemmas (lemma Jaccard without it); a sentence holding
    several values is compared once per pair of sentences."""
    return scorer.sentence_similarity(a, b) if scorer is not None else _jaccard(a, b)


def _threshold(group: str) -> float:
    """The score at which two mentions of a group (``Profile.group``) state one claim."""
    if LEARNED_SCORE and scorer is not None and group in EVENT_GROUPS | {"d"}:
        return float(scorer.THRESHOLD)
    return {"d": DATE_THRESHOLD, "q:count": COUNT_THRESHOLD, "q:money": COUNT_THRESHOLD}.get(group, QUANTITY_THRESHOLD)


def _quote_score(a: Profile, b: Profile) -> float:
    words = fuzz.token_set_ratio(a.content, b.content) / 100.0
    sort = fuzz.token_sort_ratio(a.content, b.content) / 100.0
    sim = max(words * 0.9, sort)
    if a.head and a.head == b.head:
        return min(1.0, sim + 0.15)
    return sim if sim >= 0.8 else sim * 0.7  # a different speaker needs nearly the same words


def _frame_signature(f: Frame | None) -> tuple[object, ...]:
    """What the score reads of a frame (not where it sits, so a wire copy's frame is alike)."""
    if f is None:
        return ()
    return (f.predicate, f.agent, f.patient, f.location, f.arguments, f.value_type, f.polarity, f.modality,
            f.attribution, f.lemmas, f.named, f.co_predicates)


def _signature(p: Profile) -> tuple[object, ...]:
    """Everything a score reads from a profile: profiles with one signature score alike."""
    q = p.mention.value if isinstance(p.mention.value, Quantity) else None
    return (p.group, p.head, p.context, p.entities, tuple(p.key_words), p.content, _frame_signature(p.frame), q)


def _block_keys(p: Profile) -> set[str]:
    """Keys two profiles must share to score above zero: words, entities, events, a measure's size."""
    keys = set(p.context) | set(p.entities) | set(p.key_words)
    if p.head:
        keys.add(p.head)
    if p.frame is not None:
        keys |= p.frame.arguments
        if p.frame.predicate:
            keys.add("\x01" + event_class(p.frame.predicate))
    q = p.mention.value
    if isinstance(q, Quantity) and q.unit and q.normalized_amount:
        # values within MEASURE_TOLERANCE fall in one bucket or the next: each measure takes both
        b = math.floor(math.log(abs(q.normalized_amount)) / math.log(1 + MEASURE_TOLERANCE))
        keys |= {f"\x00{b}", f"\x00{b + 1}"}
    return keys


def _candidates(sigs: list[tuple[object, ...]], keys: list[set[str]]) -> list[tuple[int, int]]:
    """Pairs of distinct signatures worth scoring: sharing a key held by at most BLOCK_KEY_LIMIT of them,
    at most BLOCK_CANDIDATES per signature (those sharing the most keys)."""
    post: dict[str, list[int]] = {}
    for u, ks in enumerate(keys):
        for k in ks:
            post.setdefault(k, []).append(u)
    out: list[tuple[int, int]] = []
    for u, ks in enumerate(keys):
        usable = [k for k in ks if len(post[k]) <= BLOCK_KEY_LIMIT]
        if not usable and ks:
            usable = [min(ks, key=lambda k: (len(post[k]), k))]
        shared: dict[int, int] = {}
        for k in usable:
            for v in post[k][:BLOCK_KEY_LIMIT]:
                if v > u and sigs[v][0] == sigs[u][0]:
                    shared[v] = shared.get(v, 0) + 1
        out.extend((u, v) for v in sorted(shared, key=lambda v: (-shared[v], v))[:BLOCK_CANDIDATES])
    return out


def _named_roles(p: Profile) -> dict[str, frozenset[str]]:
    """The named role fillers a cluster may not contradict: keyed by role and the happening's event class."""
    f = p.frame
    if f is None or not f.predicate:
        return {}
    ev = p.head if p.group == "d" else event_class(f.predicate)
    return {f"{ev}:{r}": frozenset({k}) for r in ROLES if (k := getattr(f, r)) and k in f.named}


def _group_pairs(profiles: list[Profile], score: Callable[[Profile, Profile], float],
                 threshold: float) -> list[list[Profile]]:
    """Clusters of profiles: best pairs first, never two mentions of one article in a cluster, never
    two different entities in one role of a cluster (so A~B and B~C cannot chain A to a conflicting C).

    Profiles alike in all a score reads are scored once (wire copies repeat every
    mention), and only pairs sharing a blocking key are scored, so a large story
    does not score every pair of its mentions.
    """
    index: dict[tuple[object, ...], int] = {}
    members: list[list[int]] = []
    for i, p in enumerate(profiles):
        u = index.setdefault(_signature(p), len(members))
        if u == len(members):
            members.append([])
        members[u].append(i)
    sigs = list(index)
    reps = [profiles[m[0]] for m in members]
    pairs: list[tuple[float, int, int]] = []
    article = [p.mention.article_id for p in profiles]

    def link(s: float, i: int, j: int) -> None:
        if article[i] != article[j]:
            pairs.append((s, i, j) if i < j else (s, j, i))

    for u, ms in enumerate(members):
        if len(ms) > 1 and (s := score(reps[u], reps[u])) >= threshold:
            for x, y in zip(ms, ms[1:]):
                link(s, x, y)
    for u, v in _candidates(sigs, [_block_keys(p) for p in reps]):
        s = score(reps[u], reps[v])
        if s >= threshold:
            for j in members[v]:
                link(s, members[u][0], j)
            for i in members[u][1:]:
                link(s, i, members[v][0])
        elif s >= NEAR_MISS * threshold and len({article[k] for k in members[u] + members[v]}) > 1:
            for k in members[u] + members[v]:
                profiles[k].near_miss = max(profiles[k].near_miss, s)
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    cluster = list(range(len(profiles)))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
    arts: dict[int, set[str]] = {i: {p.mention.article_id} for i, p in enumerate(profiles)}
    roles: dict[int, dict[str, frozenset[str]]] = {i: _named_roles(p) for i, p in enumerate(profiles)}
    for _, i, j in pairs:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or arts[ci] & arts[cj]:
            continue
        ri, rj = roles[ci], roles[cj]
        if any(r in ri and ri[r] != rj[r] for r in rj):
            continue  # the clusters name different entities in one role of one happening: different claims
        if len(clusters[ci]) < len(clusters[cj]):
            ci, cj = cj, ci
        for k in clusters[cj]:
            cluster[k] = ci
        clusters[ci].extend(clusters.pop(cj))
        arts[ci] |= arts.pop(cj)
        roles[ci] = {**roles.pop(cj), **roles[ci]}
    out = [[profiles[k] for k in sorted(ks, key=lambda k: _order(profiles[k].mention))] for ks in clusters.values()]
    out.sort(key=lambda ps: _order(ps[0].mention))
    return out


def _order(m: Mention) -> tuple[str, int, int]:
    return (m.article_id, m.start, m.end)


def _key_quantity(ps: list[Profile], names: Mapping[str, str]) -> str:
    heads = [p.head for p in ps if p.head]
    q = ps[0].mention.value
    counted = next((p.mention.value.counted for p in ps if isinstance(p.mention.value, Quantity)
                    and p.mention.value.counted), None)
    label = counted or (max(sorted(set(heads)), key=heads.count) if heads else "")
    ents = set.intersection(*[set(p.entities) for p in ps]) if len(ps) > 1 else set(ps[0].entities)
    subject = sorted(ents, key=lambda e: (names.get(e, e), e))[0] if ents else ""
    dim = dimension(q) if isinstance(q, Quantity) else ""
    parts = [names.get(subject, subject), label or dim]
    return " ".join(p for p in parts if p).strip() or "figure"


@lru_cache(maxsize=1)
def _category_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(head, pattern of "<category> <head>[s]") per category slot, built once (not once per article)."""
    return tuple((head, re.compile(r"\b(" + "|".join(sorted((re.escape(c) for c in cats), key=len, reverse=True))
                                   + r")\s+" + re.escape(head) + r"s?\b", re.I))
                 for head, cats in CATEGORY_SLOTS.items())


def _category_mentions(article: Article, sents: list[Span]) -> list[tuple[Mention, str]]:
    """Category-slot fillers: "cruise missiles" -> (mention of "cruise", head "missile")."""
    out = []
    text = article.text
    for head, pat in _category_patterns():
        for m in pat.finditer(text):
            sent_idx = next((i for i, s in enumerate(sents) if s.start <= m.start() < s.end), None)
            out.append((Mention("entity", m.start(1), m.end(1),
                                Entity("CATEGORY", f"{head}:{m.group(1).lower()}"),
                                article_id=article.id, sentence=sent_idx), head))
    return out


def _statement_profiles(article: Article, sents: list[Span], ents: _Entities,
                        covered: frozenset[int] = frozenset()) -> list[Profile]:
    """Sentences as statements: the frame of the sentence's main predicate, with its words.

    Sentences in ``covered`` (those holding a figure, date or quote: their claims are those) are skipped
    before their frame is read.
    """
    out = []
    doc = parse(article.text)
    key = ents.key(article.id)
    for i, s in enumerate(sents):
        if i in covered:
            continue
        text = s.of(article.text)
        lem = [w for w in span_lemmas(doc, s.start, s.end) if w not in STOPWORDS]
        if len(lem) < 4:
            continue
        m = Mention("entity", s.start, s.end, Entity("STATEMENT", "statement"), article_id=article.id, sentence=i)
        frame = _frame(m, article.text, key)
        ev = event_class(frame.predicate) if frame is not None and frame.predicate else ""
        m = replace(m, value=Entity("STATEMENT", ev or "statement"))
        out.append(Profile(m, head=ev, group="stmt", context=frozenset(lem), entities=ents.within(article.id, s),
                           content=text.lower(), frame=frame))
    return out


def _statement_score(a: Profile, b: Profile) -> float:
    ctx = _jaccard(a.context, b.context)
    if ctx < MIN_STATEMENT_OVERLAP:
        return 0.0  # cheap filter before the fuzzy wording score
    words = fuzz.token_set_ratio(a.content, b.content) / 100.0
    return 0.6 * words + 0.25 * ctx + 0.15 * _overlap(a.entities, b.entities)


def align(story: Story, articles: Mapping[str, Article],
          mentions: Mapping[str, Sequence[Mention]], entities: "EntityIndex | None" = None) -> list[Claim]:
    """Claims of ``story``: quantities, dates, quotes and statements stated across its articles.

    ``entities`` is the story's entity index when the caller has built it (``pipeline.run`` builds it once
    for alignment, verification and the report); else it is built here where available.
    """
    sents = _Sentences(articles)
    quantity_ps: list[Profile] = []
    date_ps: list[Profile] = []
    quote_ps: list[Profile] = []
    stmt_ps: list[Profile] = []
    cats: list[tuple[Mention, str]] = []
    aids = [a for a in story.article_ids if a in articles] or sorted(articles)
    outlets = {speaker_key(articles[a].source) for a in aids if articles[a].source} - {""}
    own = {aid: [m if m.article_id else _with_article(m, aid) for m in mentions.get(aid, ())] for aid in aids}
    ents = _Entities(story, {aid: articles[aid] for aid in aids}, own, entities)
    for aid in aids:
        art = articles[aid]
        ms = own[aid]
        key = ents.key(aid)
        for m in ms:
            if not (0 <= m.start <= m.end <= len(art.text)):
                continue
            sent = sents.of(m)
            ent_set = ents.within(aid, sent)
            if m.kind == "quantity" and isinstance(m.value, Quantity):
                quantity_ps.append(_quantity_profile(m, art.text, sent, ent_set, key))
            elif m.kind == "time" and isinstance(m.value, Time) and (
                    (m.value.type == "DATE" and _CALENDAR.match(m.value.timex))
                    or (m.value.type == "TIME" and _DAY.match(m.value.timex))):
                date_ps.append(_date_profile(m, art.text, sent, ent_set, key))
            elif m.kind == "quote" and isinstance(m.value, Quote) and not _outlet_attribution(m.value, outlets):
                quote_ps.append(_quote_profile(m, art.text, sent, ent_set, key, ents.speaker(aid, m.value.speaker)))
        spans = sents.spans(aid)
        cats.extend(_category_mentions(art, spans))
        covered = {m.sentence for m in ms if m.kind in ("quantity", "time", "quote") and m.sentence is not None}
        covered |= {i for i, s in enumerate(spans) for m in ms
                    if m.kind in ("quantity", "time", "quote") and s.start <= m.start < s.end}
        stmt_ps.extend(_statement_profiles(art, spans, ents, frozenset(covered)))

    claims: list[Claim] = []

    def add(kind: str, key: str, ps: list[Profile], speaker: str | None = None) -> None:
        ms = [p.mention for p in ps]
        cid = content_id(story.id, kind, key, *[m.id for m in ms])
        frames = tuple(p.frame for p in ps) if all(p.frame is not None for p in ps) else ()
        near = round(ps[0].near_miss, 4) if len(ps) == 1 and ps[0].near_miss > 0 else None
        claims.append(Claim(id=cid, story_id=story.id, kind=kind, key=key,  # type: ignore[arg-type]
                            mentions=tuple(ms), speaker=speaker, frames=frames,  # type: ignore[arg-type]
                            near_miss=near))

    by_group: dict[str, list[Profile]] = {}
    for p in quantity_ps:
        by_group.setdefault(p.group, []).append(p)
    grouped = [ps for g, group_ps in sorted(by_group.items()) for ps in _group_pairs(group_ps, claim_score, _threshold(g))]
    for ps in sorted(grouped, key=lambda ps: _order(ps[0].mention)):
        q = ps[0].mention.value
        if len(ps) == 1 and not (isinstance(q, Quantity) and (q.counted or q.unit or ps[0].head)):
            continue
        add("quantity", _key_quantity(ps, ents.names), ps)
    for ps in _group_pairs(date_ps, claim_score, _threshold("d")):
        if len(ps) == 1 and not _names_event(ps[0]):
            continue  # one outlet's date of a verb no lexicon knows as a happening ("put", "garner")
        heads = [p.head for p in ps if p.head]
        head = max(heads, key=heads.count) if heads else "date"  # the event most of them date
        add("date", head.replace("approve", "approval").replace("deliver", "delivery"), ps)
    for ps in _group_pairs(quote_ps, claim_score, QUOTE_THRESHOLD):
        spk = next((p.mention.value.speaker for p in ps if isinstance(p.mention.value, Quote)
                    and p.mention.value.speaker), None)
        words = ps[0].content.split()
        key = (f"{spk}: " if spk else "") + "“" + " ".join(words[:8]) + ("…" if len(words) > 8 else "") + "”"
        add("quote", key, ps, speaker=spk)
    by_head: dict[str, list[Mention]] = {}
    for m, head in cats:
        by_head.setdefault(head, []).append(m)
    for head, ms in sorted(by_head.items()):
        chosen: dict[str, Mention] = {}
        for m in ms:
            chosen.setdefault(m.article_id, m)
        if len(chosen) >= 2:
            ordered = sorted(chosen.values(), key=_order)
            cid = content_id(story.id, "statement", f"{head} type", *[m.id for m in ordered])
            claims.append(Claim(id=cid, story_id=story.id, kind="statement", key=f"{head} type",
                                mentions=tuple(ordered)))
    for ps in _group_pairs(stmt_ps, claim_score, STATEMENT_THRESHOLD):
        if len(ps) < 2:
            continue
        ev = ps[0].head
        shared = sorted(set.intersection(*[set(p.entities) for p in ps]), key=lambda e: (ents.names.get(e, e), e))
        key = " ".join(x for x in [", ".join(ents.names.get(e, e) for e in shared[:2]), ev] if x) or \
            " ".join(ps[0].content.split()[:8])
        add("statement", key, ps)
    return claims


def _with_article(m: Mention, aid: str) -> Mention:
    return Mention(m.kind, m.start, m.end, m.value, article_id=aid, sentence=m.sentence)
