"""Reading `parindex.toml`: where each key stands (tomllib gives no positions), what the search
finds, and how paths are joined to the file's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from parindex.errors import InputError
from parindex.inputs.settings import find_settings, read_settings
from parindex.inputs.toml_lines import KeyLines

TEXT = '''\
# the year's settings
year = 2026
"units" = ["forms"]
decision = """
lang = "not a key: inside a multi-line string"
"""
  criteria\t= 'criteria'
[previous]
2025 = "a.csv"
'2024' = "b.csv"
[ tables . "x.y" ]
z = 1
[[list]]
k = 1
[[list]]
k = 2
dotted.part = 3
'''


def test_key_lines() -> None:
    lines = KeyLines(TEXT)
    assert lines.lines[("year",)] == 2
    assert lines.lines[("units",)] == 3
    assert lines.lines[("decision",)] == 4
    assert ("lang",) not in lines.lines
    assert lines.lines[("criteria",)] == 7
    assert lines.lines[("previous",)] == 8
    assert lines.lines[("previous", "2025")] == 9
    assert lines.lines[("previous", "2024")] == 10
    assert lines.lines[("tables", "x.y", "z")] == 12
    assert lines.lines[("list", "[2]", "dotted")] == 17  # a dotted key makes its table
    assert lines.repeated == []  # each [[list]] is a table of its own
    assert lines.line_of(("previous", "2023")) == 8  # not there: its table's line
    assert lines.line_of(("nothing",)) == 1


def test_repeated_keys_are_found_with_both_lines() -> None:
    lines = KeyLines('a = 1\n[t]\nb = 2\n"b" = 3\n[u]\nb = 4\n')
    assert lines.repeated == [(("t", "b"), 3, 4)]


def test_find_settings_walks_up(tmp_path: Path) -> None:
    (tmp_path / "parindex.toml").write_text("", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_settings(str(deep)) == str(tmp_path / "parindex.toml")
    (tmp_path / "a" / "parindex.toml").mkdir()  # a folder of that name is no settings file
    assert find_settings(str(deep)) == str(tmp_path / "parindex.toml")


def test_paths_are_joined_to_the_file_folder(tmp_path: Path) -> None:
    year = tmp_path / "2026"
    (year / "forms").mkdir(parents=True)
    (year / "parindex.toml").write_text(
        'units = ["forms", "/abs/path"]\nroster = "roster.csv"\n[previous]\n'
        '2025 = "../2025/r.csv"\n2024 = "../2024/r.csv"\n',
        encoding="utf-8",
    )
    read = read_settings(str(year / "parindex.toml"))
    assert read.values["units"] == (str(year / "forms"), "/abs/path")
    assert read.previous == (
        (2024, str(tmp_path / "2024" / "r.csv")),
        (2025, str(tmp_path / "2025" / "r.csv")),
    )
    missing = {key: [p.render() for p in problems] for key, problems in read.missing.items()}
    assert sorted(missing) == ["previous", "roster", "units"]
    assert missing["previous"][0].endswith(
        ":4: error: previous.2025: '../2025/r.csv' does not exist (paths in parindex.toml are "
        "relative to its folder)"
    )


def test_utf16_is_refused_like_any_file(tmp_path: Path) -> None:
    path = tmp_path / "parindex.toml"
    path.write_bytes("year = 2026\n".encode("utf-16"))
    with pytest.raises(InputError) as caught:
        read_settings(str(path))
    assert "UTF-16" in caught.value.problems[0].message
