"""The two texts `init` writes into a new year's folder, in the run's language: the settings
(`parindex.toml`, naming only what the folder holds, with commented examples of the rest) and
`README.txt` (what goes where, and which command comes next)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from parindex.i18n import N_, Lang, _

WIDTH = 88  # columns of README.txt (a text editor's window)
COMMENT_AT = 34  # the column where a setting's comment starts
COMMAND_INDENT = " " * 7  # a command to type, on a line of its own

# The folders of a year, each with what goes in it, in the order README lists them.
FOLDERS: tuple[tuple[str, str], ...] = (
    ("criteria/", N_("the frameworks and survey questionnaires of the year")),
    ("forms/", N_("one self-assessment form per unit, in a folder per group")),
    ("survey/", N_("the survey: the raw forms and the table of results (parindex survey)")),
    ("council/", N_("the appraisal council's workbook (parindex worksheet) and its corrections")),
    ("notices/", N_("the preliminary results sent to the units to explain (parindex notice)")),
    ("replies/", N_("the units' replies to those results")),
    ("results/", N_("the ranking and the report")),
)


def _toml(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _line(setting: str, comment: str = "") -> str:
    if not comment:
        return setting
    return f"{setting.ljust(COMMENT_AT - 1)} # {comment}"


def settings_text(
    year: int, roster: str, lang: Lang, previous: Sequence[tuple[int, str]] = ()
) -> str:
    """The year's `parindex.toml`: every path it names exists in the new folder (the lists of
    tables are empty until the council and the survey deliver), `allow_absent` so that a folder
    of blank forms ranks at once, and `previous` the earlier rankings found (paths relative to
    the folder, newest first)."""
    lines = [
        *_comment(
            _(
                "parindex settings of the year {year}. Every command run in this folder (or "
                "in a folder inside it) takes its files from here; an option given on the "
                "command line replaces the setting."
            ).format(year=year)
        ),
        f"year = {year}",
        _line('criteria = "criteria"', _("the frameworks and survey questionnaires")),
        _line('units = ["forms"]', _("the units' forms")),
        _line(f"roster = {_toml(roster)}", _("the units assessed this year")),
        *_comment(
            _(
                "While forms come in, a unit whose form is still blank ranks last as not "
                "submitted. Remove this line before the final ranking: a blank form is then "
                "an error."
            )
        ),
        "allow_absent = true",
        _line("appraisal = []", _('e.g. ["council/appraisal-{year}.xlsx"]').format(year=year)),
        _line("survey = []", _('e.g. ["survey/survey-{year}.csv"]').format(year=year)),
        _line(
            "responses = []",
            _('raw survey forms, e.g. ["survey/responses-{year}.xlsx"]').format(year=year),
        ),
        _line("replies = []", _('the units\' replies, e.g. ["replies"]')),
        _line('# id_map = "id-map.csv"', _("old_id,new_id of renamed and merged units")),
        _line(
            '# decision = "Quyết định số …/QĐ-UBND ngày …"',
            _("the decision the report is attached to"),
        ),
        f"lang = {_toml(lang)}",
        _line('# dialect = "excel-vi"', _("CSV for Excel set to Vietnamese")),
    ]
    if previous:
        lines.append(_line("[previous]", _("the rankings of earlier years")))
        lines += [f"{when} = {_toml(path)}" for when, path in sorted(previous, reverse=True)]
    else:
        lines.append(_line("# [previous]", _("the rankings of earlier years, e.g.")))
        lines.append(f'# {year - 1} = "../{year - 1}/results/ranking-{year - 1}.csv"')
    return "\n".join(lines) + "\n"


def readme_text(year: int, roster: str) -> str:
    """README.txt of the year's folder, in the run's language."""
    out = [
        _("PAR Index {year}: the year's folder").format(year=year),
        "",
        *_wrapped(
            _(
                "Everything the year needs is in this folder, and parindex finds it here: run "
                "each command inside this folder, without paths (parindex.toml says which "
                "files each command reads)."
            )
        ),
        "",
    ]
    entries = [
        ("parindex.toml", _("the year's settings")),
        (roster, _("the units assessed this year: unit_id, unit_name, group")),
        *((name, _(what)) for name, what in FOLDERS),
    ]
    width = max(len(name) for name, _what in entries) + 2
    for name, what in entries:
        out += _wrapped(what, first=name.ljust(width), indent=" " * width)
    out += ["", _("What comes next:")]
    for number, (step, commands) in enumerate(_steps(year), start=1):
        out += _wrapped(step, first=f"{number}. ", indent="   ")
        out += [f"{COMMAND_INDENT}{command}" for command in commands]
    out += [
        "",
        *_wrapped(
            _(
                "allow_absent = true in parindex.toml lets the year rank while forms come in: "
                "a unit whose form is still blank ranks last as not submitted. Remove that "
                "line before the final ranking."
            )
        ),
        "",
        *_wrapped(
            _(
                "Next year, in this folder (the roster, the frameworks, the forms and this "
                "year's ranking carry over):"
            )
        ),
        f"{COMMAND_INDENT}parindex init ../{year + 1} --year {year + 1} --from .",
    ]
    return "\r\n".join(out) + "\r\n"


def _steps(year: int) -> list[tuple[str, tuple[str, ...]]]:
    """README.txt's steps of the year, in order: what to do, and the commands that do it."""
    return [
        (
            _(
                "Check the frameworks in criteria/ and the roster, then send each unit its "
                "form from forms/; put each filled form back in its place."
            ),
            (),
        ),
        (
            _(
                "Each morning: who has sent their form, whose form has errors, who still "
                "lacks answers or evidence."
            ),
            ("parindex status",),
        ),
        (_("Every problem of the forms sent back."), ("parindex validate",)),
        (
            _(
                "The council's workbook; once it is filled in, name it under appraisal in "
                "parindex.toml (and the survey results under survey)."
            ),
            (f"parindex worksheet -o council/worksheet-{year}.xlsx",),
        ),
        (
            _(
                "The preliminary result to each unit the council corrected, for its "
                "explanation; put the units' replies in replies/ and name that folder under "
                "replies in parindex.toml: the council's next workbook shows them."
            ),
            ("parindex notice -o notices",),
        ),
        (
            _(
                "The ranking, the report, and the appendix of the decision in Word (the same "
                "report command with a .docx file)."
            ),
            (
                f"parindex rank -o results/ranking-{year}.csv",
                f"parindex report -o results/report-{year}.html",
                f"parindex report -o results/appendix-{year}.docx",
            ),
        ),
    ]


def _comment(text: str) -> list[str]:
    return _wrapped(text, first="# ", indent="# ")


def _wrapped(text: str, first: str = "", indent: str = "") -> list[str]:
    """`text` in lines of WIDTH at most; a command named in it (`parindex survey`) is never
    split over two lines."""
    lines = textwrap.wrap(
        text.replace("parindex ", "parindex\N{NO-BREAK SPACE}"),
        WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace("\N{NO-BREAK SPACE}", " ") for line in lines]
