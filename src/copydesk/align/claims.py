"""Group mentions from different articles into claims.

Each mention gets a profile (what it measures or dates, the words and entities
around it); pairs across articles are scored and merged greedily, best pair
first, with at most one mention per article in a claim.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from rapidfuzz import fuzz

from copydesk.align.resources import (
    CATEGORY_SLOTS, COMPATIBLE_EVENTS, DIMENSIONS, EVENT_SYNONYMS, HEAD_SYNONYMS, OBJECT_CLASSES, STOPWORDS,
    VARIANT_WORDS, WORD_RE,
)
from copydesk.models import (
    Article, Claim, Entity, Mention, Quantity, Quote, Span, Story, Time, content_id,
)
from copydesk.text import lemma, parse, sentences, span_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Token

ASPECTUAL = frozenset({"begin", "end"})
ASPECTUAL_PENALTY = 60
NOUN_PENALTY = 25
WINDOW = 8  # content words either side of a mention that describe it
QUANTITY_THRESHOLD = 0.3
MEASURE_TOLERANCE = 0.05  # "300 km" vs "190 miles" vs "310 km": one figure, rounded or converted
MEASURE_PRIOR = 0.3  # alignment score two close measures get without a shared counted noun
OBJECT_BONUS = 0.25  # both dated events act on the same kind of thing (or on different kinds)
OBJECT_WORDS = 4  # content words after an event verb (before a passive one) that name what it acts on
NEAR_EVENT = 0.9  # the other date's event word is also right by this date
COMPATIBLE_EVENT = 0.6  # "arrived" vs "delivered": may be one happening
MAX_EVENT_DISTANCE = 50  # characters between a date and the event word it dates
DATE_THRESHOLD = 0.45
QUOTE_THRESHOLD = 0.6
STATEMENT_THRESHOLD = 0.55
MIN_STATEMENT_OVERLAP = 0.2
BLOCK_KEY_LIMIT = 200  # a word more mentions share than this does not make them candidates
BLOCK_CANDIDATES = 40  # mentions one mention is scored against at most (those sharing the most keys)


@dataclass
class Profile:
    """What one mention is about, as bags of lemmas."""

    mention: Mention
    head: str = ""  # counted noun / event / speaker: the main key
    group: str = ""  # only mentions of one group are compared (dimension, kind)
    context: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    key_words: list[str] = field(default_factory=list)
    content: str = ""
    objects: frozenset[str] = frozenset()  # event classes of what a dated event acts on
    variants: frozenset[str] = frozenset()  # variant words ("mid-range") restricting the sentence
    near: frozenset[str] = frozenset()  # every event word close to a date ("delivery arriving in April")


class _Sentences:
    """Sentence spans per article, computed once."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self.articles = articles
        self._cache: dict[str, list[Span]] = {}

    def of(self, m: Mention) -> Span:
        text = self.articles[m.article_id].text
        spans = self._cache.get(m.article_id)
        if spans is None:
            spans = self._cache[m.article_id] = sentences(text) or [Span(0, len(text))]
        for s in spans:
            if s.start <= m.start < s.end or (s.start <= m.start and m.end <= s.end):
                return s
        return Span(max(0, m.start - 200), min(len(text), m.end + 200))


def event(lem: str) -> str | None:
    """The canonical event of a lemma if it names a known event ("authorize" -> "approve")."""
    return EVENT_SYNONYMS.get(lem.lower())


def _window(text: str, sent: Span, start: int, end: int, n: int = WINDOW) -> tuple[list[str], list[str]]:
    """Content lemmas before and after [start, end) inside the sentence, nearest first."""
    doc = parse(text)
    before = [w for w in span_lemmas(doc, sent.start, start) if w not in STOPWORDS][-n:][::-1]
    after = [w for w in span_lemmas(doc, end, sent.end) if w not in STOPWORDS][:n]
    return before, after


_NAMES: dict[str, str] = {}
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]+,\s*$")  # "BRENMOUTH, " before a date opening a story
_PURPOSE = re.compile(r"\b(for|to)\s+$", re.I)  # "for use": an intended event, not a dated one
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T.*)?$")  # PAST_REF, weeks: nothing to check
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a TIME such as "Saturday night" still dates its day


def _entities_in(sent: Span, ents: Sequence[Mention]) -> frozenset[str]:
    """Lower-cased canonical names of the entities in a sentence (display names remembered)."""
    out = set()
    for m in ents:
        if sent.start <= m.start < sent.end and isinstance(m.value, Entity):
            _NAMES.setdefault(m.value.canonical.lower(), m.value.canonical)
            out.add(m.value.canonical.lower())
    return frozenset(out)


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


