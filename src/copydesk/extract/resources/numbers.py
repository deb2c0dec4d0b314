"""Number words, fractions and qualifier phrases for the quantity extractor (data only)."""

from __future__ import annotations

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}
# Words that stand for a number on their own after "a"/"an": "a dozen", "a hundred".
GROUP_WORDS: dict[str, float] = {"dozen": 12, "score": 20, "half": 0.5, "quarter": 0.25}
DENOMINATORS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
UNICODE_FRACTIONS: dict[str, float] = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125, "⅜": 0.375,
    "⅝": 0.625, "⅞": 0.875,
}

# Qualifier phrases before a number -> Quantity.qualifier (lower case, longest first at use).
QUALIFIERS: dict[str, str] = {
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx",
    "approximately": "approx", "an estimated": "approx", "estimated": "approx", "~": "approx",
    "circa": "approx", "approx.": "approx", "somewhere around": "approx",
    "less than": "lt", "under": "lt", "fewer than": "lt", "below": "lt",
    "up to": "le", "at most": "le", "no more than": "le", "not more than": "le",
    "a maximum of": "le", "as many as": "le", "as much as": "le",
    "more than": "gt", "over": "gt", "above": "gt", "exceeding": "gt", "in excess of": "gt",
    "upwards of": "gt",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge", "a minimum of": "ge",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly",
    "≥": "ge", "≤": "le", ">": "gt", "<": "lt", ">=": "ge", "<=": "le",
}

MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()

# Words that end the search for what a count counts.
COUNTED_STOP = frozenset("""
a an the of in on at to from by for with and or but as is are was were be been being has have had
will would could should may might can did do does than that which who whom whose this these those it
its their his her our your they we he she i you said says say per each every while when where after
before since until during into onto over under about around between against across among including
including more most less least not no so also just only very then there here than if because
near inside outside across within beyond toward towards via amid
went lost took came made got fled left died fell rose hit remain remained live lived work worked
""".split())

# -- numbers that are no quantity ------------------------------------------------------------

#: Nouns after a bare "A-B" that make it a won-lost record or a score, not a range:
#: "a 9-14 start", "an 88-72 loss", "a 43 - 39 record".
RECORD_NOUNS = frozenset("""
record records mark start starts finish season seasons loss losses defeat defeats win wins
victory victories setback setbacks rout triumph decision vote votes count tie lead deficit
edge margin split run streak stretch score scoreline result final
""".split())

#: Words before a bare "A-B" that make it a record: "a record of 9-14", "sitting at 9-14",
#: "he was 162-139", "opened 9-14".
RECORD_BEFORE = (
    "record of", "mark of", "sitting at", "stands at", "stand at", "stood at", "improved to",
    "fell to", "dropped to", "opened", "is", "was", "are", "were", "went", "finished", "won",
    "lost", "beat", "defeated", "edged", "routed",
)

#: Street-name endings: "40 East 5th Ave.", "200 W. American Blvd." are addresses.
STREET_SUFFIXES = (
    "Street St Avenue Ave Boulevard Blvd Road Rd Drive Dr Lane Ln Way Place Pl Court Ct "
    "Parkway Pkwy Terrace Circle Square Sq Highway Hwy Plaza Alley Crescent"
).split()

#: Time-zone abbreviations written after a clock time: "11:00 IST", "03.31 BST".
TIME_ZONES = (
    "GMT UTC BST CET CEST EET EEST IST PST PDT PT MST MDT MT CST CDT CT EST EDT ET AEST AEDT "
    "NZST NZDT JST KST SGT HKT WIB MSK SAST WAT EAT"
).split()
