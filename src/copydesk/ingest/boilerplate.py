"""Boilerplate removal as one rule table.

Each rule is a compiled regex plus its scope:

- ``inline``: the match itself is removed wherever it occurs;
- ``line``: a whole line (paragraph) that matches is removed wherever it occurs;
- ``tail``: a whole matching line is removed only near the end of the text;
- ``trailer``: near the end of the text, the matching line and everything after it go.

Raw input is kept in ``Article.raw``, so cleaning can always be audited or redone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from copydesk.ingest.normalize import normalize

Scope = Literal["inline", "line", "tail", "trailer"]

#: The share of the last non-blank lines that counts as "near the end" (at least TAIL_MIN lines).
TAIL_SHARE = 0.3
TAIL_MIN = 3

_I = re.IGNORECASE
_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|print|copy link|messenger|bluesky|threads)"


@dataclass(frozen=True)
class Rule:
    """One named boilerplate pattern and what it removes."""

    name: str
    pattern: re.Pattern[str]
    scope: Scope
    removes: str


RULES: tuple[Rule, ...] = (
    Rule("share_prompt",
         re.compile(rf"^(?:share (?:this|the) (?:article|story|post|page)\b.{{0,80}}"
                    rf"|share (?:on|via|to) {_SOCIAL}\b.{{0,80}}"
                    rf"|share:?\s*{_SOCIAL}(?:\s*[|·•,/]?\s*{_SOCIAL})*"
                    rf"|{_SOCIAL}(?:\s*[|·•,/]\s*{_SOCIAL})+)\s*$", _I),
         "line", "share buttons and prompts"),
    Rule("also_available",
         re.compile(r"^this (?:post|article|story|page) is also available in\b.{0,200}$", _I),
         "line", "translation notices"),
    Rule("image_credit_inline",
         re.compile(r"[ \t]*\((?:image|photo|picture|photograph)s? (?:credit|courtesy)\s*:[^()\n]{1,120}\)", _I),
         "inline", "parenthesized image credits"),
    Rule("image_credit",
         re.compile(r"^(?:(?:image|photo|picture|photograph)s? (?:provided by|courtesy of|credit\b:?|by\b)[^\n]{1,120}"
                    r"|(?:photo|image|photograph|picture)\s*:\s*[^\n]{1,100}/\s*[\w][\w .&'-]{1,40}"
                    r"|\((?:image|photo) credit:[^\n]{1,100}\))$", _I),
         "line", "image credit lines"),
    Rule("newsletter_prompt",
         re.compile(r"^(?:(?:sign up|subscribe|register)\b[^\n]{0,60}\bnewsletters?\b[^\n]{0,160}"
                    r"|get (?:our|the)\b[^\n]{0,40}\bnewsletters?\b[^\n]{0,120})$", _I),
         "line", "newsletter sign-up prompts"),
    Rule("read_more",
         re.compile(r"^(?:read more|read also|also read|more reading|related|see also)\s*:[^\n]{0,200}$", _I),
         "line", "inline 'Read more:' link lines"),
    Rule("related_trailer",
         re.compile(r"^(?:you (?:may|might) also (?:like|be interested in)|related (?:articles|stories|coverage|content)"
                    r"|more (?:from|on) (?:this|the|our)\b[^\n]{0,40}|read more|recommended(?: for you)?|most read"
                    r"|trending(?: now)?)(?:\s*:[^\n]{0,200}|\s*)$", _I),
         "trailer", "'You may also like' and similar link lists at the end"),
    Rule("author_bio",
         re.compile(r"^(?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w'’-]+ is (?:a|an|the) (?:[\w-]+ ){0,4}"
                    r"(?:reporter|correspondent|journalist|writer|editor|columnist|contributor|producer|intern)"
                    r" (?:at|for|with|covering|based|on)\b[^\n]{0,400}$"),
         "tail", "author biographies at the end"),
    Rule("copyright",
         re.compile(r"^(?:©|\(c\)|copyright\b)[^\n]{0,160}$", _I),
         "tail", "copyright lines at the end"),
)


def clean_with_report(text: str, rules: tuple[Rule, ...] = RULES) -> tuple[str, list[str]]:
    """``text`` without boilerplate, and the names of the rules that fired (in table order, once each)."""
    fired: list[str] = []
    for rule in rules:
        if rule.scope == "inline":
            text, n = rule.pattern.subn("", text)
            if n:
                fired.append(rule.name)
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    tail_start = content[max(0, len(content) - max(TAIL_MIN, int(len(content) * TAIL_SHARE)))] if content else 0
    keep = [True] * len(lines)
    cut = len(lines)
    line_rules = [r for r in rules if r.scope != "inline"]
    for i in content:
        if i >= cut:
            break
        line = lines[i].strip()
        for rule in line_rules:
            if rule.scope in ("tail", "trailer") and i < tail_start:
                continue
            if rule.pattern.match(line):
                if rule.scope == "trailer":
                    cut = i
                else:
                    keep[i] = False
                if rule.name not in fired:
                    fired.append(rule.name)
                break
    if not fired:
        return text, fired
    kept = [line for i, line in enumerate(lines[:cut]) if keep[i]]
    order = {r.name: k for k, r in enumerate(rules)}
    fired.sort(key=order.__getitem__)
    return normalize("\n".join(kept)), fired


def clean(text: str) -> str:
    """``text`` without boilerplate (see RULES)."""
    return clean_with_report(text)[0]
