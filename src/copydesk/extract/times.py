"""Temporal expressions: find them and normalize them to TIMEX3 values.

One compiled alternation (``resources.timex.PATTERN``) finds candidates; each
branch has a small normalizer. Relative expressions resolve against the
publication date (the DCT) and, for anaphoric ones ("the next day"), against the
last explicit day date of the text (a simple reference-time tracker). Tense cues
near the mention choose the direction for "in February" or "on Sunday".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Sequence

from copydesk.extract.resources import timex as R
from copydesk.models import Mention, Span, Time
from copydesk.text import parse, sentence_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_WINDOW = 60
_REF_DAYS = 0  # measured on TempEval-3: 3 and 7 no gain, 14 worse; DCT wins


def _granularity(value: str) -> str | None:
    """year | season | quarter | month | week | day | time | None, read off a value."""
    for pattern, name in R.GRANULARITY:
        if pattern.fullmatch(value):
            return name
    if "T" in value and value[:1].isdigit():
        return "time"
    return None


def _num(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    if w in R.NUMBERS:
        return R.NUMBERS[w]
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2 and parts[0] in R.NUMBERS and parts[1] in R.NUMBERS:
        return R.NUMBERS[parts[0]] + R.NUMBERS[parts[1]]
    return None


def _fmt_n(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P2Y, PT5H, P1DE; fractions fall to the smaller unit."""
    u = unit.lower().rstrip("s")
    if u == "centurie":
        u = "century"
    if u in ("decade", "century") and n is not None:
        n, u = n * (10 if u == "decade" else 100), "year"
    letter = R.UNITS.get(u, "D")
    if letter == "2W":
        return "P" + _fmt_n(None if n is None else 2 * n) + "W"
    if n is not None and not float(n).is_integer():
        if u == "year":
            return f"P{int(n * 12)}M"
        if u == "hour":
            return f"PT{int(n * 60)}M"
        if u == "day":
            return f"PT{int(n * 24)}H"
    prefix = "PT" if u in R.TIME_UNITS else "P"
    return prefix + _fmt_n(n) + letter


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: date, n: int) -> tuple[int, int]:
    m = d.year * 12 + d.month - 1 + n
    return m // 12, m % 12 + 1