def _head(word: str) -> str:
    """The lemma of a counted noun, near-synonyms folded ("vessel" -> "ship")."""
    lw = lemma(word)
    return HEAD_SYNONYMS.get(word.lower(), HEAD_SYNONYMS.get(lw, lw))


def _quantity_profile(m: Mention, text: str, sent: Span, ents: frozenset[str]) -> Profile:
    q = m.value
    assert isinstance(q, Quantity)
    before, after = _window(text, sent, m.start, m.end)
    counted = [_head(w) for w in WORD_RE.findall(q.counted or "") if w.lower() not in STOPWORDS]
    if not counted and after and q.normalized_unit is None:
        counted = after[:1]  # "11,000 troops": a bare count names what it counts next
    ctx = frozenset(before + after) - {"km", "mile", "kilomet", "meter", "metr", "dollar", "percent"}
    return Profile(m, head=" ".join(counted), group="q:" + dimension(q), context=ctx,
                   entities=ents, key_words=counted)


def _close_measures(a: Profile, b: Profile) -> bool:
    """Two physical measures (not counts or money) whose values agree within ``MEASURE_TOLERANCE``."""
    qa, qb = a.mention.value, b.mention.value
    if not (isinstance(qa, Quantity) and isinstance(qb, Quantity)) or a.group in ("q:count", "q:money"):
        return False
    va, vb = qa.normalized_amount, qb.normalized_amount
    if va is None or vb is None or not qa.unit or not qb.unit or max(abs(va), abs(vb)) == 0:
        return False
    return abs(va - vb) <= MEASURE_TOLERANCE * max(abs(va), abs(vb))


def _quantity_score(a: Profile, b: Profile) -> float:
    ha, hb = frozenset(a.key_words), frozenset(b.key_words)
    head = _overlap(ha, hb)
    rest = 0.35 * _jaccard(a.context, b.context) * 2 + 0.2 * _overlap(a.entities, b.entities)
    if _close_measures(a, b):
        return max(0.45 * head, MEASURE_PRIOR) + rest  # one story, one dimension, the same figure in other units
    if ha and hb and head == 0.0 and not (a.context & hb or b.context & ha):
        return 0.0  # counting different things: "troops" vs "tanks"
    return 0.45 * head + rest


def _event_near(text: str, sent: Span, start: int,
                end: int) -> tuple[str, list[str], frozenset[str], frozenset[str]]:
    """The event word nearest the time expression in its sentence, nearby lemmas, what the event acts on,
    and every event word close to the date."""
    found = []
    span = parse(text).char_span(sent.start, sent.end, alignment_mode="expand")
    for tok in span if span is not None else ():
        ws, we = tok.idx, tok.idx + len(tok)
        if start <= ws < end or tok.pos_ not in ("VERB", "NOUN"):
            continue
        ev = event(tok.lemma_)
        if ev and text[we:we + 1] == "-":
            ev = None  # "fire-safety rules": a modifier, not the event
        if ev and _PURPOSE.search(text, max(sent.start, ws - 8), ws):
            ev = None  # "approved in February for use": the use is intended, not dated
        if ev:
            dist = start - we if we <= start else ws - end
            found.append((dist, ev, _verbal(tok), ws, we))
    has_verb = any(v and ev not in ASPECTUAL for _, ev, v, _, _ in found)
    best: tuple[int, str] | None = None
    where = (0, 0)
    for dist, ev, verbal, ws, we in found:
        if ev in ASPECTUAL:
            dist += ASPECTUAL_PENALTY  # "delivery began": the event is the delivery
        elif has_verb and not verbal:
            dist += NOUN_PENALTY  # "authorized the transfer on May 2": the date is the authorization's
        if best is None or dist < best[0]:
            best, where = (dist, ev), (ws, we)
    before, after = _window(text, sent, start, end)
    if best is not None and best[0] > MAX_EVENT_DISTANCE:
        best = None  # an event word far across the sentence dates something else
    if _DATELINE.match(text, sent.start, start):
        best = None  # "BRENMOUTH, March 8 (Wire) -": the filing date, not an event's
    objects = _object_classes(text, sent, *where, best[1]) if best else frozenset()
    near = frozenset(ev for dist, ev, _, _, _ in found if dist <= MAX_EVENT_DISTANCE and ev not in ASPECTUAL)
    return (best[1] if best else ""), before + after, objects, near


