"""Every command an officer runs, on the example province, in both languages: pinned as goldens
(`tests/golden/lang/`) and read word by word.

Under vi (the default) the output holds no English word other than ids, option names, file
keys and the `error:`/`warning:` tokens; under en it holds no Vietnamese beyond the names and
texts of the input files.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from golden_support import REPO, Golden, load_yaml_as_text, run_cli

E = "examples/province-2025"
UNIT = f"{E}/forms/department/so-noi-vu.yaml"
TABLES = [
    "--appraisal",
    f"{E}/council/appraisal-2025.csv",
    "--survey",
    f"{E}/survey/survey-2025.csv",
]

# name → arguments; the broken unit of `validate` is written by the `broken` fixture
RUNS: dict[str, list[str]] = {
    "score": ["score", UNIT, *TABLES],
    "rank": [
        "rank",
        f"{E}/forms",
        *TABLES,
        "--previous",
        f"{E}/previous/ranking-2024.csv",
        "--id-map",
        f"{E}/id-map.csv",
    ],
    "claims": ["rank", f"{E}/forms", *TABLES, "--claims"],
    "gaps": ["gaps", f"{E}/forms/commune/xa-tan-lap.yaml", *TABLES],
    "show": ["show", "criteria/department.yaml"],
    "template": ["template", "criteria/commune.yaml", "--unit-id", "x", "--unit-name", "Xã X"],
    "validate": ["validate", "broken.yaml"],
    "help": ["--help"],
    "help-rank": ["rank", "--help"],
    "help-init": ["init", "--help"],
    "usage-error": ["rank", f"{E}/forms", "--format", "xml"],
    "missing-argument": ["score"],
}

# Words of parindex's own English that must not appear in Vietnamese output.
_ENGLISH_TEXT = """
    a above after again all allowed also an and answer answered answers any appraisal appraised
    are as at awaiting band bands be below bonus by cannot change claimed claims council
    criteria criterion default deduction did differ differs directory does each earn empty
    error errors evidence exit expected explanation field fields file final first for form
    found from full given group has have help how in index into is it least left level lost max
    maximum message missing more most must needs new next no none not number of on one only
    option options or out over pass penalty pending per percent point points range rank ranked
    reach read reason required round scale score scored self set show source status sum survey
    than the this to total unit units unknown usage value version warning warnings was where
    which with write wrote yes
"""
# "in" and "an" are Vietnamese words too (in ra, an toàn)
ENGLISH = set(_ENGLISH_TEXT.split()) - {"in", "an"}
# what programs and people type, which stays English in every language: the keys of the file
# formats and the table columns, and the command names
_KEYS_TEXT = """
    value null self_points evidence not_applicable true false reason unit id name group
    framework answers unit_id unit_name old_id new_id
    score gaps rank validate show schema template status init worksheet report survey
