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


def test_explain_gives_the_value_in_effect_and_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_PORT", "9001")
    monkeypatch.delenv("COPYDESK_HOST", raising=False)
    rows = {s.name: (value, source) for s, value, source in Settings.explain(db="other.db")}
    assert rows["port"] == (9001, "COPYDESK_PORT")
    assert rows["host"] == ("127.0.0.1", "default")
    assert rows["db"] == ("other.db", "option")


@pytest.mark.parametrize("name, raw", [("COPYDESK_PORT", "eighty"), ("COPYDESK_USE_EMBEDDINGS", "perhaps"),
                                       ("COPYDESK_COPY_THRESHOLD", "half")])
def test_a_bad_environment_value_is_a_coded_error(monkeypatch: pytest.MonkeyPatch, name: str, raw: str) -> None:
    from copydesk.errors import CopydeskError

    monkeypatch.setenv(name, raw)
    with pytest.raises(CopydeskError) as e:
        Settings.load()
    assert e.value.code.name == "E902" and name in str(e.value)
