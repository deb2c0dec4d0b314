"""Where uploaded files land: safe, short, distinct paths inside the upload folder, whatever the names."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from copydesk.web.uploads import MAX_DEPTH, MAX_PART_CHARS, relative_paths

_PART = re.compile(r"^(copy \d+|[A-Za-z0-9_-][A-Za-z0-9._-]*)$")
names = st.lists(st.one_of(st.text(max_size=400), st.sampled_from(["x.txt", "a/x.txt", "../x.txt", "/etc/passwd",
                                                                   "C:\\x.txt", "..", ".hidden", "copy 2/x.txt"])),
                 max_size=12)


@given(names)
def test_every_upload_gets_its_own_safe_path(filenames: list[str]) -> None:
    paths = relative_paths(filenames)
    assert len(paths) == len(filenames) and len(set(paths)) == len(paths), "no upload overwrites another"
    for p in paths:
        parts = p.split("/")
        assert all(_PART.match(part) and len(part) <= MAX_PART_CHARS for part in parts), p
        assert len(parts) <= MAX_DEPTH + 1 and len(p.encode()) < 4096


def test_a_long_name_keeps_its_suffix_and_sidecars_pair_by_copy() -> None:
    long_txt, long_json = "n" * 300 + ".txt", "n" * 300 + ".json"
    first, second = relative_paths([long_txt, long_json])
    assert first.endswith(".txt") and second.endswith(".json") and first[:-4] == second[:-5]
    assert relative_paths(["x.txt", "x.txt", "x.json", "x.json"]) == ["x.txt", "copy 2/x.txt", "x.json", "copy 2/x.json"]
