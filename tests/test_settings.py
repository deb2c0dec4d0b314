from __future__ import annotations

from dataclasses import fields

import pytest

from copydesk.settings import SETTINGS, Settings, db_url


def test_every_setting_is_documented_with_its_default() -> None:
    table = {s.name: s for s in SETTINGS}
    names = [f.name for f in fields(Settings)]
    assert sorted(table) == sorted(names)
    for f in fields(Settings):
        assert table[f.name].default == f.default, f.name
        assert len(table[f.name].help) > 10, f"setting {f.name} needs a real help text"


def test_environment_then_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_BATCH_SIZE", "7")
    monkeypatch.setenv("COPYDESK_USE_EMBEDDINGS", "yes")
    s = Settings.load()
    assert s.batch_size == 7 and s.use_embeddings is True
    assert Settings.load(batch_size=9).batch_size == 9


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(KeyError):
        Settings.load(no_such_thing=1)


@pytest.mark.parametrize("given, url", [
    ("copydesk.db", "sqlite:///copydesk.db"),
    ("/tmp/x.db", "sqlite:////tmp/x.db"),
    ("postgresql+psycopg://postgres@127.0.0.1/test", "postgresql+psycopg://postgres@127.0.0.1/test"),
])
def test_db_url(given: str, url: str) -> None:
    assert db_url(given) == url
