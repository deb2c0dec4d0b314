"""Alignment: mentions from different articles that state one fact become a Claim."""

from __future__ import annotations

from copydesk.align.claims import align

__all__ = ["align"]
