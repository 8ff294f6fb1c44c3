"""What the commands share: their options, the types click checks them with, the consoles and
the progress of a long run."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

import click
from click.decorators import FC

from parindex.app.requests import SUFFIXES, Earlier
from parindex.errors import ParindexError, shown
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

    from parindex.app.outcome import Progress
    from parindex.app.requests import OutputFormat
    from parindex.outputs.terminal.views import SafeConsole

FIRST_YEAR, LAST_YEAR = 1000, 9999  # the years --previous takes
PIPE_WIDTH = 200  # columns of a table written to a pipe or file
PROGRESS_THRESHOLD = 20  # files; fewer than this finish before a bar would be read


def console(stderr: bool = False) -> SafeConsole:
    """A console for the rich views. Their module (rich's tables, and the models they draw) is
    loaded here, when something is drawn: `--help`, `schema` and the file writers do without."""
    from parindex.outputs.terminal.views import SafeConsole as Console

    # In a pipe rich would assume 80 columns and cut numbers; a wide page keeps tables whole
    # (COLUMNS still decides when it is set).
    width = None if os.environ.get("COLUMNS") else PIPE_WIDTH
    made = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if width is not None and not made.is_terminal:
        made = Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)
    return made


# --- the types click checks values with, their names in the run's language ----------------


# click's own range words ("1<=x<=1000000"), letter for letter, said in the run's language.
_RANGES = {
    ("<=", "<="): N_("{low}<=x<={high}"),
    ("<=", "<"): N_("{low}<=x<{high}"),
    ("<", "<="): N_("{low}<x<={high}"),
    ("<", "<"): N_("{low}<x<{high}"),
    (">=", ""): N_("x>={low}"),
    (">", ""): N_("x>{low}"),
    ("", "<="): N_("x<={high}"),
    ("", "<"): N_("x<{high}"),
}


def _range_words(bounds: click.IntRange | click.FloatRange) -> str:
    """A range as --help and click's messages say it, in the run's language."""
    if bounds.min is None:
        ops = ("", "<" if bounds.max_open else "<=")
    elif bounds.max is None:
        ops = (">" if bounds.min_open else ">=", "")
    else:
        ops = ("<" if bounds.min_open else "<=", "<" if bounds.max_open else "<=")
    return _(_RANGES[ops]).format(low=bounds.min, high=bounds.max)


class Whole(click.IntRange):
    """A whole number within bounds; named in the run's language ("integer range" is click's
    English name, which it shows in --help and in its messages)."""

    @property
    def name(self) -> str:
        return _("integer range")

    @name.setter
    def name(self, english: str) -> None:  # click's own name, set by its __init__: not shown
        pass

    def _describe_range(self) -> str:
        return _range_words(self)


class Real(click.FloatRange):
    """A number within bounds, never NaN (click's FloatRange lets NaN through: no comparison
    with it is true); named in the run's language."""

    @property
    def name(self) -> str:
        return _("float range")

    @name.setter
    def name(self, english: str) -> None:  # click's own name, set by its __init__: not shown
        pass

    def _describe_range(self) -> str:
        return _range_words(self)

    def convert(
        self, value: float, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(
                _("{value!r} is not a valid {number_type}.").format(
                    value=value, number_type=self.name
                ),
                param,
                ctx,
            )
        return number


class Text(click.types.StringParamType):
    """Free text, named in the run's language."""

    @property
    def name(self) -> str:
        return _("text")

    @name.setter
    def name(self, english: str) -> None:  # click's own name, set by its __init__: not shown
        pass


# --- options that several commands take -----------------------------------------------------


def paths_argument(f: FC) -> FC:
    """PATH...: needed, unless the year's settings give `units` (`settings.REQUIRED`)."""
    return click.argument("paths", nargs=-1, metavar=N_("PATH..."))(f)


def unit_argument(f: FC) -> FC:
    return click.argument("unit", metavar=N_("UNIT.yaml"))(f)


def criteria_option(f: FC) -> FC:
    return click.option(
        "--criteria",
        "criteria",
        default=None,
        metavar=N_("DIR"),
        help=N_("Directory of framework files (default ./criteria)."),
    )(f)


def table_options(f: FC) -> FC:
    f = click.option(
        "--appraisal",
        multiple=True,
        metavar=N_("FILE"),
        help=N_("Appraisal council corrections (CSV/XLSX); repeatable."),
    )(f)
    f = click.option(
        "--survey",
        multiple=True,
        metavar=N_("FILE"),
        help=N_("Survey results (CSV/XLSX); repeatable."),
    )(f)
    return click.option("--strict", is_flag=True, help=N_("Treat missing answers as errors."))(f)


def replies_option(f: FC) -> FC:
    """--replies: the units' replies to their notices (the explanation round)."""
    return click.option(
        "--replies",
        multiple=True,
        metavar=N_("FILE|DIR"),
        help=N_(
            "The units' replies to their notices (.xlsx, or a folder searched for them); "
            "repeatable."
        ),
    )(f)


def output_options(formats: Sequence[str]) -> Callable[[FC], FC]:
    def decorate(f: FC) -> FC:
        f = click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default=None,
            help=N_("Output on stdout (default table)."),
        )(f)
        f = click.option(
            "-o",
            "--output",
            default=None,
            metavar=N_("FILE"),
            help=N_("Write to FILE; the format comes from .csv, .json or .xlsx."),
        )(f)
        return click.option("--no-bom", is_flag=True, help=N_("Write CSV files without a BOM."))(f)

    return decorate


