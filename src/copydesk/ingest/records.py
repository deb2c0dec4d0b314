"""Shared helpers for turning failures into Rejections."""

from __future__ import annotations

from typing import Callable, Iterator, TypeAlias, Union

from copydesk.errors import Code, IngestError
from copydesk.models import Article, Rejection

Item: TypeAlias = Union[Article, Rejection]


def reject(input: str, err: IngestError) -> Rejection:
    """The Rejection for one bad item."""
    return Rejection(input=input, stage="ingest", code=err.code.name, message=err.message)


def unexpected(input: str, exc: BaseException) -> Rejection:
    """A Rejection for a failure no rule foresaw, so that one item never stops the batch."""
    return Rejection(input=input, stage="ingest", code=Code.E107.name,
                     message=Code.E107.format(detail=f"{type(exc).__name__}: {exc}"[:300]))


def guarded(input: str, make: Callable[[], Article]) -> Item:
    """``make()``, or the Rejection explaining why it failed."""
    try:
        return make()
    except IngestError as err:
        return reject(input, err)
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, AttributeError, LookupError) as exc:
        return unexpected(input, exc)


def safely(input: str, items: Iterator[Item]) -> Iterator[Item]:
    """Yield from ``items``; a failure part-way becomes one last Rejection instead of an exception."""
    try:
        yield from items
    except IngestError as err:
        yield reject(input, err)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the batch
        yield unexpected(input, exc)
