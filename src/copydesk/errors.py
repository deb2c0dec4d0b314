"""Coded errors, all in one place so that messages are testable and searchable.

E1xx ingest, E2xx extract, E3xx stories, E4xx align/verify, E5xx report,
E6xx store, E7xx web, E9xx usage.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """Every stable error code with its message template."""

    # ingest
    E101 = "invalid JSON: {detail}"
    E102 = "empty text: the item has no article text after cleaning"
    E103 = "binary content: the input is not text ({detail})"
    E104 = "unparseable date: {detail!r}"
    E105 = "too large: {size} bytes is over the limit of {limit} bytes"
    E106 = "not a feed: {detail}"
    E107 = "unreadable input: {detail}"
    E108 = "unsupported input format: {detail}"
    E109 = "missing field: {detail}"
    E110 = "bad WARC record: {detail}"
    E111 = "bad sidecar metadata: {detail}"
    E112 = "no article text found in the HTML page"
    E113 = "wrong type: {detail}"
    E114 = "invalid text: {detail}"
    E115 = "not a news article: {detail}"
    E116 = "nothing to ingest: {detail}"
    E120 = "fetch failed: {detail}"
    E121 = "disallowed by robots.txt: {detail}"
    # extract
    E201 = "extraction failed: {detail}"
    E202 = "no English pipeline: {detail}"
    E230 = "quantity extraction needs text (a str), got {detail}"
    # stories
    E301 = "story assignment failed: {detail}"
    # align / verify
    E401 = "verification failed: {detail}"
    E402 = "no such entity cluster: {detail}"
    E403 = "no claim frame: {detail}"
    # report
    E501 = "citation does not match its article: {detail}"
    E502 = "report does not match its schema: {detail}"
    # store
    E601 = "database error: {detail}"
    E602 = "database schema is newer than this copydesk: {detail}"
    E603 = "no such article: {detail}"
    E604 = "no such story: {detail}"
    E605 = "not storable: {detail}"
    E606 = "ambiguous article id: {detail}"
    E607 = "no such database: {detail}"
    # web
    E701 = "not found: {detail}"
    E702 = "bad request: {detail}"
    E703 = "ingest job failed: {detail}"
    E704 = "no such ingest job: {detail}"
    E705 = "not this server: {detail}"
    E706 = "cross-site request refused: {detail}"
    # usage
    E901 = "nothing to do: {detail}"
    E902 = "bad setting: {detail}"
    E903 = "optional dependency missing: {detail}"
    E904 = "bad feed list: {detail}"

    def format(self, **kw: object) -> str:  # type: ignore[override]  # the message template, filled
        try:
            return self.value.format(**kw)
        except (KeyError, IndexError):
            return self.value

    @property
    def stage(self) -> str:
        return {
            "1": "ingest", "2": "extract", "3": "stories", "4": "verify",
            "5": "report", "6": "store", "7": "web", "9": "usage",
        }[self.name[1]]


class CopydeskError(Exception):
    """A domain error with a stable code. The CLI and web app turn it into output."""

    def __init__(self, code: Code, **kw: object) -> None:
        self.code = code
        self.detail = kw
        super().__init__(f"[{code.name}] {code.format(**kw)}")

    @property
    def message(self) -> str:
        return self.code.format(**self.detail)


class IngestError(CopydeskError):
    """One input item is bad; it becomes a Rejection and the batch goes on."""


class StoreError(CopydeskError):
    pass


class UsageError(CopydeskError):
    pass
