"""Verification: typed differences, dependence, independent counts, truth discovery."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from copydesk.models import Article, Claim, CopyLink, Dependence, Mention, Story


@dataclass(frozen=True)
class Verification:
    claims: tuple[Claim, ...] = ()
    dependences: tuple[Dependence, ...] = ()
    groups: tuple[tuple[str, ...], ...] = field(default=())  # mutually dependent articles


def verify(story: Story, articles: Mapping[str, Article], mentions: Mapping[str, Sequence[Mention]],
           claims: Sequence[Claim], copies: Sequence[CopyLink] = ()) -> Verification:
    """Placeholder: claims come back unchanged, no dependences."""
    return Verification(claims=tuple(claims))