def _year4(y: str, dct: date | None) -> int:
    y = y.strip("'’")
    if len(y) == 2:
        base = (dct.year // 100 * 100) if dct else 1900
        v = base + int(y)
        if dct and v > dct.year + 10:
            v -= 100
        return v
    return int(y)


def _tense(text: str, start: int, end: int, sent: tuple[int, int]) -> str:
    """'past', 'future' or 'none' from verbs near the mention in its sentence."""
    a = max(sent[0], start - _WINDOW)
    b = min(sent[1], end + _WINDOW)
    best: tuple[int, str] = (10**9, "none")
    for cue, label in ((R.FUTURE_CUE, "future"), (R.PAST_CUE, "past")):
        for c in cue.finditer(text, a, start):
            best = min(best, (start - c.end(), label))
        c = cue.search(text, end, b)
        if c is not None:
            best = min(best, (c.start() - end, label))
    if best[1] == "none" and (R.PRESENT_CUE.search(text, a, start) or R.PRESENT_CUE.search(text, end, b)):
        return "present"
    return best[1]


def _tense_far(text: str, start: int, end: int, sent: tuple[int, int]) -> str:
    """The tense of the sentence's verbs outside the near window, or 'none'."""
    labels = {label for cue, label in ((R.FUTURE_CUE, "future"), (R.PAST_CUE, "past"))
              if cue.search(text, sent[0], start) or cue.search(text, end, sent[1])}
    return labels.pop() if len(labels) == 1 else "none"


#: Verbs whose infinitive complement lies ahead: "plans to meet on Friday".
_FUTURE_GOVERNORS = frozenset({"plan", "expect", "schedule", "set", "intend", "aim", "due", "hope", "prepare",
                               "promise", "vow", "threaten", "agree", "decide", "want"})


def _verb_tense(verb: "Token") -> str:
    """'past', 'future', 'present' or 'none' from a verb's morphology and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass")]
    lemmas = {a.lemma_.lower() for a in auxes}
    if lemmas & {"will", "shall", "'ll", "wo"}:
        return "future"
    if any(a.lower_ == "going" for a in auxes) or (verb.dep_ == "xcomp" and verb.head.lower_ == "going"):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_GOVERNORS:
        return "future"
    if lemmas & {"would", "could", "might", "may", "should", "must", "can"}:
        return "none"
    finite = [a for a in auxes if "Fin" in a.morph.get("VerbForm")] or [verb]
    tense = finite[0].morph.get("Tense")
    if "Past" in tense:
        return "past"
    if "Pres" in tense:
        if "have" in lemmas:  # "has said": the perfect reports the past
            return "past"
        if verb.tag_ == "VBG" or "Prog" in verb.morph.get("Aspect") or "Part" in verb.morph.get("VerbForm"):
            if "be" in lemmas and verb.dep_ != "amod":  # "is meeting on Friday": arranged future
                return "future"
        return "present"
    return "none"


def _governing_verb(tok: "Token") -> "Token | None":
    """The verb a time expression's head attaches to, walking up through nouns and prepositions."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "amod":
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


class _Ctx:
    """The state of one text: DCT, the last explicit day (reference time), sentences, the parse."""

    def __init__(self, text: str, dct: date | None, sentences: Sequence[Span], doc: "Doc | None" = None) -> None:
        self.text = text
        self.dct = dct
        self.ref: date | None = dct
        self.quarter: tuple[int, int] | None = None  # last quarter named: (year, q)
        self.bounds = [(s.start, s.end) for s in sentences]
        self.doc = doc

    def parse_tense(self, start: int, end: int) -> str:
        """The tense of the verb the expression at start..end attaches to, from the parse."""
        if self.doc is None:
            return "none"
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return "none"
        verb = _governing_verb(span.root)
        return _verb_tense(verb) if verb is not None else "none"

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.bounds:
            if a <= pos < b:
                return a, b
        a = max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos)) + 1
        b = self.text.find(". ", pos)
        return a, (len(self.text) if b < 0 else b + 1)

    def tense(self, m: re.Match[str], whole_sentence: bool = False) -> str:
        """Tense from verbs near ``m``; with ``whole_sentence``, from anywhere in its sentence when none is near."""
        sent = self.sentence_of(m.start())
        t = self.parse_tense(m.start(), m.end())
        if t == "none":
            t = _tense(self.text, m.start(), m.end(), sent)
        if t == "none" and whole_sentence:
            t = _tense_far(self.text, m.start(), m.end(), sent)
        return t


Result = tuple[str, str, str | None] | None  # (value, type, mod)


def _month_year(month: int, ctx: _Ctx, m: re.Match[str], rel: str | None) -> str:
    """The year of a month named without one, from ``rel`` or tense, against the DCT."""
    dct = ctx.dct
    if dct is None:
        return f"XXXX-{month:02d}"
    y = dct.year
    rel = (rel or "").lower()
    if rel in ("last", "past"):
        y = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        y = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        y = dct.year
    else:
        t = ctx.tense(m, whole_sentence=True)
        if t == "past" and month > dct.month + 2:
            y = dct.year - 1
        elif t == "future" and month < dct.month:
            y = dct.year + 1
        elif t == "none" and abs(month - dct.month) > 6:
            y = dct.year + (1 if month < dct.month else -1)
    return f"{y:04d}-{month:02d}"


def _edge(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower()).strip(" -")
    return R.EDGE_MODS.get(w) or R.EDGE_MODS.get(w + "-")


