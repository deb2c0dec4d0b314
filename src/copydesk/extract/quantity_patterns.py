"""Compiled regexes for the quantity extractor, built once from the resource lexicons."""

from __future__ import annotations

import re

from copydesk.extract.resources import numbers as N
from copydesk.extract.resources import units as U


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _unit_alternation() -> tuple[str, dict[str, str]]:
    """The unit alternation and a map from lower-cased/exact surface to canonical name."""
    exact: list[str] = []
    folded: list[str] = []
    lookup: dict[str, str] = {}
    for canon, (_, _, surfaces) in U.UNITS.items():
        for s in surfaces:
            if s in U.CASE_SENSITIVE or any(c.isupper() for c in s) or not s.isascii():
                exact.append(s)
                lookup.setdefault(s, canon)
            else:
                folded.append(s)
                lookup.setdefault(s.lower(), canon)
    both = sorted(set(exact) | set(folded), key=len, reverse=True)
    parts = [re.escape(w) if w in exact else f"(?i:{re.escape(w)})" for w in both]
    return "|".join(parts), lookup


UNIT_ALT, UNIT_LOOKUP = _unit_alternation()

_WORD = _alt(list(N.UNITS_WORDS) + list(N.MULTIPLIERS) + ["dozen"])
_BIG = "|".join(f"(?<={w})" for w in ("hundred", "thousand", "million", "billion", "trillion"))
_DEN = _alt(list(N.DENOMINATORS))
WORD_NUMBER = (
    rf"(?i:an?\s+(?:half|quarter|third)(?!\w)|(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"(?:(?:{_WORD})(?:(?:[ -]+|(?:{_BIG})(?:\s+and\s+|\s*,\s*|\s*&\s*))(?:{_WORD}))*"
    rf"(?:[ -](?:{_DEN}))?(?:\s+and\s+a\s+half)?"
    rf"))(?!\w)"
)
_FRAC = "".join(N.UNICODE_FRACTIONS)
DIGIT_NUMBER = (
    r"\d+/\d+(?![\d/])|(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![\d,.])|\d+)(?:\.\d+)?(?:[eE][-−]?\d+|\s?[×x]\s?10\^?[-−]?\d+)?"
    rf"(?:\s?[{_FRAC}]|\s+\d+/\d+(?!\d))?"
    rf"|\.\d+|[{_FRAC}]"
)
_CUR_SYM = _alt(list(U.CURRENCY_SYMBOLS))
_CUR_CODE = _alt(list(U.CURRENCY_CODES))
_CUR_WORDS = _alt(list(U.CURRENCY_WORDS))
_SCALE = _alt([s for s in U.SCALES])

# "a mile", "a gallon": units that read as one of themselves after "a" (not time words)
_A_UNITS = _alt(["mile", "kilometre", "kilometer", "metre", "meter", "foot", "inch", "yard", "gallon",
                 "litre", "liter", "barrel", "cup", "tablespoon", "teaspoon", "kilogram", "tonne",
                 "ton", "pound", "ounce", "penny", "cent", "dime", "dollar", "euro", "hectare", "acre"])

# Every character an atom can start with: a cheap first test before the full pattern.
_FIRST = set("()-−.0123456789" + _FRAC) | {w[0] for w in U.CURRENCY_SYMBOLS} | {c[0] for c in U.CURRENCY_CODES}
_FIRST |= {w[0].lower() for w in list(N.UNITS_WORDS) + list(N.MULTIPLIERS) + list(N.DENOMINATORS) + ["a", "dozen"]}
_FIRST |= {c.upper() for c in _FIRST if c.isalpha()}
_FIRST_CLASS = "[" + "".join(re.escape(c) for c in sorted(_FIRST)) + "]"

ATOM = re.compile(
    rf"(?={_FIRST_CLASS})"
    r"(?<![\w.,/:#@$£€¥+^])(?<![A-Za-z][-−])(?<!\d[.,])"
    r"(?P<paren>\()?"
    rf"(?P<neg>[-−](?=[\d{_CUR_SYM}]))?"
    rf"(?:(?P<cur>{_CUR_SYM})|(?P<code>{_CUR_CODE})\s?)?"
    r"(?P<neg2>[-−])?"
    rf"(?:(?P<dnum>{DIGIT_NUMBER})|(?P<wnum>{WORD_NUMBER}|(?i:an?)(?=\s+(?:{_A_UNITS})\b)))"
    rf"(?:(?P<ssp>\s?)(?P<scale>{_SCALE})(?![A-Za-z]))?"
    rf"(?:(?P<usp>\s?-\s?|\s?)(?P<unit>{UNIT_ALT})(?![A-Za-z\d]))?"
    rf"(?:\s?(?P<csym>[€£$¥₴₽])|\s(?P<csuf>{_CUR_CODE}|{_CUR_WORDS})(?![A-Za-z]))?"
    r"(?P<close>\))?"
)

QUALIFIER = re.compile(
    rf"(?i:(?<![\w<>])(?P<q>{_alt(list(N.QUALIFIERS))}|between|from))\s*$"
)
PLUS_MINUS = re.compile(r"\s*(?:\+/-|\+/−|±|\+-)\s*")
RANGE_GAP = re.compile(r"\s*-?\s*(?:-|–|—|to|and)\s*")
PER = re.compile(rf"(?:\s*/\s*|\s+per\s+)(?P<per>(?i:hour|day|week|month|year|kg|kilogram|minute|second|night|person|head|capita|barrel|tonne|ton|unit|share|mile|km)|s|h|min|d)(?![A-Za-z])")
TIMES_PER = re.compile(r"\s+times\s+(?:per|a|an|each|every)\s+(?P<per>second|minute|hour|day|week|month|year)\b", re.I)
EACH = re.compile(r"\s+(?P<per>each|apiece|a piece|a head|per person|per head|a year|a month|a day|per year|per month|per day)\b", re.I)
COUNTED_WORDS = re.compile(r"(?:\s+(?:of\s+)?)?((?:\s*[A-Za-z][\w'’-]*){1,5})")
WORD = re.compile(r"[A-Za-z][\w'’-]*")
NOT_NUMBER_BEFORE = re.compile(r"(?i:\b(?:no\.|nos\.|number|#|page|article|chapter|section|room|flight|route|tel\.?|phone|grade|level|zone|model|table|figure|fig\.|eq\.|equation|ref\.)\s*)$")
MONTH_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(N.MONTHS)})\.?\s*)$")
MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?:{'|'.join(N.MONTHS)})\b")
CLOCK_AFTER = re.compile(r"(?::\d\d|\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b|o'clock))")
PHONE = re.compile(r"\+?\d[\d ()-]{6,}\d")
