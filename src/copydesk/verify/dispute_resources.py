"""Lexicons deciding whether a difference survives as a dispute (issue 10, item 4).

Kept apart from the logic in ``differences.py``: the modality classes compared,
predicate classes that state one kind of happening, counts
that only grow as a story develops, speaker titles, and the date words whose
resolution depends on where they are read.
"""

from __future__ import annotations

import re

from copydesk.align.entity_resources import ROLE_NOUNS
from copydesk.align.entity_resources import TITLES as ENTITY_TITLES

#: Modalities compared as one class: what a report says happened, whether or not it attributes it.
MODALITY_CLASS: dict[str, str] = {"asserted": "fact", "reported": "fact", "expected": "expected",
                                  "possible": "possible", "refused": "refused"}

#: Words negating the predicate they attach to (the parse fallback; frames read their own).
NEGATORS: frozenset[str] = frozenset({"not", "n't", "never", "no", "neither", "nor"})
#: Future auxiliaries (the parse fallback): "will reach" is expected, "could reach" possible.
FUTURE_AUX: frozenset[str] = frozenset({"will", "shall", "'ll", "wo", "would"})

#: Statement predicates that deny what they govern, besides the quote cues' denials ("deny", "dispute").
DENIAL_PREDICATES: frozenset[str] = frozenset({"reject", "refute", "dismiss", "rebut"})

#: Predicates that state a figure without naming the happening ("the toll rose to 40", "put the figure at").
LIGHT_PREDICATES: frozenset[str] = frozenset({
    "be", "have", "say", "tell", "report", "put", "give", "reach", "rise", "climb", "stand", "total", "number",
    "increase", "jump", "grow", "include", "leave", "bring", "make", "count", "top", "exceed", "hit", "surpass",
    "confirm", "estimate", "state", "add", "show", "record", "register", "list", "according", "",
})

#: Predicate lemmas stating one kind of happening (the lemma names its class).
PREDICATE_CLASSES: dict[str, str] = {
    **dict.fromkeys(("kill", "die", "dead", "death", "perish", "slay", "fatality", "murder", "claim"), "death"),
    **dict.fromkeys(("injure", "hurt", "wound", "injury", "injured", "wounded", "hospitalize"), "injury"),
    **dict.fromkeys(("arrest", "detain", "detention", "jail", "apprehend", "custody"), "arrest"),
    **dict.fromkeys(("evacuate", "evacuation", "flee", "displace", "relocate"), "evacuate"),
}

#: Counted nouns (lemmas) of a count that only grows as a story develops.
CUMULATIVE_COUNTED: dict[str, str] = {
    **dict.fromkeys(("death", "dead", "fatality", "casualty", "victim", "body", "toll", "death toll"), "death"),
    **dict.fromkeys(("injury", "injured", "wounded"), "injury"),
    **dict.fromkeys(("arrest", "detainee", "arrestee"), "arrest"),
    **dict.fromkeys(("evacuee", "evacuation", "displaced"), "evacuate"),
}

#: Words right after a count that make it a part of a larger one ("three other rifles", "12 more people").
PARTIAL_WORDS: frozenset[str] = frozenset({"other", "more", "additional", "further", "remaining", "extra", "new"})

#: Words before a count that make it the whole a part is counted from ("lost eight of their last 10 games").
PARTITIVE_BEFORE = re.compile(
    r"(?i)\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|some|most|"
    r"many|half|all) (?:of|out of) (?:the |their |its |his |her |our )?(?:last |next |first |past )?$")

#: How a note names each kind of cumulative count.
CUMULATIVE_NAMES: dict[str, str] = {"death": "death toll", "injury": "injury toll", "arrest": "number of arrests",
                                    "evacuate": "number evacuated"}

#: Words in front of a speaker's name that are no part of it (lower case, no period): the entity linker's
#: titles and role nouns, plus the modifiers of an office ("Mr. Hale", "former deputy minister Omar Hale").
TITLES: frozenset[str] = ENTITY_TITLES | ROLE_NOUNS | frozenset({
    "vice", "prime", "deputy", "foreign", "defence", "defense", "interior", "state", "the", "former", "acting",
})

#: A date word resolved against the publication (a weekday, "today", "last week"): reliable near the dateline.
DEICTIC_DATE = re.compile(
    r"(?i)\b(?:today|tonight|yesterday|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:last|this|next|past|earlier this|later this) (?:week|weekend|month))\b")
#: A date word resolved against another date in the text ("the same day", "the next day"): never certain.
ANAPHORIC_DATE = re.compile(
    r"(?i)\b(?:(?:the )?same (?:day|week|month)|that (?:day|week|month|morning|night|evening)|"
    r"the (?:next|following|previous|preceding) (?:day|week|month)|the day (?:before|after)|days? later|"
    r"days? earlier|a week later|a week earlier)\b")
#: Words that name a day in a time expression ("Sunday night", "March 3 at noon", "yesterday morning").
DAY_WORDS = re.compile(
    r"(?i)\b(?:\d{1,2}(?:st|nd|rd|th)?\b.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|tomorrow|\d{4}-\d{2}-\d{2})")
#: A year written out in the mention ("March 2026", "2025").
YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b")
#: Sentences from the top of an article within which a relative date is read against its dateline.
DATELINE_SENTENCES = 3
#: Granularities too coarse for a difference to be asserted from a resolved value (a bare year is too).
COARSE_GRANULARITY: frozenset[str] = frozenset({"year", "season", "quarter", "week", "decade", "century"})