def _day_value(ctx: _Ctx, mo: int, d: str, y: str | None, m: re.Match[str]) -> str:
    day = int(re.sub(r"\D", "", d))
    if y:
        year = _year4(y, ctx.dct)
    elif ctx.dct is None:
        return f"XXXX-{mo:02d}-{day:02d}"
    else:
        # a day date without a year: the occurrence nearest the DCT (tense cues
        # mislead here: "said Dec. 15" is often a coming date)
        year = ctx.dct.year
        if abs(mo - ctx.dct.month) > 6:
            year += 1 if mo < ctx.dct.month else -1
    try:
        ctx.ref = date(year, mo, day)
    except ValueError:
        pass
    return f"{year:04d}-{mo:02d}-{day:02d}"


def _n_mdy(m: re.Match[str], ctx: _Ctx) -> Result:
    mo = R.MONTHS[m["mdy_m"].lower().rstrip(".")]
    return _day_value(ctx, mo, m["mdy_d"], m["mdy_y"], m), "DATE", _edge(m["mdy_edge"])


def _n_dmy(m: re.Match[str], ctx: _Ctx) -> Result:
    mo = R.MONTHS[m["dmy_m"].lower().rstrip(".")]
    return _day_value(ctx, mo, m["dmy_d"], m["dmy_y"], m), "DATE", None


def _n_iso(m: re.Match[str], ctx: _Ctx) -> Result:
    v = m["iso"]
    try:
        ctx.ref = date.fromisoformat(v[:10])
    except ValueError:
        return None
    return (v[:16], "TIME", None) if "T" in v else (v, "DATE", None)


def _n_slash(m: re.Match[str], ctx: _Ctx) -> Result:
    mo, d, y = m["slash"].split("/")
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{_year4(y, ctx.dct):04d}-{int(mo):02d}-{int(d):02d}", "DATE", None


def _n_my(m: re.Match[str], ctx: _Ctx) -> Result:
    word = m["my_m"]
    mo = R.MONTHS[word.lower().rstrip(".")]
    if word in ("May", "March") and not (m["my_y"] or m["my_edge"] or m["my_rel"]):
        # sentence-initial "May"/"March" is often a verb or a name
        before = ctx.text[max(0, m.start() - 4):m.start()]
        nxt = ctx.text[m.end():m.end() + 12]
        if not re.search(r"(?i)\b(?:in|of|since|by|until|from|last|next|early|late|during|through)\s*$", ctx.text[max(0, m.start() - 12):m.start()]) \
                and (before.strip() == "" or re.match(r"\s+[a-z]", nxt)):
            return None
    if m["my_y"]:
        v = f"{_year4(m['my_y'], ctx.dct):04d}-{mo:02d}"
    elif m["my_ry"] and ctx.dct is not None:
        shift = {"last": -1, "next": 1}.get(m["my_ry"].lower(), 0)
        v = f"{ctx.dct.year + shift:04d}-{mo:02d}"
    else:
        v = _month_year(mo, ctx, m, m["my_rel"])
    return v, "DATE", _edge(m["my_edge"])


def _n_quarter(m: re.Match[str], ctx: _Ctx) -> Result:
    if m["q_n"]:
        q = int(m["q_n"])
        y = m["q_y2"]
    else:
        q = R.ORDINALS[m["q_ord"].lower()]
        y = m["q_y"]
    if y:
        ctx.quarter = (_year4(y, ctx.dct), q)
        return f"{ctx.quarter[0]:04d}-Q{q}", "DATE", None
    if ctx.dct is None:
        return f"XXXX-Q{q}", "DATE", None
    year = ctx.dct.year
    fy = (m["q_fy"] or "").lower()
    rel = (m["q_rel"] or m["q_yrel"] or "").lower()
    if fy in ("year-earlier", "year-ago") or rel in ("last", "previous", "past"):
        year -= 1
    elif rel in ("next", "coming"):
        year += 1
    elif (q - 1) * 3 + 1 > ctx.dct.month and ctx.tense(m) == "past":
        year -= 1
    if fy not in ("year-earlier", "year-ago"):
        ctx.quarter = (year, q)
    return f"{year:04d}-Q{q}", "DATE", None


