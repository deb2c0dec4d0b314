"""Lexicons and regexes for the extractors (data, no logic)."""