def dialect_option(f: FC) -> FC:
    """`--dialect standard|excel-vi` for every command that writes CSV."""
    return click.option(
        "--dialect",
        type=click.Choice(["standard", "excel-vi"]),
        default="standard",
        show_default=True,
        help=N_(
            "CSV for programs (`,` and a decimal point) or for Excel set to Vietnamese "
            "(`;` and a decimal comma)."
        ),
    )(f)


def roster_options(f: FC) -> FC:
    """--roster and --allow-absent, as every command that ranks takes them."""
    f = click.option(
        "--allow-absent",
        is_flag=True,
        help=N_("Rank roster units without an assessment last, as not submitted."),
    )(f)
    return click.option(
        "--roster",
        default=None,
        metavar=N_("FILE"),
        help=N_("unit_id,unit_name,group of every unit expected (CSV/XLSX)."),
    )(f)


def expected_options(f: FC) -> FC:
    """--roster and --allow-absent of the commands that check and prefill rather than rank."""
    f = click.option(
        "--allow-absent", is_flag=True, help=N_("Roster units may lack an assessment.")
    )(f)
    return click.option(
        "--roster", default=None, metavar=N_("FILE"), help=N_("Units expected (CSV/XLSX).")
    )(f)


def history_options(previous_help: str) -> Callable[[FC], FC]:
    """--previous (with the command's own words for it) and --id-map."""

    def decorate(f: FC) -> FC:
        f = click.option(
            "--id-map",
            "id_map",
            default=None,
            metavar=N_("FILE.csv"),
            help=N_("old_id,new_id rows so renamed and merged units keep their history."),
        )(f)
        return click.option(
            "--previous", multiple=True, metavar=N_("[YEAR=]FILE"), help=previous_help
        )(f)

    return decorate


