"""Lexicons for claim alignment: stop words, event synonyms, category slots."""

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
delivery shipment transfer approval authorization authorisation signing invasion offensive withdrawal
deployment evacuation rescue protest demonstration riot walkout layoff cut rise fall increase
decrease drop hike ban sanction injury wedding birth funeral award ceremony match game final race win
defeat victory loss
""".split())

#: Case words that make a dependent the place where something happened ("killed in Aleppo").
LOCATION_CASES: frozenset[str] = frozenset("in at near inside outside across throughout off".split())

#: Entity types (the recognizer's) that can be a place.
PLACE_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})

#: Words that negate the clause they attach to (as ``neg``/``advmod`` of its verb, or ``det`` of an argument).
NEGATORS: frozenset[str] = frozenset("not n't never no neither nor none".split())

#: Auxiliaries of the future (and of the future in reported speech, "said it would"): expected, not done.
FUTURE_AUX: frozenset[str] = frozenset("will shall 'll wo would".split())

#: Event pairs that can date one happening (written for the seed story; issue 10 replaces them with the scored mechanism).
COMPATIBLE_EVENTS: frozenset[frozenset[str]] = frozenset({frozenset({"deliver", "arrive"})})

#: Nouns (as lemmas) that name what an event acts on, by event class: an aid package is a transfer.
OBJECT_CLASSES: dict[str, str] = {
    "package": "deliver", "aid": "deliver", "weapon": "deliver", "shipment": "deliver",
    "permission": "use", "strike": "strike", "attack": "strike",
}

#: Words that restrict a sentence to one variant of the thing it is about ("mid-range ATACMS"):
#: a date stated for a variant is not the date of the main item.
VARIANT_WORDS: frozenset[str] = frozenset({
    "mid-range", "medium-range", "short-range", "intermediate-range", "older", "earlier-model", "prototype",
})

#: Counted nouns that name the same thing: "300-metre vessel" and "980-foot ship" measure one hull.
HEAD_SYNONYMS: dict[str, str] = {
    "vessel": "ship", "boat": "ship", "freighter": "ship", "tanker": "ship", "carrier": "ship",
    "soldier": "troop", "servicemen": "troop", "personnel": "troop",
}


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