def _object_classes(text: str, sent: Span, ws: int, we: int, head: str) -> frozenset[str]:
    """Event classes of what an event word acts on: "approved the transfer" -> {"deliver"}.

    A passive verb ("the package approved by ...") takes the words before it.
    """
    after = text[we:sent.end]
    doc = parse(text)
    words = span_lemmas(doc, sent.start, ws)[::-1] if re.match(r"\s+by\b", after) else span_lemmas(doc, we, sent.end)
    out = set()
    for w in words[:OBJECT_WORDS]:
        cls = OBJECT_CLASSES.get(w) or event(w)
        if cls and cls != head and cls not in ASPECTUAL:
            out.add(cls)
    return frozenset(out)


def _verbal(tok: "Token") -> bool:
    """Whether an event word is a past verb form (finite past or past participle) in the parse."""
    return tok.pos_ == "VERB" and "Past" in tok.morph.get("Tense")


def _date_profile(m: Mention, text: str, sent: Span, ents: frozenset[str]) -> Profile:
    ev, ctx, objects, near = _event_near(text, sent, m.start, m.end)
    variants = frozenset(w.lower() for w in re.findall(r"[\w-]+", sent.of(text)) if w.lower() in VARIANT_WORDS)
    return Profile(m, head=ev, group="d", context=frozenset(ctx), entities=ents, key_words=[ev] if ev else [],
                   objects=objects, variants=variants, near=near)


def _date_score(a: Profile, b: Profile) -> float:
    if a.variants != b.variants:
        return 0.0  # the mid-range version's delivery is not the long-range one's
    if a.head and b.head and a.head != b.head:
        if a.head in b.near or b.head in a.near:
            ev = NEAR_EVENT
        elif frozenset((a.head, b.head)) in COMPATIBLE_EVENTS:
            ev = COMPATIBLE_EVENT
        else:
            return 0.0
    else:
        ev = 1.0 if a.head and a.head == b.head else 0.0
    if a.objects and b.objects:
        ev += OBJECT_BONUS if a.objects & b.objects else -OBJECT_BONUS  # approving a transfer vs a use
    return 0.55 * ev + 0.25 * min(1.0, 2 * _jaccard(a.context, b.context)) + 0.2 * _overlap(a.entities, b.entities)


def speaker_key(name: str | None) -> str:
    """A speaker as compared across articles: the last capitalized word, lower case."""
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


def _quote_profile(m: Mention, text: str, sent: Span, ents: frozenset[str]) -> Profile:
    q = m.value
    spk = speaker_key(q.speaker) if isinstance(q, Quote) else ""
    content = quote_content(m, text)
    cspan = q.content_span if isinstance(q, Quote) and q.content_span is not None else Span(m.start, m.end)
    return Profile(m, head=spk, group="quote", context=frozenset(span_lemmas(parse(text), cspan.start, cspan.end)),
                   entities=ents, content=content.lower())


def _outlet_attribution(q: Quote, outlets: set[str]) -> bool:
    """Whether a "quote" only credits a news outlet for the report ("..., Coastline Wire reported")."""
    spk = (q.speaker or "").lower()
    return bool(spk) and (speaker_key(q.speaker) in outlets or bool(_REPORT.search(spk)))


_REPORT = re.compile(r"\b(report|reported|reporting|wire|news agency)\b")


def _quote_score(a: Profile, b: Profile) -> float:
    words = fuzz.token_set_ratio(a.content, b.content) / 100.0
    sort = fuzz.token_sort_ratio(a.content, b.content) / 100.0
    sim = max(words * 0.9, sort)
    if a.head and a.head == b.head:
        return min(1.0, sim + 0.15)
    return sim if sim >= 0.8 else sim * 0.7  # a different speaker needs nearly the same words


def _signature(p: Profile) -> tuple[object, ...]:
    """Everything a score reads from a profile: profiles with one signature score alike."""
    q = p.mention.value if isinstance(p.mention.value, Quantity) else None
    return (p.group, p.head, p.context, p.entities, tuple(p.key_words), p.content, p.objects, p.variants,
            p.near, q)


def _block_keys(p: Profile) -> set[str]:
    """Keys two profiles must share to score above zero: words, entities, events, a measure's size."""
    keys = set(p.context) | set(p.entities) | set(p.key_words) | set(p.near) | set(p.objects)
    if p.head:
        keys.add(p.head)
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


