"""Brief templates and report thresholds, apart from the logic that fills them."""

from __future__ import annotations

#: Dependence score at or above which two articles count as one origin.
DEPENDENT_SCORE = 0.5
#: Longest excerpt of an article's own words quoted in a brief sentence.
EXCERPT_CHARS = 140

BRIEF_TEMPLATES: dict[str, str] = {
    "agreed": "Established: {summary}: {value}. Reported by {outlets} ({n_independent} independent {sources}).",
    "disputed": "Disputed: {summary}. {sides}.",
    "disputed_side": "{outlets} {verb} {value}",
    "disputed_types": " The accounts differ by {types}.",
    "single-source": "Rests on one source: {summary}: {value}, reported only by {outlets}.",
    "one-origin": "Rests on one origin: {summary}: {value}, carried by {outlets}, which depend on one another.",
    "one-origin-chain": "Rests on one origin: {summary}: {value}; {chain}.",
    "undetermined": "Undetermined: {summary}: {value} ({outlets}); the accounts could not be compared.",
    "certainty": " How sure: {level}, {reason}.",
}

#: Why copydesk is as sure as it says, per brief tier and level.
CERTAINTY_REASONS: dict[str, str] = {
    "dispute-typed": "both sides were read as typed values from independent outlets and conflict",
    "dispute-loose": "independent outlets differ ({types}), which may be a matter of reading",
    "dispute-words": "the sides differ in words, not in typed figures or dates",
    "dispute-bare": "a figure on one side says neither what it counts nor its unit, so it may be another fact",
    "copied": "the outlets share copied passages",
    "linked": "the outlets are linked ({evidence})",
    "one-outlet": "no other outlet was found stating it, though one may in other words",
    "established": "{n} independent origins state it",
}

#: The overview that leads the brief.
OVERVIEW_TEMPLATES: dict[str, str] = {
    "counts": "{articles} {article_word} from {outlets} {outlet_word}, {origins} independent {origin_word}",
    "chains": " ({chains})",
    "disputed": " Disputed between independent outlets: {claims}.",
    "no_dispute": " No dispute between independent outlets was found.",
    "tiers": " {one_origin} central {fact_word} {rest_verb} on one origin; {established} {est_verb} established"
             " by at least two independent origins.",
    "omitted": " {omitted} more {claim_word} {are} in the claim matrix.",
}

#: What a claim of each kind is, in the overview's list of disputes.
KIND_WORDS: dict[str, str] = {"quantity": "figure", "date": "date", "quote": "quote", "statement": "statement"}

#: Certainty levels, surest first.
LEVELS: tuple[str, ...] = ("high", "medium", "low")
#: Longest claim summary the overview's list of disputes quotes.
OVERVIEW_SUMMARY_CHARS = 60

#: Brief tiers in reading order: disputes between independent outlets, central facts on one
#: origin, facts established by at least two independent origins.
TIERS: tuple[str, ...] = ("dispute", "one-origin", "established")
#: A claim carried by one outlet is central only when that outlet states it in its first sentence(s)
#: and it shares a word with the story's titles.
LEAD_SENTENCES = 1
#: Weights of the centrality of a claim: share of the story's articles carrying it, how near
#: the top of its article it is stated, and whether its words appear in the story's titles.
CENTRALITY_WEIGHTS = {"coverage": 0.5, "lead": 0.3, "title": 0.2}
#: Sentences over which the lead weight falls from 1 to 0.
LEAD_DECAY_SENTENCES = 5
#: Shortest word of a summary compared with the titles (skips "the", "of", "said").
TITLE_WORD_CHARS = 4
#: Dependence at or above which outlets count as sharing copied text (a "high" one-origin).
COPIED_SCORE = 0.9
#: Copy kinds and the verb of a copy chain ("B and C reprint A").
COPY_VERBS: dict[str, tuple[str, str]] = {"exact": ("reprints", "reprint"), "syndicated": ("reprints", "reprint"),
                                          "rewrite": ("rewrites", "rewrite")}

#: Time granularities the timeline draws.
TIMELINE_GRANULARITIES = frozenset({"year", "month", "day"})

#: Difference types that restate a value rather than contradict it: such mentions side together.
RESTATING = frozenset({"same", "wording", "paraphrase", "verbatim", "rounding", "unit"})
