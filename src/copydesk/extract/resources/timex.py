"""Lexicons and the compiled pattern for English temporal expressions (TIMEX3).

Data only: the normalizing logic lives in ``copydesk.extract.times``. Month and
weekday names must be capitalized (so "may" and "march" as verbs are skipped);
every other word matches in any case through scoped ``(?i:...)`` groups.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "half a": 0.5, "a half": 0.5, "half": 0.5, "a couple of": 2,
    "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "the")
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": 4, "final": 4,
}
UNITS: dict[str, str] = {  # unit word -> TIMEX3 duration letter(s) with multiplier
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "2W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
TIME_UNITS = frozenset({"second", "minute", "hour"})
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
EDGE_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "start of": "START", "the first half of": "START",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "middle of": "MID",
    "late": "END", "later": "END", "the end of": "END", "end of": "END", "the close of": "END",
    "the second half of": "END", "the last half of": "END",
}
HOLIDAYS: dict[str, tuple[int, int]] = {
    # (month, day); day 0 marks Thanksgiving: the fourth Thursday of November
    "Thanksgiving Day": (11, 0), "Thanksgiving": (11, 0), "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24), "Christmas": (12, 25), "New Year's Day": (1, 1),
    "New Year's Eve": (12, 31), "Independence Day": (7, 4), "Halloween": (10, 31),
}
SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
}
REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "the present": "PRESENT_REF",
    "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "current": "PRESENT_REF",
    "these days": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "formerly": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}

PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|came|went|began|took|made|gave|met|left|won|lost|fell|rose|"
    r"saw|held|ran|got|became|sent|found|struck|hit|killed|said|told|led|brought|bought|sold|paid|"
    r"fought|spent|built|kept|stood|heard|wrote|spoke|broke|chose|drove|\w{2,}ed)\b", re.I)
FUTURE_CUE = re.compile(
    r"(?:\bwill\b|'ll\b|\bgoing to\b|\bshall\b|\bis to\b|\bare to\b|\bscheduled\b|\bplans?\b|"
    r"\bexpected to\b|\bdue to\b|\bset to\b|\bwill be\b|\bupcoming\b)", re.I)
WEEKDAY_FUTURE_LEFT = re.compile(r"(?i)\b(?:as\s+soon\s+as|until|till|planned|plans?)\s+(?:on\s+)?$")
PRESENT_CUE = re.compile(r"\b(?:is|are|am|says|say)\b", re.I)


def _alt(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """An alternation of words, longest first, spaces as flexible whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH_FULL = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
MONTH = (r"(?:(?:" + "|".join(_MONTH_FULL) + r")|(?:" + "|".join(m.upper() for m in _MONTH_FULL)
         + r")|(?:" + "|".join(_MONTH_ABBR) + r")(?:\.|(?=\s*\d)))(?![a-z])")
_WD_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY = (r"(?:(?:" + "|".join(_WD_FULL) + r")|(?:" + "|".join(w.upper() for w in _WD_FULL)
           + r")|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.(?=\s*,?\s*[A-Z0-9]))(?![a-z])")
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)(?![\d,]\d)"
YEAR_APOS = r"(?:'|’)\d\d(?![\d])"
NUMWORD = r"(?:" + _alt([k for k in NUMBERS if k not in ("a", "an")]) + r")(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
NUM = r"(?:\d+(?:\.\d+)?|" + NUMWORD + r"|an?)"
VAGUE = r"(?:several|a\s+few|few|many|the\s+last\s+few|the\s+next\s+few|the\s+past\s+few)"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"
UNITS_PL = r"(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)"
EDGE = r"(?:early|late|mid-?|the\s+(?:beginning|start|middle|end|close)\s+of|the\s+(?:first|second|last)\s+half\s+of|(?:beginning|start|middle|end)\s+of)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART = r"(?:morning|afternoon|evening|night|overnight)"
REL = r"(?:last|next|this|past|coming|previous|following|current|same)"
CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
         r"|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)(?:\s*(?:GMT|UTC|EST|EDT|PST|PDT|CST|CDT|BST|CET))?"
         r"|noon|midnight)(?:\s+(?:GMT|UTC|EST|EDT|PST|PDT|CST|CDT|BST|CET|ET|PT)\b)?")