def earlier_rankings(texts: Sequence[str]) -> tuple[Earlier, ...]:
    """--previous [YEAR=]FILE, each file with its year (None for a FILE alone: the year
    before the frameworks'); a year that is not one, or a year given twice, is an error."""
    found: dict[int | None, str] = {}
    for text in texts:
        head, equals, path = text.partition("=")
        year: int | None = None
        if equals and head.strip().isdigit() and FIRST_YEAR <= int(head) <= LAST_YEAR:
            year = int(head)
        elif equals and not os.path.exists(text):  # not a file whose name holds "="
            raise ParindexError(
                shown(
                    _(
                        "--previous {text}: {year!r} is not a year; write YEAR=FILE with a "
                        "whole year such as 2025, or the FILE alone for last year"
                    ).format(text=text, year=head)
                )
            )
        else:
            path = text
        if year in found:
            message = (
                _("--previous: {year} is given twice ({first} and {second})")
                if year is not None
                else _(
                    "--previous: {first} and {second} are both given without a year; write "
                    "YEAR=FILE for the earlier ones"
                )
            )
            raise ParindexError(shown(message.format(year=year, first=found[year], second=path)))
        found[year] = path
    return tuple(found.items())


# --- what the options choose ----------------------------------------------------------------

# -o FILE.ext → the extensions a command writes, as its usage error lists them
EXTENSIONS = {
    ("csv", "json", "xlsx"): N_(
        "-o {output}: unknown extension {suffix}; use .csv, .json or .xlsx"
    ),
    ("csv", "json"): N_("-o {output}: unknown extension {suffix}; use .csv or .json"),
    ("html", "docx"): N_("-o {output}: unknown extension {suffix}; use .html or .docx"),
    ("xlsx", "yaml"): N_("-o {output}: unknown extension {suffix}; use .xlsx or .yaml"),
}


def unknown_extension(output: str, suffix: str, accepted: tuple[str, ...]) -> click.UsageError:
    """The usage error for `-o FILE` of an extension the command does not write."""
    shown_suffix = repr(suffix) if suffix else _("(none)")
    return click.UsageError(
        shown(_(EXTENSIONS[accepted]).format(output=output, suffix=shown_suffix))
    )


def resolve_format(
    fmt: str | None, output: str | None, accepted: tuple[str, ...] = ("csv", "json", "xlsx")
) -> OutputFormat:
    """The one output format of a run, from --format and -o (exit 2 when they disagree, or
    when -o names an extension no command writes)."""
    if output is None:
        return cast("OutputFormat", fmt or "table")  # click.Choice checked it
    suffix = os.path.splitext(output)[1].lower()
    chosen = SUFFIXES.get(suffix)
    if chosen is None:
        raise unknown_extension(output, suffix, accepted)
    if fmt is not None and fmt != chosen:
        raise click.UsageError(
            shown(
                _("--format {format} conflicts with -o {output} ({chosen})").format(
                    format=fmt, output=output, chosen=chosen
                )
            )
        )
    return chosen


# --- progress -------------------------------------------------------------------------------

# What the bar says in each stage of a run (see app.outcome.Progress).
STAGES = {"reading": N_("Reading"), "scoring": N_("Scoring"), "writing": N_("Writing")}


class Stages:
    """rich's progress on stderr for a run long enough to be watched: which stage it is in
    (reading, scoring, writing) and how far. Shown only on a terminal and for at least
    PROGRESS_THRESHOLD files; elsewhere nothing is drawn (and the files are not counted).

    Use it as a context around the app call, and pass `watch` to it."""

    def __init__(self) -> None:
        self.bar: Bar | None = None
        self.stage = "reading"
        self.task: TaskID | None = None

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def watch(self, count: Callable[[], int]) -> Progress | None:
        """Start the bar when stderr is a terminal and `count()` files are enough to watch."""
        stderr = console(stderr=True)
        if not stderr.is_terminal or count() < PROGRESS_THRESHOLD:
            return None
        from rich.progress import Progress as Bar  # the bar's own module, for a bar only

        self.bar = Bar(console=stderr, transient=True)
        self.task = self.bar.add_task(_(STAGES["reading"]), total=None)
        self.bar.start()
        return self.update

    def update(self, stage: str, done: int, total: int | None) -> None:
        if self.bar is not None and self.task is not None:
            description = _(STAGES[stage])
            new = stage != self.stage  # a new stage is shown at once, not at the next refresh
            self.stage = stage
            self.bar.update(
                self.task, description=description, completed=done, total=total, refresh=new
            )
