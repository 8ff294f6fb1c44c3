"""The year's settings, `parindex.toml`: found beside the run or above it (or --config), its
values the defaults that options replace, paths relative to its folder, one note naming the
file, and every problem in it located at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from parindex.cli import main

from province_support import run, write_csv

EXAMPLE = Path(__file__).parents[2] / "examples" / "province-2025"
CRITERIA = Path(__file__).parents[2] / "criteria"

SETTINGS = """\
year = 2025
criteria = "criteria"
units = ["units"]
"""


def settings(province: Path, text: str = SETTINGS, name: str = "parindex.toml") -> Path:
    path = province / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_in(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def write_survey(province: Path, name: str, value: str) -> Path:
    return write_csv(
        province / name, [("unit_id", "criterion", "value"), ("d-alpha", "2.2", value)]
    )


# --- defaults from the file -------------------------------------------------------------------


def test_rank_takes_its_paths_from_the_settings(province: Path) -> None:
    settings(province)
    given = run("rank", "units", "--format", "csv", "--no-config")
    found = run("rank", "--format", "csv")
    assert found.exit_code == 0
    assert found.stdout == given.stdout
    assert found.stderr.splitlines()[0] == "note: settings from parindex.toml"
    assert given.stderr.count("note:") == 0
    assert found.stderr.splitlines()[1:] == given.stderr.splitlines()


def test_settings_are_found_in_a_parent_folder_with_paths_relative_to_it(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(province)
    expected = run("rank", "units", "--format", "csv").stdout
    monkeypatch.chdir(province / "units")
    result = run("rank", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == expected
    assert result.stderr.splitlines()[0] == "note: settings from ../parindex.toml"


def test_config_names_another_file(
    province: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    settings(elsewhere, 'units = ["' + str(province / "units") + '"]\ncriteria = "c"\n')
    shutil.copytree(province / "criteria", elsewhere / "c")
    result = run("rank", "--config", str(elsewhere / "parindex.toml"), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("rank", "units", "--format", "csv", "--no-config").stdout
    assert result.stderr.splitlines()[0] == f"note: settings from {elsewhere / 'parindex.toml'}"


def test_no_config_ignores_the_file(province: Path) -> None:
    settings(province)
    result = run("rank", "--no-config")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing argument 'PATH...'" in result.stderr
    assert "note:" not in result.stderr


def test_config_and_no_config_together_are_a_usage_error(province: Path) -> None:
    settings(province)
    result = run("rank", "--config", "parindex.toml", "--no-config")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--config and --no-config: give one" in result.stderr


def test_config_that_does_not_exist(province: Path) -> None:
    result = run("--config", "nowhere.toml", "rank", "units")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "nowhere.toml: error: no such file\n"


def test_an_option_replaces_the_setting_and_a_list_is_replaced_whole(province: Path) -> None:
    write_survey(province, "a.csv", "2")
    write_survey(province, "b.csv", "5")
    settings(province, SETTINGS + 'survey = ["a.csv"]\n')

    def points(*args: str) -> str:
        result = run("rank", "--format", "csv", *args)
        assert result.exit_code == 0, result.stderr
        return next(line for line in result.stdout.splitlines() if ",d-alpha," in line)

    from_file = points()
    replaced = points("--survey", "b.csv")
    assert from_file == points("units", "--survey", "a.csv", "--no-config")
    assert replaced == points("units", "--survey", "b.csv", "--no-config")  # a.csv not read too
    assert replaced != from_file


def test_paths_given_replace_units(province: Path) -> None:
    settings(province, SETTINGS.replace('["units"]', '["nowhere"]'))
    result = run("rank", "units", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("rank", "units", "--format", "csv", "--no-config").stdout


def test_dialect_and_decision_from_the_settings(province: Path) -> None:
    settings(province, SETTINGS + 'dialect = "excel-vi"\n')
    result = run("rank", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("framework;group;rank;")
    assert run("rank", "--format", "csv", "--dialect", "standard").stdout.startswith(
        "framework,group,rank,"
    )


def test_lang_from_the_settings_before_anything_is_said(province: Path) -> None:
    settings(province, SETTINGS + 'lang = "en"\n')
    plain = {"COLUMNS": "120", "NO_COLOR": "1"}
    result = run_in(plain, "rank", "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "note: settings from parindex.toml"
    helped = run_in(plain, "rank", "--help")
    assert helped.exit_code == 0
    assert helped.stdout.startswith("Usage: main rank [OPTIONS] PATH...")
    # --lang on the command line, and PARINDEX_LANG, come before the settings
    assert run_in(plain, "--lang", "vi", "rank", "--help").stdout.startswith("Cách dùng:")
    vi = run_in({**plain, "PARINDEX_LANG": "vi"}, "rank", "--format", "csv")
    assert vi.stderr.splitlines()[0] == "note: dùng thiết lập trong parindex.toml"


def test_a_bom_and_tabs_read_like_any_file(province: Path) -> None:
    (province / "parindex.toml").write_bytes(
        b'\xef\xbb\xbfyear =\t2025\r\nunits\t= [\t"units" ]\r\ncriteria = "criteria"\r\n'
    )
    result = run("rank", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("rank", "units", "--format", "csv", "--no-config").stdout


def test_help_works_beside_a_broken_file(province: Path) -> None:
    settings(province, "units = [\n")
    assert run("rank", "--help").exit_code == 0
    result = run("rank")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("parindex.toml:1: error: not valid TOML: ")


def test_schema_and_show_read_the_file_too(province: Path) -> None:
    settings(province, "lang = 'en'\nyear = 'x'\n")
    result = run("schema", "framework")
    assert result.exit_code == 1
    assert result.stderr.startswith('parindex.toml:2: error: year: "x" is not a year')


# --- problems in the file, each at its line ---------------------------------------------------

PROBLEMS = [
    (
        'year = 2025\napraisal = ["a.csv"]\n',
        "parindex.toml:2: error: apraisal: not a setting (did you mean 'appraisal'?); the "
        "settings are year, criteria, units, roster, allow_absent, appraisal, survey, "
        "responses, replies, id_map, decision, lang, dialect and the table [previous]",
    ),
    (
        'roster = "roster.csv"\nallow_absent = "yes"\n',
        'parindex.toml:2: error: allow_absent: "yes" is not true or false; write allow_absent '
        "= true or allow_absent = false",
    ),
    (
        "allow_absent = true\n",
        "parindex.toml:1: error: allow_absent: speaks of the units of the roster, and no roster "
        'is set; add roster = "roster.csv" or remove this line',
    ),
    (
        'year = 2025\n[previous]\n2024 = "prev.csv"\nlang = "en"\n',
        "parindex.toml:4: error: previous.lang: 'lang' is a setting, not a year: it belongs "
        "above [previous] (every line after [previous] is one of its years)",
    ),
    (
        '2024 = "prev.csv"\n',
        "parindex.toml:1: error: 2024: a year of earlier rankings belongs under [previous] (a "
        "line of its own above the years)",
    ),
    (
        'units = "units"\n',
        "parindex.toml:1: error: units: expected a list of paths in brackets, e.g. units = "
        '["forms"]',
    ),
    (
        'roster = ["r.csv"]\n',
        'parindex.toml:1: error: roster: expected one path, not a list, e.g. roster = "roster.csv"',
    ),
    ('lang = "fr"\n', 'parindex.toml:1: error: lang: "fr" is not one of "vi", "en"'),
    (
        "year = 2025.5\n",
        "parindex.toml:1: error: year: 2025.5 is not a year; write a whole number, e.g. year = "
        "2026",
    ),
    (
        "[previous]\n2024.5 = 'a.csv'\n",
        "parindex.toml:2: error: previous.2024: '2024.5' is not a year; the keys of [previous] "
        "are years such as 2025",
    ),
    (
        "[previous]\nlast = 'a.csv'\n",
        "parindex.toml:2: error: previous.last: 'last' is not a year; the keys of [previous] "
        "are years such as 2025",
    ),
    (
        "[previous]\n2024 = 'a.csv'\n'2024' = 'b.csv'\n",
        "parindex.toml:3: error: previous.2024: given twice (first at line 2); keep one",
    ),
    (
        "year = 2025\n[previous]\n2025 = 'a.csv'\n",
        "parindex.toml:3: error: previous.2025: 2025 is not before this year (2025, the "
        "setting year)",
    ),
    (
        "year = 2025\nyear = 2026\n",
        "parindex.toml:2: error: year: given twice (first at line 1); keep one",
    ),
    (
        "year 2025\n",
        "parindex.toml:1: error: not valid TOML: Expected '=' after a key in a key/value pair "
        "(`key = value` lines; text in quotes)",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS)
def test_problems_are_located(province: Path, text: str, expected: str) -> None:
    settings(province, text)
    result = run("rank", "units")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


def test_every_problem_at_once(province: Path) -> None:
    settings(province, 'year = "2025"\nunits = ["units", 3]\ndecision = 5\ndialect = "excel"\n')
    result = run("rank")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'parindex.toml:1: error: year: "2025" is not a year; write a whole number (without '
        "quotes), e.g. year = 2026",
        'parindex.toml:2: error: units: item 2 is not a path in quotes, e.g. units = ["forms"]',
        'parindex.toml:3: error: decision: expected text in quotes, e.g. decision = "Quyết '
        'định số 123/QĐ-UBND"',
        'parindex.toml:4: error: dialect: "excel" is not one of "standard", "excel-vi"',
    ]


def test_a_file_that_moved_is_an_error_for_the_commands_that_read_it(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(province, SETTINGS + 'appraisal = ["council/appraisal.csv"]\n')
    monkeypatch.chdir(province / "units")
    result = run("rank")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "note: settings from ../parindex.toml",
        "../parindex.toml:4: error: appraisal: 'council/appraisal.csv' does not exist (paths "
        "in parindex.toml are relative to its folder)",
    ]
    # a command that does not read the appraisal is not stopped by it
    assert run("show", "../criteria/dept.yaml").exit_code == 0
    # an option given instead is read instead
    write_csv(province / "a.csv", [("unit_id", "criterion", "value", "points", "reason")])
    assert run("rank", "--appraisal", "../a.csv").exit_code == 0


# --- the commands that take the settings ------------------------------------------------------


def test_score_takes_the_tables_but_not_the_units(province: Path) -> None:
    write_survey(province, "s.csv", "4.5")
    settings(province, SETTINGS + 'survey = ["s.csv"]\n')
    result = run("score", "units/d-alpha.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == run("score", "units/d-alpha.yaml", "--survey", "s.csv", "--format", "json").stdout
    )


def test_validate_a_form_of_the_year_against_its_roster(province: Path) -> None:
    write_csv(
        province / "roster.csv",
        [("unit_id", "unit_name", "group")]
        + [(u, u, "department") for u in ("d-alpha", "d-beta", "d-gamma", "d-delta", "d-eps")]
        + [("w-one", "w-one", "ward"), ("w-two", "w-two", "ward")],
    )
    write_csv(
        province / "appraisal.csv",
        [
            ("unit_id", "criterion", "value", "points", "reason"),
            ("d-beta", "2.3", "", "4", "Hội đồng chấm"),
            ("w-two", "1.2", "", "0", "Không có"),
        ],
    )
    settings(province, SETTINGS + 'roster = "roster.csv"\nappraisal = ["appraisal.csv"]\n')
    whole = run("validate")
    assert whole.exit_code == 0, whole.stderr
    # one form of the year: the roster's other units are not absent, their rows not read
    one = run("validate", "units/d-alpha.yaml")
    assert one.exit_code == 0, one.stderr
    assert one.stdout.startswith("ok: 2 framework(s), 1 assessment(s), 2 table(s); 0 warning")
    assert one.stderr.splitlines() == [
        "note: settings from parindex.toml",
        "info: Sở Alpha: 2 criteria still pending (no survey or council value): 2.2, 2.3",
    ]
    # given on the command line, the roster asks for every unit, as it always did
    explicit = run("validate", "units/d-alpha.yaml", "--roster", "roster.csv")
    assert explicit.exit_code == 1
    assert "has not submitted an assessment" in explicit.stderr


def test_by_field_leaves_the_years_of_the_settings_alone(province: Path) -> None:
    write_csv(
        province / "prev.csv",
        [
            ("framework", "group", "rank", "unit_id", "index"),
            ("dept-2024", "department", "1", "d-alpha", "80"),
        ],
    )
    settings(province, SETTINGS + "[previous]\n2024 = 'prev.csv'\n")
    assert run("rank", "--by-field", "1", "--format", "csv").exit_code == 0
    given = run("rank", "--by-field", "1", "--previous", "prev.csv")
    assert given.exit_code == 2
    assert "--previous compares the overall ranking" in given.stderr


def test_survey_reads_the_responses_of_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CRITERIA, tmp_path / "criteria")
    (tmp_path / "survey").mkdir()
    shutil.copy(EXAMPLE / "survey" / "responses-2025.csv", tmp_path / "survey")
    shutil.copy(EXAMPLE / "roster.csv", tmp_path)
    settings(
        tmp_path,
        'roster = "roster.csv"\nresponses = ["survey/responses-2025.csv"]\n',
    )
    monkeypatch.chdir(tmp_path)
    result = run("survey", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    questionnaires = sorted(
        str(p) for p in (tmp_path / "criteria" / "questionnaires").glob("*.yaml")
    )
    given = run(
        "survey",
        *questionnaires,
        "survey/responses-2025.csv",
        "--roster",
        "roster.csv",
        "--format",
        "csv",
        "--no-config",
    )
    assert given.exit_code == 0, given.stderr
    assert result.stdout == given.stdout
    shipped = (EXAMPLE / "survey" / "survey-2025.csv").read_text(encoding="utf-8-sig")
    assert result.stdout.splitlines() == shipped.splitlines()


def test_survey_without_questionnaires_nor_settings_names_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("survey")
    assert result.exit_code == 2
    assert "Missing argument 'QUESTIONNAIRE.yaml... RESPONSES...'" in result.stderr


def test_a_settings_file_is_read_once_with_its_units(province: Path) -> None:
    """The settings hold what init writes: every key, lists empty where nothing is there yet."""
    settings(
        province,
        SETTINGS
        + 'roster = "roster.csv"\nappraisal = []\nsurvey = []\nresponses = []\nreplies = []\n'
        'decision = "Quyết định số 1/QĐ-UBND"\nlang = "vi"\ndialect = "standard"\n[previous]\n',
    )
    write_csv(
        province / "roster.csv",
        [("unit_id", "unit_name", "group")]
        + [(u, u, "department") for u in ("d-alpha", "d-beta", "d-gamma", "d-delta", "d-eps")]
        + [("w-one", "w-one", "ward"), ("w-two", "w-two", "ward")],
    )
    result = run("rank", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == run("rank", "units", "--roster", "roster.csv", "--format", "csv", "--no-config").stdout
    )


def test_allow_absent_from_the_settings(province: Path) -> None:
    write_csv(
        province / "roster.csv",
        [("unit_id", "unit_name", "group")]
        + [(u, u, "department") for u in ("d-alpha", "d-beta", "d-gamma", "d-delta", "d-eps")]
        + [("w-one", "w-one", "ward"), ("w-two", "w-two", "ward"), ("w-new", "Mới", "ward")],
    )
    settings(province, SETTINGS + 'roster = "roster.csv"\n')
    absent = run("rank", "--format", "csv")
    assert absent.exit_code == 1
    assert "'w-new' (Mới) has not submitted an assessment" in absent.stderr
    settings(province, SETTINGS + 'roster = "roster.csv"\nallow_absent = true\n')
    ranked = run("rank", "--format", "csv")
    assert ranked.exit_code == 0, ranked.stderr
    assert (
        ranked.stdout
        == run(
            "rank",
            "--format",
            "csv",
            "--no-config",
            "units",
            "--criteria",
            "criteria",
            "--roster",
            "roster.csv",
            "--allow-absent",
        ).stdout
    )
    assert ",w-new,Mới,0.0,not submitted," in ranked.stdout
    settings(province, SETTINGS + 'roster = "roster.csv"\nallow_absent = false\n')
    assert run("rank", "--format", "csv").exit_code == 1
    # a setting false is no setting: the option on the command line still says yes
    assert run("rank", "--format", "csv", "--allow-absent").exit_code == 0
