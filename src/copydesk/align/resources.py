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

#: Event verb or noun lemma (after suffix stripping) -> canonical event.
EVENT_SYNONYMS: dict[str, str] = {
    "approv": "approve", "approval": "approve", "authoriz": "approve", "authoris": "approve",
    "authorization": "approve", "greenlight": "approve", "green-light": "approve",
    "clear": "approve", "greenlit": "approve", "okay": "approve", "okayed": "approve", "sign": "approve", "sign-off": "approve",
    "deliver": "deliver", "delivery": "deliver", "deliveri": "deliver", "send": "deliver",
    "sent": "deliver", "suppli": "deliver", "supply": "deliver",
    "shipment": "deliver", "shipped": "deliver", "transfer": "deliver",
    "arriv": "arrive", "arrival": "arrive", "dock": "arrive",
    "fire": "fire", "blaze": "fire", "erupt": "fire", "outbreak": "fire", "fired": "strike",
    "strike": "strike", "struck": "strike", "attack": "strike", "hit": "strike", "bomb": "strike",
    "shell": "strike", "launch": "strike",
    "announc": "announce", "announcement": "announce", "unveil": "announce", "reveal": "announce",
    "confirm": "announce",
    "open": "open", "opening": "open", "reopen": "open", "inaugurat": "open",
    "close": "close", "closur": "close", "shut": "close", "shutdown": "close",
    "meet": "meet", "met": "meet", "meeting": "meet", "talk": "meet", "summit": "meet",
    "vote": "vote", "elect": "vote", "election": "vote", "ballot": "vote",
    "die": "die", "died": "die", "death": "die", "kill": "die", "killed": "die",
    "begin": "begin", "began": "begin", "start": "begin", "launched": "begin", "commenc": "begin",
    "end": "end", "ended": "end", "finish": "end", "complet": "end", "conclud": "end",
    "arrest": "arrest", "detain": "arrest", "detention": "arrest",
    "sue": "sue", "lawsuit": "sue", "fil": "sue",
    "resign": "resign", "resignation": "resign", "quit": "resign", "step": "resign",
    "use": "use", "used": "use", "employ": "use", "deploy": "use", "deployment": "use",
    "sell": "sell", "sold": "sell", "sale": "sell", "buy": "buy", "bought": "buy", "purchas": "buy",
}

#: Event pairs that can date one happening: "the first delivery arriving in April".
COMPATIBLE_EVENTS: frozenset[frozenset[str]] = frozenset({frozenset({"deliver", "arrive"})})

#: Nouns (as lemmas) that name what an event acts on, by event class: an aid package is a transfer.
OBJECT_CLASSES: dict[str, str] = {
    "packag": "deliver", "aid": "deliver", "weapon": "deliver", "shipment": "deliver",
    "permission": "use", "strik": "strike", "attack": "strike",
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

#: Irregular forms the suffix stripper cannot reach.
IRREGULAR: dict[str, str] = {
    "sent": "send", "struck": "strike", "met": "meet", "began": "begin", "begun": "begin",
    "sold": "sell", "bought": "buy", "made": "make", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "went": "go", "gone": "go", "said": "say", "told": "tell",
    "held": "hold", "left": "leave", "won": "win", "lost": "lose", "fell": "fall", "rose": "rise",
    "risen": "rise", "brought": "bring", "built": "build", "hit": "hit", "shut": "shut",
    "children": "child", "men": "man", "women": "woman", "people": "people",
}

#: Past-tense forms that do not end in -ed.
PAST_FORMS: frozenset[str] = frozenset({
    "sent", "struck", "hit", "met", "began", "sold", "bought", "shut", "greenlit", "won", "lost",
    "fell", "rose", "took", "gave", "made", "held", "brought", "built", "quit", "began", "fought",
})

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