"""
KEYS = set(_KEYS_TEXT.split())
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
# Tool tokens and what a person types: option names, error/warning tokens, KEY.PATH of a
# problem line, file names and paths, metavars and choices.
_TOKENS = [
    re.compile(r"--?[a-z][a-z-]*"),
    re.compile(r"^\S+: (?:error|warning): (?:[^\s:]+: )?", re.MULTILINE),
    re.compile(r"^(?:error|warning): ", re.MULTILINE),
    re.compile(r"\S+\.(?:yaml|yml|csv|json|xlsx|docx|html)\b"),
    re.compile(r"\S*/\S*"),
    re.compile(r"\[[a-z|]+\]"),
    re.compile(r"\b[A-Z][A-Z0-9_.]+\b(?:\.\.\.)?"),
]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of a unit with the mistakes officers make: a decimal comma, an unknown option,
    a claim over the maximum, a criterion that does not exist, a missing answer."""
    text = (REPO / UNIT).read_text(encoding="utf-8")
    text = text.replace("value: 98.4", 'value: "98,4"', 1)
    text = text.replace('value: "on_time"', 'value: "kịp thời"', 1)
    text = text.replace(
        '"1.1.3": {value: yes, self_points: 0.5}', '"1.1.3": {value: yes, self_points: 5}'
    )
    text = text.replace('"1.2.2": {value: yes, self_points: 0.5}', '"1.2.9": {value: yes}')
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "criteria", tmp_path / "criteria")
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def _strings(data: Any, *, english_names: bool) -> Iterator[str]:
    """Every text of an input file: values, and option/answer keys (ids); `*_en` names only
    when `english_names`."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.endswith("_en") and not english_names:
                continue
            if not isinstance(value, (dict, list)) and key not in ("kind",):
                yield from _strings(value, english_names=english_names)
            else:
                yield key if isinstance(key, str) else ""
                yield from _strings(value, english_names=english_names)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item, english_names=english_names)
    elif isinstance(data, str):
        yield data


def _input_words(*, english_names: bool) -> set[str]:
    texts: list[str] = []
    for path in [*REPO.glob("criteria/*.yaml"), *(REPO / E).rglob("*.yaml")]:
        texts += _strings(load_yaml_as_text(path), english_names=english_names)
    for path in (REPO / E).rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            for row in list(csv.reader(stream))[1:]:
                texts += row
    return {word.casefold() for text in texts for word in re.findall(r"\w+", text)}


def _without_tokens(text: str) -> str:
    for pattern in _TOKENS:
        text = pattern.sub(" ", text)
    return text


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The words of parindex's English found in `text`, beyond tokens and input texts."""
    # a word cut short with "…" is the start of a longer one (a name), not a word of its own
    words = re.findall(r"(?<![\w'])[A-Za-z]+(?![\w'…])", _without_tokens(text))
    return sorted({w for w in words if w.casefold() in ENGLISH and w.casefold() not in allowed})


def vietnamese_words(text: str, allowed: set[str]) -> list[str]:
    """Words with Vietnamese letters in `text` that no input file holds (a name cut short with
    "…" counts as its whole)."""
    found = set()
    for word in re.findall(r"\w+", _without_tokens(text)):
        folded = word.casefold()
        if not VIETNAMESE_LETTERS.search(word) or folded in allowed:
            continue
        if not any(known.startswith(folded) for known in allowed):
            found.add(word)
    return sorted(found)


def _run(name: str, lang: str) -> str:
    env = {"COLUMNS": "160", "PARINDEX_LANG": None if lang == "vi" else lang}
    result = run_cli(RUNS[name], env=env)
    expected = 1 if name == "validate" else 2 if name in ("usage-error", "missing-argument") else 0
    assert result.exit_code == expected, result.stderr
    return (
        f"$ parindex {' '.join(RUNS[name])}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(RUNS))
def test_each_command_speaks_one_language(
    name: str, lang: str, golden: Golden, request: pytest.FixtureRequest
) -> None:
    if name == "validate":
        request.getfixturevalue("broken")
    text = _run(name, lang)
    golden(f"lang/{name}.{lang}.txt", text)
    body = text.split("\n", 1)[1]  # not the command line itself
    if lang == "vi":
        assert english_words(body, _input_words(english_names=False) | KEYS) == []
    else:
        assert vietnamese_words(body, _input_words(english_names=True)) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("  Tiêu chí  Điểm  Tối đa", []),
        ("  Criterion  Điểm", ["Criterion"]),
        ("x.yaml:3:5: error: answers.value: 'a' không phải là số", []),
        ("dùng --allow-absent hoặc --format csv", []),
        ("Xếp loại: Tốt — points 5", ["points"]),
    ],
)
def test_the_english_word_check_flags_what_it_should(text: str, flagged: list[str]) -> None:
    assert english_words(text, set()) == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Unit Sở Nội vụ, Index 90.00", []),
        ("Band: Xếp loại", ["Xếp", "loại"]),
        ("1.1 Kế hoạch CCHC n…", []),
    ],
)
def test_the_vietnamese_word_check_flags_what_it_should(text: str, flagged: list[str]) -> None:
    allowed = {"sở", "nội", "vụ", "kế", "hoạch", "năm"}
    assert vietnamese_words(text, allowed) == flagged