def _group_pairs(profiles: list[Profile], score: Callable[[Profile, Profile], float],
                 threshold: float) -> list[list[Profile]]:
    """Clusters of profiles: best pairs first, never two mentions of one article in a cluster.

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

    def link(s: float, i: int, j: int) -> None:
        if profiles[i].mention.article_id != profiles[j].mention.article_id:
            pairs.append((s, min(i, j), max(i, j)))

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
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    cluster = list(range(len(profiles)))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
    arts: dict[int, set[str]] = {i: {p.mention.article_id} for i, p in enumerate(profiles)}
    for _, i, j in pairs:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or arts[ci] & arts[cj]:
            continue
        if len(clusters[ci]) < len(clusters[cj]):
            ci, cj = cj, ci
        for k in clusters[cj]:
            cluster[k] = ci
        clusters[ci].extend(clusters.pop(cj))
        arts[ci] |= arts.pop(cj)
    out = [[profiles[k] for k in sorted(ks, key=lambda k: _order(profiles[k].mention))] for ks in clusters.values()]
    out.sort(key=lambda ps: _order(ps[0].mention))
    return out


def _order(m: Mention) -> tuple[str, int, int]:
    return (m.article_id, m.start, m.end)


def _key_quantity(ps: list[Profile], text_of: Callable[[Mention], str]) -> str:
    heads = [p.head for p in ps if p.head]
    q = ps[0].mention.value
    counted = next((p.mention.value.counted for p in ps if isinstance(p.mention.value, Quantity)
                    and p.mention.value.counted), None)
    label = counted or (max(set(heads), key=heads.count) if heads else "")
    ents = set.intersection(*[set(p.entities) for p in ps]) if len(ps) > 1 else set(ps[0].entities)
    subject = sorted(ents)[0] if ents else ""
    dim = dimension(q) if isinstance(q, Quantity) else ""
    parts = [_NAMES.get(subject, subject), label or dim]
    return " ".join(p for p in parts if p).strip() or "figure"


def _category_mentions(article: Article, sents: list[Span]) -> list[tuple[Mention, str]]:
    """Category-slot fillers: "cruise missiles" -> (mention of "cruise", head "missile")."""
    out = []
    text = article.text
    for head, cats in CATEGORY_SLOTS.items():
        pat = re.compile(r"\b(" + "|".join(sorted((re.escape(c) for c in cats), key=len, reverse=True))
                         + r")\s+" + re.escape(head) + r"s?\b", re.I)
        for m in pat.finditer(text):
            sent_idx = next((i for i, s in enumerate(sents) if s.start <= m.start() < s.end), None)
            out.append((Mention("entity", m.start(1), m.end(1),
                                Entity("CATEGORY", f"{head}:{m.group(1).lower()}"),
                                article_id=article.id, sentence=sent_idx), head))
    return out


def _statement_profiles(article: Article, sents: list[Span], ents: Sequence[Mention]) -> list[Profile]:
    """Sentences as statements: predicate events with participants."""
    out = []
    doc = parse(article.text)
    for i, s in enumerate(sents):
        text = s.of(article.text)
        lem = [w for w in span_lemmas(doc, s.start, s.end) if w not in STOPWORDS]
        if len(lem) < 4:
            continue
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        evs = [event(t.lemma_) for t in span if t.pos_ in ("VERB", "NOUN")] if span is not None else []
        ev = next((e for e in evs if e), "")
        m = Mention("entity", s.start, s.end, Entity("STATEMENT", ev or "statement"),
                    article_id=article.id, sentence=i)
        out.append(Profile(m, head=ev, group="stmt", context=frozenset(lem),
                           entities=_entities_in(s, ents), content=text.lower()))
    return out


def _statement_score(a: Profile, b: Profile) -> float:
    if a.head and b.head and a.head != b.head:
        return 0.0
    ctx = _jaccard(a.context, b.context)
    if ctx < MIN_STATEMENT_OVERLAP:
        return 0.0  # cheap filter before the fuzzy wording score
    words = fuzz.token_set_ratio(a.content, b.content) / 100.0
    return 0.6 * words + 0.25 * ctx + 0.15 * _overlap(a.entities, b.entities)


def align(story: Story, articles: Mapping[str, Article],
          mentions: Mapping[str, Sequence[Mention]]) -> list[Claim]:
    """Claims of ``story``: quantities, dates, quotes and statements stated across its articles."""
    sents = _Sentences(articles)
    quantity_ps: list[Profile] = []
    date_ps: list[Profile] = []
    quote_ps: list[Profile] = []
    stmt_ps: list[Profile] = []
    cats: list[tuple[Mention, str]] = []
    aids = [a for a in story.article_ids if a in articles] or sorted(articles)
    outlets = {speaker_key(articles[a].source) for a in aids if articles[a].source} - {""}
    for aid in aids:
        art = articles[aid]
        ms = [m if m.article_id else _with_article(m, aid) for m in mentions.get(aid, ())]
        ents = [m for m in ms if m.kind == "entity"]
        for m in ms:
            if not (0 <= m.start <= m.end <= len(art.text)):
                continue
            sent = sents.of(m)
            ent_set = _entities_in(sent, ents)
            if m.kind == "quantity" and isinstance(m.value, Quantity):
                quantity_ps.append(_quantity_profile(m, art.text, sent, ent_set))
            elif m.kind == "time" and isinstance(m.value, Time) and (
                    (m.value.type == "DATE" and _CALENDAR.match(m.value.timex))
                    or (m.value.type == "TIME" and _DAY.match(m.value.timex))):
                date_ps.append(_date_profile(m, art.text, sent, ent_set))
            elif m.kind == "quote" and isinstance(m.value, Quote) and not _outlet_attribution(m.value, outlets):
                quote_ps.append(_quote_profile(m, art.text, sent, ent_set))
        spans = sents._cache.get(aid) or sentences(art.text)
        sents._cache[aid] = spans
        cats.extend(_category_mentions(art, spans))
        covered = {m.sentence for m in ms if m.kind in ("quantity", "time", "quote") and m.sentence is not None}
        covered |= {i for i, s in enumerate(spans) for m in ms
                    if m.kind in ("quantity", "time", "quote") and s.start <= m.start < s.end}
        stmt_ps.extend(p for p in _statement_profiles(art, spans, ents) if p.mention.sentence not in covered)

    claims: list[Claim] = []

    def add(kind: str, key: str, ms: list[Mention], speaker: str | None = None) -> None:
        cid = content_id(story.id, kind, key, *[m.id for m in ms])
        claims.append(Claim(id=cid, story_id=story.id, kind=kind, key=key,  # type: ignore[arg-type]
                            mentions=tuple(ms), speaker=speaker))

    for ps in _group_pairs(quantity_ps, _quantity_score, QUANTITY_THRESHOLD):
        q = ps[0].mention.value
        if len(ps) == 1 and not (isinstance(q, Quantity) and (q.counted or q.unit or ps[0].head)):
            continue
        add("quantity", _key_quantity(ps, lambda m: ""), [p.mention for p in ps])
    for ps in _group_pairs(date_ps, _date_score, DATE_THRESHOLD):
        if len(ps) == 1 and not ps[0].head:
            continue
        add("date", (ps[0].head or "date").replace("approve", "approval").replace("deliver", "delivery"),
            [p.mention for p in ps])
    for ps in _group_pairs(quote_ps, _quote_score, QUOTE_THRESHOLD):
        spk = next((p.mention.value.speaker for p in ps if isinstance(p.mention.value, Quote)
                    and p.mention.value.speaker), None)
        words = ps[0].content.split()
        key = (f"{spk}: " if spk else "") + "“" + " ".join(words[:8]) + ("…" if len(words) > 8 else "") + "”"
        add("quote", key, [p.mention for p in ps], speaker=spk)
    by_head: dict[str, list[Mention]] = {}
    for m, head in cats:
        by_head.setdefault(head, []).append(m)
    for head, ms in sorted(by_head.items()):
        chosen: dict[str, Mention] = {}
        for m in ms:
            chosen.setdefault(m.article_id, m)
        if len(chosen) >= 2:
            add("statement", f"{head} type", sorted(chosen.values(), key=_order))
    for ps in _group_pairs(stmt_ps, _statement_score, STATEMENT_THRESHOLD):
        if len(ps) < 2:
            continue
        ev = ps[0].head
        ents = sorted(set.intersection(*[set(p.entities) for p in ps]))
        key = " ".join(x for x in [", ".join(_NAMES.get(e, e) for e in ents[:2]), ev] if x) or \
            " ".join(ps[0].content.split()[:8])
        add("statement", key, [p.mention for p in ps])
    return claims


def _with_article(m: Mention, aid: str) -> Mention:
    return Mention(m.kind, m.start, m.end, m.value, article_id=aid, sentence=m.sentence)
