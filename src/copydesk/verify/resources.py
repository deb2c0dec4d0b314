"""Lexicons for verification: negation cues, scope modifiers, upstream attributions."""

from __future__ import annotations

import re

NEGATION: frozenset[str] = frozenset({
    "not", "no", "never", "none", "nor", "neither", "denied", "denies", "deny", "denying",
    "didn't", "don't", "doesn't", "wasn't", "weren't", "isn't", "aren't", "won't", "hasn't",
    "haven't", "hadn't", "cannot", "can't", "refused", "rejected", "without", "false", "untrue",
})

#: Words in a figure's noun phrase that pick out a version, variant or subset.
SCOPE_WORDS: frozenset[str] = frozenset({
    "mid-range", "medium-range", "long-range", "short-range", "extended-range", "extended",
    "variant", "version", "model", "older", "newer", "earlier", "latest", "original", "upgraded",
    "basic", "standard", "export", "domestic", "foreign", "initial", "total", "additional",
    "annual", "monthly", "daily", "weekly", "quarterly",
    "civilian", "military", "confirmed", "estimated", "projected", "planned",
})

#: Category words that exclude one another (a missile is not both cruise and ballistic).
EXCLUSIVE_CATEGORIES: tuple[frozenset[str], ...] = (
    frozenset({"cruise", "ballistic", "hypersonic"}),
    frozenset({"short-range", "medium-range", "long-range", "intercontinental"}),
    frozenset({"guided", "unguided"}),
    frozenset({"electric", "hybrid", "diesel", "petrol", "gasoline"}),
    frozenset({"cargo", "container", "passenger", "fishing", "naval", "cruise"}),
)

#: Named upstream outlets and agencies that articles cite.
UPSTREAM_NAMES: tuple[str, ...] = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "dpa",
    "Wall Street Journal", "WSJ", "New York Times", "Washington Post", "Financial Times",
    "BBC", "CNN", "Politico", "Axios", "The Guardian", "Guardian", "Le Monde", "Der Spiegel",
    "Interfax", "TASS", "RIA Novosti", "Ukrinform", "Kyiv Independent", "Al Jazeera",
    "NBC News", "CBS News", "ABC News", "Fox News", "Kyodo", "Xinhua", "Yonhap", "ANSA", "EFE",
)

_NAMES = "|".join(sorted((re.escape(n) for n in UPSTREAM_NAMES), key=len, reverse=True))

#: Patterns whose group ``up`` names the upstream report an article relies on.
_ANONYMOUS = (r"(?:[Aa] |[Aa]n |two |three |several )?(?:senior )?(?:U\.S\.|US|American|Western|European|"
              r"Ukrainian|Russian|Israeli|British|German|French) (?:official|officials|diplomat|diplomats|"
              r"source|sources)")

UPSTREAM_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\baccording to (?:an? |the )?(?P<up>" + _NAMES + r")\b"),
    re.compile(r"\b(?:the )?(?P<up>" + _NAMES + r") (?:first )?(?:reported|said|wrote|revealed|cited|learned|"
               r"disclosed|broke the news|quoted)\b"),
    re.compile(r"\b(?:told|telling|speaking to|in an interview with|quoted by|cited by|reported by) "
               r"(?:the )?(?P<up>" + _NAMES + r")\b"),
    re.compile(r"\b(?:a|an|the) (?P<up>" + _NAMES + r") (?:report|story|investigation|article)\b"),
    re.compile(r"\b(?P<up>" + _ANONYMOUS + r") (?:told|said|confirmed|revealed|disclosed)\b"),
    re.compile(r"\b(?:[Aa]ccording to|confirmed by|cited by|quoting) (?P<up>" + _ANONYMOUS + r")\b"),
)


#: Publications further apart than this make two relative dates ("Wednesday", "today") likely different occurrences.
RELATIVE_DATE_WINDOW_DAYS = 21
#: A date written relative to its article's publication, with no calendar words of its own.
DEICTIC_DATE = re.compile(
    r"(?i)(?:on |last |this |next |earlier |later )?(?:today|tonight|yesterday|tomorrow|now|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:morning|afternoon|evening|night))?|"
    r"(?:earlier |later |last |this |next )?(?:week|weekend|month))")