def test_lang_after_the_command_is_the_same_as_before_it() -> None:
    before = run_cli(["--lang", "en", "score", UNIT], env={"PARINDEX_LANG": None})
    after = run_cli(["score", UNIT, "--lang", "en"], env={"PARINDEX_LANG": None})
    assert before.exit_code == after.exit_code == 0
    assert after.stdout == before.stdout
    assert "Criterion" in after.stdout


def test_help_after_the_command_speaks_the_language_given_after_it_too() -> None:
    result = run_cli(["rank", "--help", "--lang", "en"], env={"PARINDEX_LANG": None})
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: parindex rank")
    assert "Show this message and exit." in result.stdout
    vietnamese = run_cli(["rank", "--help"], env={"PARINDEX_LANG": None})
    assert vietnamese.stdout.startswith("Cách dùng: parindex rank")


def test_explanations_in_files_follow_the_language_and_numbers_keep_the_dot() -> None:
    rows = {}
    for lang in ("vi", "en"):
        result = run_cli(["score", UNIT, "--format", "csv"], env={"PARINDEX_LANG": lang})
        assert result.exit_code == 0
        rows[lang] = next(row for row in csv.DictReader(result.stdout.splitlines()))
    # status codes and numbers are for programs: the same in both languages
    assert {k: v for k, v in rows["vi"].items() if k != "explanation"} == {
        k: v for k, v in rows["en"].items() if k != "explanation"
    }
    assert rows["vi"]["status"] == "scored" and rows["vi"]["points"] == "1.00"
    assert rows["vi"]["explanation"] == "Ban hành kịp thời → 1/1 điểm"
    assert rows["en"]["explanation"] == "Issued on time → 1 of 1"


@pytest.mark.parametrize(("lang", "word"), [("vi", "phiên bản"), ("en", "version")])
def test_version_speaks_the_language(lang: str, word: str) -> None:
    result = run_cli(["--version"], env={"PARINDEX_LANG": lang})
    assert result.exit_code == 0
    assert result.stdout.startswith(f"parindex, {word} ")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_year_s_folder_speaks_one_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `init` writes for people (README.txt, the comments of parindex.toml) and says."""
    roster = tmp_path / "roster.csv"
    shutil.copy(REPO / E / "roster.csv", roster)
    monkeypatch.chdir(tmp_path)
    result = run_cli(
        [
            "init",
            "2026",
            "--year",
            "2026",
            "--roster",
            "roster.csv",
            "--criteria",
            str(REPO / "criteria"),
        ],
        env={"PARINDEX_LANG": lang},
    )
    assert result.exit_code == 0, result.stderr
    readme = (tmp_path / "2026" / "README.txt").read_text(encoding="utf-8-sig")
    settings = (tmp_path / "2026" / "parindex.toml").read_text(encoding="utf-8")
    comments = "\n".join(line.partition("#")[2] for line in settings.splitlines())
    said = "\n".join(
        line.partition(": warning: year: ")[2] or line for line in result.stderr.splitlines()
    )
    # settings keys and their values are typed as they are in every language
    typed = KEYS | {
        "allow_absent",
        "appraisal",
        "survey",
        "responses",
        "replies",
        "id_map",
        "decision",
        "dialect",
        "lang",
        "previous",
        "criteria",
        "units",
        "roster",
        "cd",
        "parindex",
    }
    for text in (readme, comments, said):
        if lang == "vi":
            assert english_words(text, typed) == []
        else:
            assert vietnamese_words(text, {"quyết", "định", "số", "ngày"}) == []
