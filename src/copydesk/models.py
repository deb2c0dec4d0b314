"""The data model: frozen records shared by every stage.

Every annotation is a character span (``start``, ``end``) into ``Article.text``,
the clean text. Nothing here stores a copy of annotated text: a mention's words
are always ``article.text[mention.start:mention.end]``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any, Literal, Mapping, Union

MentionKind = Literal["quantity", "time", "quote", "entity"]
ClaimKind = Literal["quantity", "date", "quote", "statement"]
ClaimStatus = Literal["agreed", "disputed", "single-source", "undetermined"]
DifferenceType = Literal[
    "same", "rounding", "unit", "bound", "conflict", "time", "scope",
    "wording", "polarity", "category", "verbatim", "truncated", "drift",
    "speaker", "paraphrase", "update", "undetermined", "frame",
]


def content_id(*parts: str, size: int = 16) -> str:
    """A stable id: the hex digest of the parts joined by newlines."""
    h = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return h[:size]


def parse_published(value: str | None) -> date | None:
    """The calendar date of an ISO 8601 publication stamp, or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return date.fromisoformat(value[:10])


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into one text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Source:
    """An outlet. ``family`` groups outlets owned together or sharing one wire."""

    id: str
    name: str
    domain: str | None = None
    family: str | None = None
    kind: str | None = None  # "outlet" | "wire" | "agency" | "blog" ...


@dataclass(frozen=True)
class Article:
    """One article as copydesk keeps it.

    ``text`` is the clean text that every offset indexes; ``raw`` is the input as
    received (HTML, feed entry, JSON line) so that cleaning can be audited and redone.
    ``id`` is a hash of source and clean text: the same article seen at two URLs
    is one article with two observations.
    """

    id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given
    fetched: str | None = None
    language: str | None = None
    byline: str | None = None
    raw: str | None = None
    raw_format: str | None = None  # "txt" | "jsonl" | "html" | "rss" | "atom" | "warc"
    input: str | None = None  # where it came from: path, path:line, path#entry
    meta: Mapping[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(source: str, text: str) -> str:
        return content_id(source.strip().lower(), text)

    @property
    def published_date(self) -> date | None:
        return parse_published(self.published)

    @property
    def given_id(self) -> str | None:
        """The caller's own id for this article (the input's ``id`` field), as text; None when absent."""
        value = self.meta.get("given_id")
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["meta"] = dict(self.meta)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Article":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, as written and normalized to a base unit.

    ``amount`` is the point value (the midpoint is not invented: a range has
    ``amount=None`` and ``low``/``high``). ``qualifier`` keeps "nearly", "over",
    "up to", "at least", "about"... normalized to a small vocabulary:
    approx | lt | le | gt | ge | range | exact (None = exact).
    """

    amount: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # as written, canonical name: "km", "mile", "USD", "%"
    qualifier: str | None = None
    normalized_amount: float | None = None
    normalized_low: float | None = None
    normalized_high: float | None = None
    normalized_unit: str | None = None  # base unit: "m", "kg", "s", "USD", "%", None for counts
    counted: str | None = None  # what is counted or measured: "troops", "range"
    counted_span: Span | None = None
    per: str | None = None  # rate: "$1.5 million each" -> per="each"


@dataclass(frozen=True)
class Time:
    """A TIMEX3-style normalized time expression."""

    timex: str  # "2024-03-12", "2024-03", "2024-W12", "2024-SU", "P2Y", "PAST_REF"
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    mod: str | None = None  # START | MID | END | APPROX | BEFORE | AFTER | ...
    granularity: str | None = None  # year | season | quarter | month | week | day | time | None


@dataclass(frozen=True)
class Quote:
    """Direct or indirect speech with its parts as spans into the article text."""

    speaker: str | None  # resolved name, or the description for anonymous sources
    speaker_span: Span | None
    cue_span: Span | None
    content_span: Span | None
    direct: bool
    channel: str | None = None  # "on Telegram", "in a press conference"
    anonymous: bool = False
    hedged: bool = False
    #: what the cue says of the speech act: "affirmed", "negated" ("did not say"),
    #: "refused" ("declined to comment"), "denied" ("denied that ...")
    polarity: str = "affirmed"
    #: None for a speech act done; "expected" ("is expected to announce"), "possible" ("could say"),
    #: "reported" ("reportedly told")
    modality: str | None = None


@dataclass(frozen=True)
class Entity:
    type: str  # PERSON | ORG | GPE | NORP | PRODUCT | EVENT | ...
    canonical: str


MentionValue = Union[Quantity, Time, Quote, Entity, None]


@dataclass(frozen=True)
class Mention:
    """A typed span of an article. ``value`` depends on ``kind``."""

    kind: MentionKind
    start: int
    end: int
    value: MentionValue = None
    article_id: str = ""
    sentence: int | None = None

    @property
    def id(self) -> str:
        return f"{self.article_id}:{self.kind}:{self.start}:{self.end}"

    def text_in(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True)
class CopyLink:
    """Article ``b`` shares text with article ``a`` (exact, syndicated or rewrite)."""

    a: str
    b: str
    similarity: float
    kind: Literal["exact", "syndicated", "rewrite"]
    passages: tuple[tuple[Span, Span], ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    storyline_id: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class Difference:
    """How two mentions of one claim differ. ``a``/``b`` index ``Claim.mentions``."""

    a: int
    b: int
    type: DifferenceType
    note: str = ""


@dataclass(frozen=True)
class Claim:
    """One fact as stated across a story's articles."""

    id: str
    story_id: str
    kind: ClaimKind
    key: str  # what is stated: "ATACMS range", "secret approval"
    mentions: tuple[Mention, ...]
    differences: tuple[Difference, ...] = ()
    status: ClaimStatus = "undetermined"
    independent_sources: int = 0
    value: str | None = None  # the value believed, where truth discovery picked one
    confidence: float | None = None
    speaker: str | None = None  # for quote claims
    frames: tuple[Any, ...] = ()  # one ``align.frames.Frame`` per mention, in order, where alignment read them
    near_miss: float | None = None  # one article's claim: the best score another article's mention reached, short of the threshold


@dataclass(frozen=True)
class Dependence:
    """How strongly two articles depend on each other, with the evidence."""

    a: str
    b: str
    score: float  # 0..1
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """A bad input item: named, coded, explained. The batch goes on without it."""

    input: str
    stage: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"input": self.input, "code": self.code, "message": self.message, "stage": self.stage}
