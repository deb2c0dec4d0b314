"""Test databases: a throwaway PostgreSQL schema when the test server answers."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest

PG_BASE = os.environ.get("COPYDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pg_unreachable() -> str | None:
    """Why the test PostgreSQL server cannot be used, or None when it answers."""
    try:
        import psycopg

        with psycopg.connect(PG_BASE.replace("+psycopg", ""), connect_timeout=3):
            return None
    except Exception as e:  # any failure means: skip, and say why
        return f"PostgreSQL at {PG_BASE} is not reachable ({e.__class__.__name__}: {e})"


@contextmanager
def pg_schema() -> Iterator[str]:
    """A database URL on a throwaway PostgreSQL schema (skips when no server answers)."""
    why = pg_unreachable()
    if why:
        pytest.skip(why)
    import psycopg

    schema = f"copydesk_test_{uuid.uuid4().hex[:10]}"
    raw = PG_BASE.replace("+psycopg", "")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
