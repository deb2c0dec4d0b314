"""Lexicons for claim frames and alignment (data only, no logic): stop words, event synonyms and event nouns,
support and light verbs, place cases, negators, future auxiliaries, category slots, dimensions."""

from __future__ import annotations

import re

STOPWORDS: frozenset[str] = frozenset("""
a an the of to in on at by for from with and or but as is are was were be been being has have had
it its this that these those their there they them he she his her him we our you your i me my
not no nor so than then too very can could would should will shall may might must do does did done
about above after again against all also any because before below between both during each few
further here how into more most other over own same some such through under until up down when where
which while who whom why off out said says say told according just only new one per
mr mrs ms dr reported report reports
""".split())

#: Event verb or noun lemma -> canonical event.
EVENT_SYNONYMS: dict[str, str] = {
    "approve": "approve", "approval": "approve", "authorize": "approve", "authorise": "approve",
    "authorization": "approve", "authorisation": "approve", "greenlight": "approve", "greenlit": "approve",
    "green-light": "approve", "clear": "approve",
    "okay": "approve", "sign": "approve",
    "deliver": "deliver", "delivery": "deliver", "send": "deliver", "supply": "deliver",
    "shipment": "deliver", "ship": "deliver", "transfer": "deliver",
    "arrive": "arrive", "arrival": "arrive", "dock": "arrive",
    "fire": "fire", "blaze": "fire", "erupt": "fire", "outbreak": "fire",
    "strike": "strike", "attack": "strike", "hit": "strike", "bomb": "strike", "shell": "strike",
    "launch": "strike",
    "announce": "announce", "announcement": "announce", "unveil": "announce", "reveal": "announce",
    "confirm": "announce",
    "open": "open", "opening": "open", "reopen": "open", "inaugurate": "open",
    "close": "close", "closure": "close", "shut": "close", "shutdown": "close",
    "meet": "meet", "meeting": "meet", "talk": "meet", "summit": "meet",
    "vote": "vote", "elect": "vote", "election": "vote", "ballot": "vote",
    "die": "die", "death": "die", "kill": "die",
    "begin": "begin", "start": "begin", "commence": "begin",
    "end": "end", "finish": "end", "complete": "end", "conclude": "end",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest",
    "sue": "sue", "lawsuit": "sue",
    "resign": "resign", "resignation": "resign", "quit": "resign",
    "use": "use", "employ": "use", "deploy": "use", "deployment": "use",
    "sell": "sell", "sale": "sell", "buy": "buy", "purchase": "buy",
}

#: Nouns (as lemmas) that name a happening: a date or figure attached to one dates or counts that event
#: ("the attack on Monday"), so it is the frame's predicate rather than the clause's verb. General news
#: vocabulary (ECB+-style event nouns), not fitted to any story.
EVENT_NOUNS: frozenset[str] = frozenset("""
attack strike raid bombing shooting explosion blast fire blaze earthquake quake flood storm hurricane crash
collision accident derailment sinking outbreak eruption killing murder death assassination execution
arrest detention release trial verdict sentence conviction acquittal appeal hearing lawsuit ruling
election vote ballot referendum poll meeting summit talks visit trip speech address conference
announcement launch unveiling opening closure closing shutdown resignation appointment nomination
dismissal firing merger acquisition takeover deal agreement treaty ceasefire truce sale purchase
delivery shipment transfer approval authorization authorisation signing invasion offensive withdrawal use
arrival outbreak talk detention
deployment movement evacuation rescue protest demonstration riot walkout layoff cut rise fall increase
decrease drop hike ban sanction injury wedding birth funeral award ceremony match game final race win
defeat victory loss
""".split())

#: Verbs that only time or frame the happening their subject or complement names ("the approval came on
#: May 2", "deliveries began in March", "the delivery was completed in April", "began delivering"): the
#: happening is the predicate. Aspect (begin, end, complete...), occurrence (happen, take place...) and arrival.
SUPPORT_VERBS: frozenset[str] = frozenset(
    "begin start end finish complete conclude continue resume come arrive happen occur break erupt take".split())

#: Light verbs: with an event noun as object the noun is the happening ("caught fire", "launched an attack",
#: "held talks", "carried out a raid").
LIGHT_VERBS: frozenset[str] = frozenset("catch carry conduct hold launch make mount stage give take".split())

#: Case words that make a dependent the place where something happened ("killed in Aleppo").
LOCATION_CASES: frozenset[str] = frozenset("in at near inside outside across throughout off".split())

#: Entity types (the recognizer's) that can be a place.
PLACE_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})

#: Words that negate the clause they attach to (as ``neg``/``advmod`` of its verb, or ``det`` of an argument).
NEGATORS: frozenset[str] = frozenset("not n't never no neither nor none".split())

#: Auxiliaries of the future (and of the future in reported speech, "said it would"): expected, not done.
FUTURE_AUX: frozenset[str] = frozenset("will shall 'll wo would".split())

#: Categorical slots: head noun -> the category words that fill the slot in front of it.
CATEGORY_SLOTS: dict[str, frozenset[str]] = {
    "missile": frozenset({"cruise", "ballistic", "hypersonic", "anti-ship", "anti-aircraft",
                          "surface-to-air", "air-to-air", "air-to-ground", "intercontinental",
                          "short-range", "long-range", "medium-range", "guided", "unguided"}),
    "rocket": frozenset({"guided", "unguided", "artillery", "multiple-launch"}),
    "drone": frozenset({"surveillance", "attack", "kamikaze", "reconnaissance", "naval", "aerial"}),
    "vehicle": frozenset({"electric", "hybrid", "diesel", "petrol", "gasoline", "armored", "armoured"}),
    "strike": frozenset({"drone", "missile", "air", "artillery"}),
    "attack": frozenset({"drone", "missile", "cyber", "terrorist", "chemical"}),
    "engine": frozenset({"diesel", "petrol", "electric", "jet", "turboprop"}),
    "ship": frozenset({"cargo", "container", "passenger", "fishing", "naval", "cruise"}),
}

#: Normalized unit -> dimension; a count has no unit.
DIMENSIONS: dict[str | None, str] = {
    "m": "length", "kg": "mass", "s": "duration", "USD": "money", "EUR": "money", "GBP": "money",
    "%": "percent", "m2": "area", "m3": "volume", "l": "volume", "K": "temperature",
    "m/s": "speed", "W": "power", "J": "energy", None: "count",
}

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
