"""Shared helpers for turning failures into Rejections."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeAlias, Union

from copydesk.errors import Code, IngestError
from copydesk.ingest.normalize import printable
from copydesk.models import Article, Rejection

Item: TypeAlias = Union[Article, Rejection]


def reject(input: str, err: IngestError) -> Rejection:
    """The Rejection for one bad item; its message is one printable line whatever the input held."""
    return Rejection(input=input, stage="ingest", code=err.code.name, message=printable(err.message))


def unexpected(input: str, exc: BaseException) -> Rejection:
    """A Rejection for a failure no rule foresaw, so that one item never stops the batch."""
    return reject(input, IngestError(Code.E107, detail=f"{type(exc).__name__}: {exc}"[:300]))


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


def nonempty(input: str, items: Iterable[Item], why: Callable[[], str]) -> Iterator[Item]:
    """Yield from ``items``; when there were none, one E116 saying what was read and ``why()`` nothing came of it."""
    found = False
    for item in items:
        found = True
        yield item
    if not found:
        yield reject(input, IngestError(Code.E116, detail=why()))
