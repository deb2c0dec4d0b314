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
    r"\d+/\d+(?![\d/])|(?:\d{1,3}(?:,\d{3})+(?!\d)|\d(?:, \d{3})+(?![\d,]|\.\d)|\d{1,3}(?:, 000)+(?![\d,]|\.\d)|\d{1,3}(?: \d{3})+(?![\d,.])|\d+)(?:\.\d+)?(?:[eE][-−]?\d+|\s?[×x]\s?10\^?[-−]?\d+)?"
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
    rf"(?:(?P<cur>{_CUR_SYM})(?: (?=\d))?|(?P<code>{_CUR_CODE})\s?)?"
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
NOT_NUMBER_BEFORE = re.compile(r"(?i:\b(?:no\.|nos\.|number|#|page|article|chapter|section|room|flight|route|interstate|highway|hwy|precinct|suite|apt\.|gate|platform|channel|tel\.?|phone|grade|level|zone|model|table|figure|fig\.|eq\.|equation|ref\.)\s*)$")
MONTH_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(N.MONTHS)})\.?\s*)$")
MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?:{'|'.join(N.MONTHS)})\b")
CLOCK_AFTER = re.compile(r"(?::\d\d|\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b|o'clock))")
#: "three-plus seasons", "20-plus years": more than the number.
PLUS_SUFFIX = re.compile(r"\s?-\s?plus\b|\+(?![\d\w])")
PHONE = re.compile(r"\+?\d[\d ()-]{6,}\d")

# -- spans whose numbers are no quantity ------------------------------------------------------
# Each pattern also reads the spaced form that tokenized text has ("9: 25", "p. m.", "4 / 11 / 2007").

#: Two-letter zones ("CT", "PT") are also words before a count ("3 CT scans"): only after a clock with minutes.
_TZ = _alt([z for z in N.TIME_ZONES if len(z) > 2])
_AMPM = r"(?:[ap]\.\s?m\b\.?|[AP]\.\s?M\b\.?|[ap]m\b|[AP]M\b)"
#: A time of day: "10:30", "9: 25", "6: 07: 15 PM", "7 p. m.", "11am", "03. 31 BST", "1100 hrs".
CLOCK = re.compile(
    rf"(?<![\d.,])(?:[01]?\d|2[0-3])\s?:\s?[0-5]\d(?:\s?:\s?[0-5]\d)?(?![\d])(?:\s?{_AMPM})?"
    rf"|(?<![\d.,])(?:[01]?\d|2[0-3])(?:\s?\.\s?[0-5]\d)?\s?(?:{_AMPM}|(?={_TZ}\b))"
    rf"|(?<![\d.,])(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs\b\.?|hours\b(?=\s+(?:{_TZ}|on|local|today|yesterday)\b))"
)
#: Military time after a preposition of time: "at 1100 hours", "by about 0630 hours".
CLOCK_AT = re.compile(
    r"(?i:\b(?:at|by|until|till|from|since|before|after)\s+(?:about\s+|around\s+|approximately\s+)?)"
    r"(?P<t>(?:[01]\d|2[0-3])[0-5]\d\s?hours\b)"
)
#: A numeric date: "4/11/2007", "09 / 14 / 2013", "2013-09-14", "2007 - 04 - 09".
NUMERIC_DATE = re.compile(
    r"(?<![\d.])\d{1,2}\s?/\s?\d{1,2}\s?/\s?(?:\d{4}|\d{2})(?![\d/])"
    r"|(?<![\d.])(?:1[89]|20)\d\d\s?-\s?[01]\d\s?-\s?[0-3]\d(?!\d)"
)
#: A month in capitals before a day: "SEPTEMBER 19, 2013", "FEB. 2, 2009".
CAPS_MONTH_DAY = re.compile(rf"\b(?:{'|'.join(m.upper() for m in N.MONTHS)})\.?\s?\d{{1,2}}(?!\d)")
#: The second year of a season or a span written short: "the 2002 - 03 season", "'86".
SHORT_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d\s?[-–/]\s?(?P<y>\d\d)(?![\d%])|(?<![\w'’])['’](?P<y2>\d\d)(?!\d)")
#: A designation made of capitals and a number: "AK-47", "AK 47 rifles", "F-16", "MH17".
DESIGNATION = re.compile(r"(?<![\w.])(?:[A-Z]{1,4}\s?-\s?|[A-Z]{2,4} ?)(?P<n>\d+)(?![\d,.]\d)")
_STREET = _alt(list(N.STREET_SUFFIXES))
#: A street address: "40 East 5th Ave.", "200 W. American Blvd.", "1600 Pennsylvania Avenue".
ADDRESS = re.compile(
    rf"(?<![\d.,])(?P<n>\d{{1,5}})\s+(?:(?:[NSEW]\.|North|South|East|West)\s+)?"
    rf"(?:(?:[A-Z][\w'’]*|\d+(?:st|nd|rd|th))\s+){{0,3}}(?:{_STREET})\b"
)
_URL_TOKEN = r"[\w%+~#]"
#: A web address, also as tokenized text spaces it ("http: / / www. cnn. com / 2013 / 08 / 02 / ...").
URL = re.compile(
    rf"(?:https?:\s?/\s?/\s?(?:www\.\s?)?|www\.\s?)(?:{_URL_TOKEN}|(?:\s?[/\-_?=&:;]+)+\s?(?={_URL_TOKEN})|\.(?={_URL_TOKEN})|\. (?=[a-z0-9]))*"
    rf"|(?<![\w@])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|uk|in|nz|ca|au|de|fr)/\S*"
)
