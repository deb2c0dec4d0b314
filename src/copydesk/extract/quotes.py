"""Quotes and attributions: direct quotes with speech tags, indirect speech, "according to".

Rules over compiled regexes (``resources.quotes``): a direct quote takes the speech tag
after or before it; indirect speech is found per sentence as "CONTENT, SOURCE CUE",
"SOURCE CUE (that) CONTENT" (plus a shared-subject "..., adding that ..."), "CONTENT, he says, CONTENT"
or "according to SOURCE"; headlines as "Speaker: claim". Speakers given as pronouns or
descriptions are resolved against the entity mentions passed in by recency.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Sequence, cast

from copydesk.extract.resources.quotes import (
    ACCORDING, AFTER_TAG, ANONYMOUS, ANONYMOUS_CUES, BEFORE_TAG, CHANNEL, CUE, DIRECT, HEADLINE, HEADLINE_STOP,
    HEDGES, NOT_SUBJECT, PARENTHETICAL, PARTICIPLE, PRONOUNS, SUBJECT_SKIP,
    SOURCE_STOP,
)
from copydesk.errors import Code, CopydeskError
from copydesk.models import Entity, Mention, Quote, Span
from copydesk.text import sentences as split_sentences

_TOKEN = re.compile(r"[\w.’'\-]+|[^\w\s]")
_TRAIL = ".!?\"'”’ \n\t)"
_OBJECT_CUES = frozenset({"told", "tells", "tell", "asked", "asks", "assured", "warned", "urged", "promised"})



def _ev(m: Mention) -> Entity:
    """The Entity value of an entity mention (quotes resolve speakers against entity mentions only)."""
    return cast(Entity, m.value)


def hedges(text: str, span: Span | None = None) -> list[Span]:
    """Spans of hedge words ("reportedly", "could", "is expected to") inside ``span`` (all text if None)."""
    lo, hi = (span.start, span.end) if span else (0, len(text))
    return [Span(m.start(), m.end()) for m in HEDGES.finditer(text, lo, hi)]


def _source_before(text: str, lo: int, cue_start: int) -> Span | None:
    """The noun phrase ending right before ``cue_start`` (back to a clause opener), or None."""
    toks = list(_TOKEN.finditer(text, lo, cue_start))
    if toks and toks[-1].group().lower() == "who":  # "..., who says ..." -> resolved to the antecedent
        return Span(*toks[-1].span())
    # Skip an appositive: "A U.S. official, who spoke on condition of anonymity, said" / "Sims — a teacher — says"
    if toks and toks[-1].group() in "—–":
        opener = text.rfind(toks[-1].group(), lo, toks[-1].start())
        if opener > lo:
            toks = list(_TOKEN.finditer(text, lo, opener))
    elif toks and toks[-1].group() == ",":
        opener = text.rfind(",", lo, toks[-1].start())
        if opener > lo and re.match(r",\s*(?:who|which|a|an|the)\b", text[opener:opener + 8]):
            toks = list(_TOKEN.finditer(text, lo, opener))
    start = None
    n = 0
    for t in reversed(toks):
        w = t.group()
        if not (w[0].isalnum() or w in "’'") or w.lower() in SOURCE_STOP or n >= 8:
            break
        start = t.start()
        n += 1
    if start is None:
        return None
    kept = [t for t in toks if t.start() >= start]
    while kept and (_ADVERB.fullmatch(kept[-1].group().lower())):
        kept.pop()
    if not kept or kept[-1].group().lower() in _DETERMINERS or any("n’t" in t.group() or "n't" in t.group()
                                                                    or "’ll" in t.group() for t in kept):
        return None
    return Span(start, kept[-1].end())


_OBJECT = re.compile(
    r"\s+(?:him|her|them|us|me|you|reporters|journalists|lawmakers|voters|supporters|the\s+[A-Z][\w.’'\-]*|"
    r"[A-Z][\w.’'\-]*)(?:\s+[A-Z][\w.’'\-]*)*")
_ADVERB = re.compile(r"\w+ly|never|already|now|still|often|always|just|even|only|again|later|then|soon")
_DETERMINERS = frozenset("the a an their his her its our my your more most some any this that these those no "
                         "every each all".split())
_CLAUSE = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas)?|\s(?:and|but|while|whereas))\s+")
_BAD_SOURCE = re.compile(
    r"\b(?:is|was|are|were|be|been|has|have|had|do|does|did|not|will|would|could|should|can|may|might|"
    r"and|but|that|which|if|because)\b")
_SUBJECT = re.compile(
    r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b|(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[A-Z][\w.’'\-]*\s+(?:of\s+)?)*"
    r"[A-Z][\w.’'\-]*|(?:[Tt]he|[Aa]n?)\s+(?:[\w’'\-]+\s+){0,2}[\w’'\-]+(?=\s)")


def _subject(text: str, s: int, limit: int) -> Span | None:
    """The subject noun phrase at the start of the sentence (a pronoun or a capitalized run)."""
    lo = s
    while lo < limit and text[lo] in " \n\t\"“‘'":
        lo += 1
    skip = SUBJECT_SKIP.match(text, lo, limit)
    if skip:
        lo = skip.end()
    m = _SUBJECT.match(text, lo, limit)
    if not m or m.group().split()[0].lower() in NOT_SUBJECT and len(m.group().split()) == 1:
        return None
    if m.group().split()[0].lower() in NOT_SUBJECT - {"the", "a", "an"}:
        comma = text.find(",", m.end(), limit)  # "When asked, Smith said ..." -> the subject after the clause
        return _subject(text, comma + 1, limit) if comma > 0 else None
    return Span(m.start(), m.end())


def _trim(text: str, start: int, end: int) -> Span | None:
    """``start..end`` without surrounding spaces, commas and sentence-final punctuation."""
    while start < end and text[start] in " \n\t,:;":
        start += 1
    while end > start and text[end - 1] in _TRAIL + ",;:":
        end -= 1
    return Span(start, end) if end - start >= 2 else None


class _Resolver:
    """Resolves pronouns and descriptions to earlier named speakers by recency, gender and number."""

    def __init__(self, text: str, entities: Sequence[Mention]) -> None:
        self.text = text
        self.ents = [m for m in entities if isinstance(m.value, Entity)]
        self.speakers: list[tuple[int, str, bool]] = []  # (offset, name, anonymous)

    def resolve(self, src: Span) -> tuple[str, bool]:
        """(speaker name, anonymous) for the source phrase at ``src``."""
        words = src.of(self.text)
        low = words.lower()
        inside = [m for m in self.ents if m.start >= src.start and m.end <= src.end
                  and _ev(m).type in ("PERSON", "ORG", "GPE", "NORP")]
        persons = [m for m in inside if _ev(m).type == "PERSON"]
        if persons:
            return _ev(persons[0]).canonical, False
        if low == "who":
            prior = [m for m in self.ents if m.end <= src.start and src.start - m.end < 6]
            if prior:
                return _ev(prior[-1]).canonical, False
        if low in PRONOUNS:
            kind = PRONOUNS[low]
            want = ("PERSON",) if kind in "mfs" else ("ORG", "GPE") if kind == "n" else ("ORG", "PERSON", "GPE")
            said = [(off, name, anon) for off, name, anon in self.speakers if off < src.start]
            prior = [m for m in self.ents if m.end <= src.start and _ev(m).type in want]
            if said and (not prior or said[-1][0] >= prior[-1].start or kind == "p"):
                return said[-1][1], said[-1][2]
            if prior:
                return _ev(prior[-1]).canonical, False
            return words, False
        if ANONYMOUS.search(words) and not (inside and len(_ev(inside[0]).canonical) > len(words) / 2
                                            and _ev(inside[0]).type == "ORG"):
            if low.startswith("the "):  # "the official" -> the earlier "a U.S. official"
                head = low.split()[-1].rstrip("s")
                for off, name, anon in reversed(self.speakers):
                    if anon and off < src.start and head in name.lower():
                        return name, True
            return words, True
        core = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I)
        if inside and len(_ev(inside[0]).canonical) >= 0.6 * len(core):
            return _ev(inside[0]).canonical, False
        return words, False

    def note(self, offset: int, name: str, anonymous: bool) -> None:
        self.speakers.append((offset, name, anonymous))


def _quote(text: str, res: _Resolver, src: Span, cue: Span, content: Span | None, direct: bool,
           window: Span) -> Mention:
    """One quote mention from its parts, with speaker, channel, anonymity and hedging filled in."""
    name, anon = res.resolve(src)
    if not anon and ANONYMOUS_CUES.search(text, window.start, window.end):
        anon = True
    res.note(src.start, name, anon)
    ch = CHANNEL.search(text, window.start, window.end)
    hedged = bool(HEDGES.search(text, cue.start, cue.end)) or bool(
        content and not direct and HEDGES.search(text, content.start, content.end))
    parts = [p for p in (src, cue, content) if p]
    return Mention("quote", min(p.start for p in parts), max(p.end for p in parts),
                   Quote(name, src, cue, content, direct, ch.group() if ch else None, anon, hedged))


def _direct(text: str, res: _Resolver) -> tuple[list[Mention], list[Span]]:
    """Direct quotes with their speech tags; split quotes joined. Also the covered ranges."""
    out: list[Mention] = []
    covered: list[Span] = []
    matches = list(DIRECT.finditer(text))
    i = 0
    while i < len(matches):
        q = matches[i]
        content = Span(q.start(), q.end())
        after = AFTER_TAG.match(text, q.end(), min(len(text), q.end() + 90))
        src = cue = None
        inner_end = text[q.end() - 2] if q.end() >= 2 else ""
        if after and not (inner_end in ",?!—-" or text[q.end():after.end()].lstrip(" ").startswith(",")
                          or after.group("cue2")):
            after = None
        if after and after.group("src") and _BAD_SOURCE.search(after.group("src")):
            after = None
        if after:
            if after.group("src"):
                src, cue = Span(*after.span("src")), Span(*after.span("cue"))
            else:
                src, cue = Span(*after.span("src2")), Span(*after.span("cue2"))
            # “A,” he said. “B.” -> one quote
            while i + 1 < len(matches):
                nxt = matches[i + 1]
                gap = text[after.end():nxt.start()]
                if len(gap) > 40 or "\n\n" in gap or AFTER_TAG.match(text, nxt.end(), nxt.end() + 90):
                    break
                content = Span(content.start, nxt.end())
                i += 1
        else:
            line_start = max(text.rfind("\n", 0, q.start()) + 1, q.start() - 140)
            if not text[line_start:q.start()].strip():
                head = text[:q.start()].rstrip()
                if head.endswith(":"):  # 'Cruz continued:\n\n“...”'
                    line_start = max(text.rfind("\n", 0, len(head)) + 1, len(head) - 140)
            before = BEFORE_TAG.search(text, line_start, q.start())
            if before and _BAD_SOURCE.search(before.group("src")):
                before = None
            if before:
                src, cue = Span(*before.span("src")), Span(*before.span("cue"))
                longer = _source_before(text, line_start, cue.start)
                if longer and longer.start < src.start:
                    src = longer
                body = _trim(text, cue.end, q.end())
                content = Span(body.start, q.end()) if body else content
        if src and cue:
            lo = min(src.start, content.start)
            hi = max(cue.end, content.end)
            win_end = text.find("\n", hi)
            window = Span(lo, win_end if 0 <= win_end < hi + 120 else min(len(text), hi + 120))
            out.append(_quote(text, res, src, cue, content, True, window))
            covered.append(Span(lo, hi))
        i += 1
    return out, covered


def _indirect(text: str, sent: Span, res: _Resolver) -> list[Mention]:
    """Indirect speech in one sentence (or clause): one attribution per clause."""
    s, e = sent.start, sent.end
    acc = ACCORDING.search(text, s, e)
    if acc:
        src = Span(*acc.span("src"))
        cue = Span(acc.start(), acc.start("src") - 1)
        if acc.start() - s > e - acc.end():
            content = _trim(text, s, acc.start())
        else:
            content = _trim(text, acc.end(), e)
        return [_quote(text, res, src, cue, content, False, sent)]
    par = PARENTHETICAL.search(text, s, e)
    if par and par.start() - s > 3:
        content = _trim(text, s, e)
        if content:
            return [_quote(text, res, Span(*par.span("src")), Span(*par.span("cue")), content, False, sent)]
    cues = list(CUE.finditer(text, s, e))
    if not cues:
        return []
    # CONTENT, SOURCE CUE [tail].  /  CONTENT, CUE SOURCE.
    last = cues[-1]
    tail = text[last.end():e]
    if len(tail.split()) <= 8 and "," in text[s:last.start()]:
        comma = text.rfind(",", s, last.start())
        src = _trim(text, comma + 1, last.start())
        if (src and 1 <= len(src.of(text).split()) <= 8 and not CUE.search(text, src.start, src.end)
                and not _BAD_SOURCE.search(src.of(text))):
            content = _trim(text, s, comma)
            if content and len(content.of(text).split()) >= 3:
                return [_quote(text, res, src, Span(*last.span()), content, False, sent)]
        if comma >= 0 and not text[comma + 1:last.start()].strip():
            src = _trim(text, last.end(), e)
            content = _trim(text, s, comma)
            if src and content and len(src.of(text).split()) <= 6 and src.of(text)[0].isupper():
                return [_quote(text, res, src, Span(*last.span()), content, False, sent)]
    # SOURCE CUE (that) CONTENT
    for c in cues:
        src = _source_before(text, s, c.start())
        if not src or src.start == c.start():
            prev = text[max(s, c.start() - 6):c.start()]
            if re.search(r"(?:\band|,)\s*$", prev) or c is cues[-1]:  # "X endorsed Y, saying ..."
                src = _subject(text, s, c.start())
        if not src:
            continue
        verb = c.group().split()[-1].lower()
        cstart = c.end()
        if verb in _OBJECT_CUES:
            that = re.compile(r"\s+(?:[\w.’'\-]+\s+){0,4}?(?:that\b|,)").match(text, cstart, e)
            if that:
                cstart = that.end()
            else:
                obj = _OBJECT.match(text, cstart, e)
                cstart = obj.end() if obj else cstart
        that = re.compile(r"\s*(?:,\s*)?that\b").match(text, cstart, e)
        if that:
            cstart = that.end()
        rest: list[Mention] = []
        for b in _CLAUSE.finditer(text, cstart, e):
            c2 = CUE.search(text, b.end(), min(e, b.end() + 70))
            sub = _source_before(text, b.end(), c2.start()) if c2 else None
            if sub and sub.start == b.end():
                rest = _indirect(text, Span(b.end(), e), res)
                if rest:
                    e = b.start()
                    break
        part = PARTICIPLE.search(text, cstart, e)
        if part and part.start() - cstart > 10:
            pstart = part.end()
            that = re.compile(r"\s*(?:,\s*)?that\b").match(text, pstart, e)
            pcontent = _trim(text, that.end() if that else pstart, e)
            if pcontent and len(pcontent.of(text).split()) >= 3:
                e = part.start()
                pcue = Span(*part.span("cue")) if part.group("cue") else Span(*part.span("cue2"))
                rest = [_quote(text, res, src, pcue, pcontent, False, sent)] + rest
        content = _trim(text, cstart, e)
        if content and len(content.of(text).split()) >= 3:
            return [_quote(text, res, src, Span(*c.span()), content, False, sent)] + rest
        return rest
    return []


def _headlines(text: str, res: _Resolver) -> tuple[list[Mention], list[Span]]:
    """Headline-style attributions, 'Speaker: claim', one per line. Also the covered ranges."""
    out: list[Mention] = []
    for m in HEADLINE.finditer(text):
        if m.group("src").lower() in HEADLINE_STOP or m.group("src").split()[0].lower() in HEADLINE_STOP:
            continue
        content = _trim(text, m.start("content"), m.end("content"))
        if content is None:
            continue
        src, cue = Span(*m.span("src")), Span(*m.span("cue"))
        out.append(_quote(text, res, src, cue, content, content.of(text)[0] in "\"“‘'", Span(m.start(), m.end())))
    return out, [Span(m.start, m.end) for m in out]


def _uncovered(sent: Span, hits: Sequence[Span]) -> list[Span]:
    """The stretches of ``sent`` (60 characters or more) outside the ``hits`` spans."""
    parts, lo = [], sent.start
    for c in hits:
        if c.start - lo >= 60:
            parts.append(Span(lo, c.start))
        lo = max(lo, c.end)
    if sent.end - lo >= 60:
        parts.append(Span(lo, sent.end))
    return parts


def find(text: str, *, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    """Quote mentions of ``text``: direct and indirect speech with speaker, cue and content spans."""
    if not isinstance(text, str):
        raise CopydeskError(Code.E201, detail=f"quotes.find needs a str, got {type(text).__name__}")
    if not text:
        return []
    sents = list(sentences) or split_sentences(text)
    res = _Resolver(text, entities)
    direct, covered = _direct(text, res)
    heads, head_spans = _headlines(text, res)
    heads = [h for h in heads if not any(c.start < h.end and h.start < c.end for c in covered)]
    covered += [sp for sp in head_spans if not any(c.start < sp.end and sp.start < c.end for c in covered)]
    out = list(direct) + heads
    covered.sort(key=lambda sp: sp.start)
    for sent in sents:
        hits = [c for c in covered if c.start < sent.end and sent.start < c.end]
        for part in _uncovered(sent, hits) if hits else [sent]:
            out += _indirect(text, part, res)
    out.sort(key=lambda m: m.start)
    return out