def _n_decade(m: re.Match[str], ctx: _Ctx) -> Result:
    y = m["dec_y"]
    full = _year4(y[:-1] + "0", ctx.dct) if y[0] in "'’" else int(y)
    return f"{full // 10:03d}", "DATE", _edge(m["dec_edge"])


_YEAR_CONTEXT = re.compile(
    r"(?i)(?:\b(?:a|in|of|since|by|until|till|before|after|during|from|to|through|for|early|late|mid|fiscal|"
    r"year|season|end|start|beginning|and|or|between|the|summer|winter|spring|fall|autumn|than|about|around|"
    r"his|her|its|their|our|that|this|due|both)\s*|'s\s*|[,(]\s*|-)$")


#: After a model year: a capitalized make (and model) that ends its noun phrase.
_MODEL_YEAR_RIGHT = re.compile(
    r"\s+(?:[a-z]+\s+)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:\s?(?:[.,;:)]|-\s|$)|\s(?:"
    + "|".join(R.MODEL_YEAR_AFTER) + r")\b)")


def _n_year(m: re.Match[str], ctx: _Ctx) -> Result:
    y = m["y_y"]
    if y[0] not in "'’" and not m["y_edge"]:
        left = ctx.text[max(0, m.start() - 14):m.start()]
        right = ctx.text[m.end():m.end() + 12]
        if left.rstrip().endswith(("$", "£", "€", "No.", "#")):
            return None
        if not (_YEAR_CONTEXT.search(left) or re.match(r"\s*(?:[.,;:)]|'s|$)", right)):
            return None
        if re.match(r"\s+(?:people|percent|points|units|shares|troops|miles|feet|meters|tons)\b", right):
            return None
        if re.search(r"(?i)(?:\b(?:the|a|his|her|its|their|our|that|this|both)|'s)\s*$", left) \
                and re.match(r"\s+[a-z]+s\b", right) \
                and (ctx.dct is None or abs(int(y) - ctx.dct.year) > 20):
            return None  # "the 2000 workers": a count before a plural noun
        if re.search(r"(?i:\b(?:a|an|his|her|its|their|our|my|your))\s*$", left) \
                and _MODEL_YEAR_RIGHT.match(ctx.text, m.end()):
            return None  # "a 2013 Toyota Camry", "his 2008 Bentley": a model year names a thing, not a time
    return f"{_year4(y, ctx.dct):04d}", "DATE", _edge(m["y_edge"])


def _unit_value(dct: date, unit: str, shift: int) -> str:
    u = unit.lower()
    if u == "week":
        return _week(dct + timedelta(weeks=shift))
    if u == "weekend":
        return _week(dct + timedelta(weeks=shift)) + "-WE"
    if u == "month":
        y, mo = _add_months(dct, shift)
        return f"{y:04d}-{mo:02d}"
    if u == "quarter":
        q = (dct.month - 1) // 3 + shift
        y = dct.year + q // 4
        return f"{y:04d}-Q{q % 4 + 1}"
    if u == "decade":
        return f"{(dct.year // 10 + shift):03d}"
    if u == "century":
        return f"{(dct.year // 100 + shift):02d}"
    if u == "day":
        return (dct + timedelta(days=shift)).isoformat()
    return f"{dct.year + shift:04d}"


def _n_rel(m: re.Match[str], ctx: _Ctx) -> Result:
    w = m["rel_w"].lower()
    u = re.sub(r"\s+", " ", m["rel_u"].lower())
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(w, 0)
    mod = _edge(m["rel_edge"])
    if w in ("past",) and not m["rel_edge"] and u != "weekend" and u not in R.SEASONS:
        return _duration(1, u), "DURATION", None
    if u in R.SEASONS:
        if ctx.dct is None:
            return f"XXXX-{R.SEASONS[u]}", "DATE", mod
        return f"{ctx.dct.year + shift:04d}-{R.SEASONS[u]}", "DATE", mod
    if ctx.dct is None:
        return None
    return _unit_value(ctx.dct, u, shift), "DATE", mod


