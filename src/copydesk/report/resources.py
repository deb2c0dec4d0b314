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
    "undetermined": "Undetermined: {summary}: {value} ({outlets}); the accounts could not be compared.",
}

STATUS_ORDER: dict[str, int] = {"agreed": 0, "disputed": 1, "single-source": 2, "undetermined": 3}

#: Time granularities the timeline draws.
TIMELINE_GRANULARITIES = frozenset({"year", "month", "day"})

#: Difference types that restate a value rather than contradict it: such mentions side together.
RESTATING = frozenset({"same", "wording", "paraphrase", "verbatim", "rounding", "unit"})