# One alternation; at each position the first alternative that matches wins, so
# longer, more specific forms come first. Each branch is a named group.
_FIRST_WORDS = (
    "the a an in its their his her early late mid beginning start middle end close last next this past "
    "Thanksgiving Christmas New Independence Halloween "
    "coming previous following current same fiscal year first second third fourth 1st 2nd 3rd 4th final "
    "initial latest yesterday today tomorrow tonight every each per about around nearly almost roughly "
    "approximately some more over less under at up several few many recent recently noon midnight that "
    "now currently right just formerly lately future soon nowadays these earlier later once twice times "
    "half couple dozen " + " ".join(k for k in NUMBERS if " " not in k) + " " + " ".join(SET_ADVERBS)
    + " seconds minutes hours days weeks months quarters years decades centuries "
    "spring summer fall autumn winter"
).split()
# Cheap gate: an expression can only start with one of these, so most word starts
# are rejected before the alternation below is tried.
FIRST = (r"(?=(?i:" + _alt(set(_FIRST_WORDS)) + r")\b|[0-9'’Q]|(?:" + "|".join(m[:3] + "|" + m[:3].upper() for m in _MONTH_FULL + _WD_FULL) + r"))")

PATTERN = re.compile(
    r"(?<![\w-])" + FIRST + r"(?:"
    # 2024-03-12, 2024-03-12T14:30
    r"(?P<iso>\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?)(?!\d)"
    r"|(?P<hol>(?:(?P<hol_rel>(?i:last|next|this))\s+)?(?P<hol_n>" + _alt(list(HOLIDAYS)) + r")"
    r"(?:,?\s+(?P<hol_y>" + YEAR + r"))?(?![\w-]))"
    # 3/12/2024 (US order)
    r"|(?P<slash>[01]?\d/[0-3]?\d/(?:\d{4}|\d\d))(?![\d/])"
    # (Wednesday,) (the end of) April 24th(, 2024) (at 5 p.m.)
    r"|(?P<mdy>(?:(?P<mdy_wd>" + WEEKDAY + r"),?\s+)?(?:(?P<mdy_edge>(?i:" + EDGE + r"))[\s-]*)?"
    r"(?P<mdy_m>" + MONTH + r")\s+(?P<mdy_d>" + DAYNUM + r")(?:,?\s+(?P<mdy_y>" + YEAR + r"))?)"
    # (Wednesday,) 12 March (2024)
    r"|(?P<dmy>(?:(?P<dmy_wd>" + WEEKDAY + r"),?\s+)?(?:(?i:the)\s+)?(?P<dmy_d>" + DAYNUM + r")\s+(?:(?i:of)\s+)?"
    r"(?P<dmy_m>" + MONTH + r")(?:,?\s+(?P<dmy_y>" + YEAR + r"))?)"
    # (late) March 2024, (the end of) March, last September, next February
    r"|(?P<my>(?:(?P<my_edge>(?i:" + EDGE + r"))[\s-]*)?(?:(?P<my_rel>(?i:last|next|this|past|coming))\s+)?"
    r"(?P<my_m>" + MONTH + r")(?:,?\s+(?:(?i:of)\s+)?(?P<my_y>" + YEAR + r")"
    r"|\s+(?P<my_ry>(?i:last|this|next))\s+(?i:year)\b)?)"
    r"|(?P<yq>(?i:the)\s+(?P<yq_y>" + YEAR + r")\s+(?:(?P<yq_ord>(?i:first|second|third|fourth))[\s-]+)?(?i:quarter|period)(?![\w-]))"
    r"|(?P<half>(?i:the\s+(?P<half_w>first|second|last)\s+half\s+of)\s+(?P<half_y>" + YEAR + r")(?![\w-]))"
    # the third quarter (of 2024), Q3 2024, fourth-quarter
    r"|(?P<quarter>(?:(?i:the)\s+)?(?:(?P<q_yrel>(?i:this|last|next))\s+(?i:year's)\s+)?(?:(?P<q_fy>(?i:fiscal|year-earlier|year-ago|latest|current|same))\s+)?"
    r"(?:(?P<q_rel>(?i:last|next|this|past|previous|coming))\s+)?"
    r"(?P<q_ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?i:quarter)(?![\w-])"
    r"(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?P<q_y>" + YEAR + r"))?"
    r"|Q(?P<q_n>[1-4])(?:\s+(?P<q_y2>" + YEAR + r"))?(?!\w))"
    # the 1990s, the early '90s, the mid-1980s
    r"|(?P<decade>(?:(?i:the)\s+)?(?:(?P<dec_edge>(?i:early|late|mid-?))[\s-]*)?"
    r"(?P<dec_y>(?:1[5-9]\d|20\d)0|(?:'|’)\d0)(?:'s|s)(?!\w))"
    # (the end of|mid-|early) 2024, (fiscal) 2024 -- bare years; filtered in the logic
    r"|(?P<year>(?:(?P<y_edge>(?i:" + EDGE + r"))[\s-]*|(?i:fiscal\s+(?:year\s+)?))?(?P<y_y>" + YEAR + r"|" + YEAR_APOS + r")(?![\w%-]))"
    # (early) next year, the end of the year, earlier this week, later this month
    r"|(?P<rel>(?:(?P<rel_edge>(?i:" + EDGE + r"|earlier|later))[\s-]+)?(?:(?i:the)\s+)?"
    r"(?P<rel_w>(?i:last|next|this|past|coming|previous|current))\s+(?:(?i:fiscal)\s+)?"
    r"(?P<rel_u>(?i:week(?:end)?|month|year|quarter|decade|century|" + SEASON + r"))(?![\w-]))"
    r"|(?P<the_unit>(?:(?P<tu_edge>(?i:" + EDGE + r"))\s+)(?i:the)\s+(?P<tu_u>(?i:week|month|year|quarter|decade|century|day))(?![\w-]))"
    # yesterday/today/tomorrow/tonight (morning)
    r"|(?P<deictic>(?P<dei_w>(?i:yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night))"
    r"(?:\s+(?P<dei_p>(?i:" + PART + r")))?(?![\w-]))"
    # 3 days ago, two years earlier, a week later
    r"|(?P<ago>(?P<ago_n>(?i:" + NUM + r"|" + VAGUE + r"))[\s-]+(?P<ago_u>(?i:" + UNIT + r"s?))\s+"
    r"(?P<ago_w>(?i:ago|earlier|later|from\s+now|hence))(?![\w-]))"
    # the next day, the day before, that day
    r"|(?P<anaph>(?i:the\s+(?:next|following|previous|same)\s+(?:day|morning|evening|night)|the\s+day\s+(?:before|after)|that\s+(?:day|morning|evening|night)|the\s+previous\s+night))(?![\w-])"
    # the next/past/first two years, the last 24 hours
    r"|(?P<span>(?:(?i:the|its|their|his|her)\s+)?(?P<span_w>(?i:past|last|next|first|coming|previous|final|following|initial|latest))\s+"
    r"(?P<span_n>(?i:" + NUM + r"|few|several|couple\s+of|couple))[\s-]+(?P<span_u>(?i:" + UNIT + r"s?))(?![\w-]))"
    # the past week, the last month (durations of one unit)
    r"|(?P<span1>(?i:the)\s+(?P<span1_w>(?i:past|last|previous|coming|next|following))\s+(?P<span1_u>(?i:week|month|year|decade|century|day|hour|quarter))(?![\w-]))"
    # recent months, recent years, coming weeks
    r"|(?P<vagueu>(?:(?i:the)\s+)?(?P<vu_w>(?i:recent|coming|past\s+few|last\s+few|next\s+few|few|several|many|the\s+following))\s+"
    r"(?P<vu_u>(?i:" + UNITS_PL + r"))(?![\w-]))"
    # every week, each Monday, every two years
    r"|(?P<set>(?:(?i:every|each|per)|(?<=once\s)a|(?<=twice\s)a|(?<=times\s)a)\s+(?:(?P<set_n>(?i:other|" + NUM + r"))\s+)?(?P<set_u>(?i:" + UNIT + r"s?)|" + WEEKDAY + r")(?![\w-]))"
    r"|(?P<setadv>(?i:" + _alt(list(SET_ADVERBS)) + r")(?![\w-]))"
    # two years, 24 hours, a decade, five-year, half a day
    r"|(?P<dur>(?:(?P<dur_mod>(?i:about|around|nearly|almost|roughly|approximately|some|more\s+than|over|less\s+than|under|at\s+least|up\s+to))\s+)?"
    r"(?P<dur_n>(?i:" + NUM + r"|" + VAGUE + r"))(?:\s+(?i:and\s+a\s+half))?[\s-]+(?P<dur_u>(?i:" + UNIT + r"s?))(?:[\s-]+(?i:old|long))?(?![\w-]))"
    # (the) weekend
    r"|(?P<weekend>(?i:the|this|last|next)\s+(?i:weekend)(?![\w-]))"
    # season: (last) summer, the summer of 2024, spring 2023
    r"|(?P<season>(?:(?P<sea_edge>(?i:early|late|mid-?))[\s-]*)?(?:(?P<sea_rel>(?i:last|next|this|past|coming))\s+|(?i:the)\s+)?"
    r"(?P<sea_s>(?i:" + SEASON + r"))(?:\s+(?:(?i:of)\s+)?(?P<sea_y>" + YEAR + r"))?(?![\w-]))"
    # Monday (morning), 5 p.m., noon
    r"|(?P<wd>(?:(?P<wd_rel>(?i:last|next|this|coming|past))\s+)?(?P<wd_d>" + WEEKDAY + r")(?:\s+(?P<wd_p>(?i:" + PART + r")))?)"
    r"|(?P<clock>(?P<clock_t>" + CLOCK + r")(?:\s+(?P<clock_d>(?i:today|yesterday|tomorrow|tonight)|" + WEEKDAY + r"))?)"
    # weeks, years (bare plural units: "for weeks now", "for years")
    r"|(?P<yago>(?:(?i:the)\s+)?(?i:year-(?:earlier|ago)(?:\s+(?:quarter|period))?)(?![\w-]))"
    r"|(?P<theq>(?i:the\s+(?:latest|current|same|recent|most\s+recent|)\s*quarter|the\s+latest\s+period)(?![\w-]))"
    r"|(?P<they>(?i:the\s+(?:(?:full|fiscal|entire|whole)\s+)?year)(?![\w-]))"
    r"|(?P<bare>(?:(?<=for\s)|(?<=within\s)|(?<=over\s))(?P<bare_u>(?i:" + UNITS_PL + r"))(?![\w-]))"
    r"|(?P<ref>(?i:" + _alt(list(REF_WORDS)) + r")(?![\w-]))"
    r")"
)

#: TIMEX3 value shapes and the granularity each one dates at (first match wins).
GRANULARITY = tuple((re.compile(p), g) for p, g in (
    (r"\d{4}|\d{3}|\d{2}", "year"), (r"\d{4}-(SP|SU|FA|WI)", "season"), (r"\d{4}-(Q\d|QX)", "quarter"),
    (r"\d{4}-\d\d", "month"), (r"\d{4}-W\d\d(-WE)?", "week"), (r"\d{4}-\d\d-\d\d", "day")))

#: Words that may follow a named thing after a model year ("a 2013 Toyota Camry near the corner"):
#: the proper noun ends its noun phrase, so the year modifies a make or model, not an event.
MODEL_YEAR_AFTER = "near at in with after before when as and driven by that to into on".split()