def _n_the_unit(m: re.Match[str], ctx: _Ctx) -> Result:
    if ctx.dct is None:
        return None
    return _unit_value(ctx.dct, m["tu_u"].lower(), 0), "DATE", _edge(m["tu_edge"])


def _n_deictic(m: re.Match[str], ctx: _Ctx) -> Result:
    if ctx.dct is None:
        return None
    w = re.sub(r"\s+", " ", m["dei_w"].lower())
    part = m["dei_p"]
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
    d = (ctx.dct + timedelta(days=shift)).isoformat()
    if w in ("tonight", "last night"):
        return d + "TNI", "TIME", None
    if w.startswith("this "):
        return d + "T" + R.PARTS_OF_DAY[w[5:]], "TIME", None
    if part:
        return d + "T" + R.PARTS_OF_DAY[part.lower()], "TIME", None
    return d, "DATE", None


def _n_ago(m: re.Match[str], ctx: _Ctx) -> Result:
    n = _num(m["ago_n"])
    u = m["ago_u"].lower().rstrip("s")
    w = re.sub(r"\s+", " ", m["ago_w"].lower())
    if n is None and w == "ago":
        return "PAST_REF", "DATE", None
    if ctx.dct is None or n is None or not float(n).is_integer():
        return _duration(n, u), "DURATION", None
    k = int(n) * (-1 if w in ("ago", "earlier") else 1)
    d = ctx.dct if w in ("ago", "from now", "hence") else (ctx.ref or ctx.dct)
    if u == "year" and w in ("ago", "earlier") and (ctx.quarter is not None or _mentions_quarter(ctx, m)):
        yq = _latest_quarter(ctx)
        if yq:
            return f"{yq[0] + k:04d}-Q{yq[1]}", "DATE", None
    if u == "year":
        return f"{d.year + k:04d}", "DATE", None
    if u == "month":
        y, mo = _add_months(d, k)
        return f"{y:04d}-{mo:02d}", "DATE", None
    if u == "week":
        return _week(d + timedelta(weeks=k)), "DATE", None
    if u == "day":
        return (d + timedelta(days=k)).isoformat(), "DATE", None
    if u == "decade":
        return f"{d.year // 10 + k:03d}", "DATE", None
    if u == "quarter":
        return _unit_value(d, "quarter", k), "DATE", None
    return "PAST_REF" if k < 0 else "FUTURE_REF", "TIME", None


def _mentions_quarter(ctx: _Ctx, m: re.Match[str]) -> bool:
    a, b = ctx.sentence_of(m.start())
    return "quarter" in ctx.text[a:b].lower()


def _quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _latest_quarter(ctx: _Ctx) -> tuple[int, int] | None:
    """The quarter meant by "the quarter": the last one named, else the last completed."""
    if ctx.quarter is not None:
        return ctx.quarter
    if ctx.dct is None:
        return None
    y, q = _quarter_of(ctx.dct)
    return (y, q - 1) if q > 1 else (y - 1, 4)


def _n_yq(m: re.Match[str], ctx: _Ctx) -> Result:
    y = _year4(m["yq_y"], ctx.dct)
    if m["yq_ord"]:
        q = R.ORDINALS[m["yq_ord"].lower()]
    else:
        yq = _latest_quarter(ctx)
        if yq is None:
            return None
        q = yq[1]
    return f"{y:04d}-Q{q}", "DATE", None


def _n_half(m: re.Match[str], ctx: _Ctx) -> Result:
    h = 1 if m["half_w"].lower() == "first" else 2
    return f"{_year4(m['half_y'], ctx.dct):04d}-H{h}", "DATE", None


def _n_theq(m: re.Match[str], ctx: _Ctx) -> Result:
    yq = _latest_quarter(ctx)
    return (f"{yq[0]:04d}-Q{yq[1]}", "DATE", None) if yq else None


def _n_they(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the year': a span when a closing date follows ("the year ended June 30"), else the DCT's year."""
    right = ctx.text[m.end():m.end() + 16]
    if re.match(r"\s+\d", right):
        return None
    if re.match(r"(?i)\s+(?:that\s+)?(?:ended|ending|ends|to)\b", right):
        return "P1Y", "DURATION", None
    if ctx.dct is None:
        return None
    return f"{ctx.dct.year:04d}", "DATE", None


def _n_yago(m: re.Match[str], ctx: _Ctx) -> Result:
    if ctx.dct is None:
        return None
    if "quarter" in m.group(0).lower() or _mentions_quarter(ctx, m):
        yq = _latest_quarter(ctx)
        if yq:
            return f"{yq[0] - 1:04d}-Q{yq[1]}", "DATE", None
    return f"{ctx.dct.year - 1:04d}", "DATE", None


def _n_span(m: re.Match[str], ctx: _Ctx) -> Result:
    return _duration(_num(m["span_n"]), m["span_u"]), "DURATION", None


def _n_span1(m: re.Match[str], ctx: _Ctx) -> Result:
    return _duration(1, m["span1_u"]), "DURATION", None


def _n_vagueu(m: re.Match[str], ctx: _Ctx) -> Result:
    return _duration(None, m["vu_u"]), "DURATION", None


def _n_set(m: re.Match[str], ctx: _Ctx) -> Result:
    u = m["set_u"]
    low = u.lower()
    if low.rstrip(".") in R.WEEKDAYS and u[0].isupper():
        return f"XXXX-WXX-{R.WEEKDAYS[low.rstrip('.')] + 1}", "SET", None
    n_word = m["set_n"]
    n = 2.0 if (n_word or "").lower() == "other" else (_num(n_word) if n_word else 1)
    return _duration(n, low), "SET", None


def _n_setadv(m: re.Match[str], ctx: _Ctx) -> Result:
    if m["setadv"] == "quarterly" and re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "quarterly dividend": an adjective, not a frequency
    return R.SET_ADVERBS[m["setadv"].lower()], "SET", None


_APPROX = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
           "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
           "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
           "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS"}


def _n_dur(m: re.Match[str], ctx: _Ctx) -> Result:
    nw = m["dur_n"].lower()
    if nw in ("a", "an") and m["dur_u"].lower() in ("second",):
        return None
    if m.group(0).lower().endswith("old"):
        return None
    n = _num(nw)
    if n is not None and "and a half" in m.group(0).lower():
        n += 0.5
    mod = None
    if m["dur_mod"]:
        mod = _APPROX.get(re.sub(r"\s+", " ", m["dur_mod"].lower()))
    u = m["dur_u"].lower().rstrip("s")
    if ctx.dct is not None and n is not None and float(n).is_integer() \
            and u in ("year", "month", "week", "day") and re.match(r"\s+ago\b", ctx.text[m.end():m.end() + 5]):
        # "nearly four years ago": a point in the past, not a span
        k = -int(n)
        if u == "year":
            return f"{ctx.dct.year + k:04d}", "DATE", mod
        if u == "month":
            y, mo = _add_months(ctx.dct, k)
            return f"{y:04d}-{mo:02d}", "DATE", mod
        if u == "week":
            return _week(ctx.dct + timedelta(weeks=k)), "DATE", mod
        return (ctx.dct + timedelta(days=k)).isoformat(), "DATE", mod
    return _duration(n, m["dur_u"]), "DURATION", mod


def _n_weekend(m: re.Match[str], ctx: _Ctx) -> Result:
    if ctx.dct is None:
        return None
    w = m.group(0).split()[0].lower()
    shift = {"last": -1, "next": 1}.get(w, 0)
    base = ctx.dct
    if w == "the":
        t = ctx.tense(m)
        if t == "past" and base.weekday() < 5:
            shift = -1
    return _week(base + timedelta(weeks=shift)) + "-WE", "DATE", None


def _n_season(m: re.Match[str], ctx: _Ctx) -> Result:
    s = R.SEASONS[m["sea_s"].lower()]
    mod = _edge(m["sea_edge"])
    if m["sea_y"]:
        return f"{_year4(m['sea_y'], ctx.dct):04d}-{s}", "DATE", mod
    rel = (m["sea_rel"] or "").lower()
    if not rel and not m.group(0).lower().startswith("the"):
        # bare "fall"/"spring" are usually verbs or nouns, not seasons
        left = ctx.text[max(0, m.start() - 8):m.start()].lower()
        if not re.search(r"\b(?:in|this|by|until|since|last|next)\s*$", left) or s in ("FA", "SP"):
            return None
    if ctx.dct is None:
        return f"XXXX-{s}", "DATE", mod
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    return f"{ctx.dct.year + shift:04d}-{s}", "DATE", mod


def _n_wd(m: re.Match[str], ctx: _Ctx) -> Result:
    wd = R.WEEKDAYS[m["wd_d"].lower().rstrip(".")]
    if ctx.dct is None:
        return None
    rel = (m["wd_rel"] or "").lower()
    base = ctx.dct
    if ctx.ref is not None and 0 < (ctx.dct - ctx.ref).days <= _REF_DAYS:
        base = ctx.ref  # narration anchored at a day named earlier in the text
    if rel in ("next", "coming"):
        direction = 1
    elif rel in ("last", "past"):
        direction = -1
    elif R.WEEKDAY_FUTURE_LEFT.search(ctx.text, max(0, m.start() - 20), m.start()):
        direction = 1  # "as soon as Tuesday", "until Monday": a coming day
    else:
        direction = 1 if ctx.tense(m) == "future" else -1
    delta = (wd - base.weekday()) % 7 if direction > 0 else -((base.weekday() - wd) % 7)
    if rel == "next" and delta == 0:
        delta = 7
    if rel == "last" and delta == 0:
        delta = -7
    d = (base + timedelta(days=delta)).isoformat()
    if m["wd_p"] and m["wd_p"].lower() == "evening":
        return d + "TEV", "TIME", None
    # "Monday night/morning": TempEval-3 gold mostly gives the day alone
    return d, "DATE", None


def _holiday(name: str, year: int) -> date:
    mo, day = R.HOLIDAYS[name]
    if day == 0:
        first = date(year, mo, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return date(year, mo, day)


def _n_hol(m: re.Match[str], ctx: _Ctx) -> Result:
    """A named holiday: its date in the year given, else the occurrence the tense points to."""
    name = re.sub(r"\s+", " ", m["hol_n"])
    if m["hol_y"]:
        return _holiday(name, _year4(m["hol_y"], ctx.dct)).isoformat(), "DATE", None
    if ctx.dct is None:
        return None
    rel = (m["hol_rel"] or "").lower()
    this = _holiday(name, ctx.dct.year)
    if rel == "this":
        d = this
    elif rel == "next" or (not rel and ctx.tense(m) == "future"):
        d = this if this > ctx.dct else _holiday(name, ctx.dct.year + 1)
    else:
        d = this if this <= ctx.dct else _holiday(name, ctx.dct.year - 1)
    return d.isoformat(), "DATE", None


def _n_clock(m: re.Match[str], ctx: _Ctx) -> Result:
    t = m["clock_t"].lower()
    if t.startswith("noon"):
        hh, mm = 12, 0
    elif t.startswith("midnight"):
        hh, mm = 0, 0
    else:
        g = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])?", t)
        if g is None:
            return None
        hh, mm = int(g[1]), int(g[2] or 0)
        if g[3] == "p" and hh < 12:
            hh += 12
        elif g[3] == "a" and hh == 12:
            hh = 0
    day = ctx.ref if ctx.ref is not None else ctx.dct
    dw = (m["clock_d"] or "").lower()
    if dw and ctx.dct is not None:
        if dw in R.WEEKDAYS:
            off = -((ctx.dct.weekday() - R.WEEKDAYS[dw]) % 7)
            day = ctx.dct + timedelta(days=off)
        else:
            day = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(dw, 0))
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return f"{prefix}T{hh:02d}:{mm:02d}", "TIME", None


def _n_anaph(m: re.Match[str], ctx: _Ctx) -> Result:
    base = ctx.ref or ctx.dct
    if base is None:
        return None
    w = re.sub(r"\s+", " ", m.group(0).lower())
    shift = 0
    if "next" in w or "following" in w or "after" in w:
        shift = 1
    elif "previous" in w or "before" in w:
        shift = -1
    d = base + timedelta(days=shift)
    last = w.split()[-1]
    if last in R.PARTS_OF_DAY:
        return d.isoformat() + "T" + R.PARTS_OF_DAY[last], "TIME", None
    return d.isoformat(), "DATE", None


def _n_bare(m: re.Match[str], ctx: _Ctx) -> Result:
    return _duration(None, m["bare_u"]), "DURATION", None


def _n_ref(m: re.Match[str], ctx: _Ctx) -> Result:
    w = re.sub(r"\s+", " ", m["ref"].lower())
    v = R.REF_WORDS[w]
    if w == "the past" and re.match(r"\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten|several|few)",
                                   ctx.text[m.end():m.end() + 10]):
        return None
    return v, "DATE", None


_NORMALIZERS: dict[str, Callable[[re.Match[str], _Ctx], Result]] = {
    "iso": _n_iso, "slash": _n_slash, "mdy": _n_mdy, "dmy": _n_dmy, "my": _n_my,
    "quarter": _n_quarter, "decade": _n_decade, "year": _n_year, "rel": _n_rel,
    "the_unit": _n_the_unit, "deictic": _n_deictic, "ago": _n_ago, "span": _n_span,
    "span1": _n_span1, "vagueu": _n_vagueu, "set": _n_set, "setadv": _n_setadv, "dur": _n_dur,
    "weekend": _n_weekend, "season": _n_season, "wd": _n_wd, "clock": _n_clock,
    "anaph": _n_anaph, "bare": _n_bare, "ref": _n_ref, "theq": _n_theq, "yq": _n_yq, "half": _n_half, "yago": _n_yago,
    "they": _n_they, "hol": _n_hol,
}


def normalize_all(text: str, published: date | None = None, sentences: Sequence[Span] = (),
                  doc: "Doc | None" = None) -> list[tuple[int, int, Time]]:
    """Every temporal expression in ``text`` as (start, end, Time); tense read off ``doc`` when given."""
    ctx = _Ctx(text, published, sentences, doc)
    out: list[tuple[int, int, Time]] = []
    for m in R.PATTERN.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        try:
            res = _NORMALIZERS[kind](m, ctx)
        except (ValueError, KeyError, OverflowError):
            res = None
        if res is None:
            continue
        value, typ, mod = res
        start, end = m.start(), m.end()
        end_text = text[start:end]
        stripped = end_text.rstrip(" ,")
        end = start + len(stripped)
        out.append((start, end, Time(value, typ, mod, _granularity(value))))
    return out


def find(text: str, *, doc: "Doc | None" = None, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    """Time mentions in ``text`` with TIMEX3 values anchored at ``published``.

    A relative expression's direction ("Friday", "in March") comes from the tense of the verb
    it attaches to in the parse, and from tense cues nearby where the parse gives none.
    """
    doc = doc if doc is not None else parse(text)
    if not sentences:
        sentences = sentence_spans(doc)
    return [Mention("time", s, e, t) for s, e, t in normalize_all(text, published, sentences, doc)]
