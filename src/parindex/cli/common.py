"""What the commands share: options, the consoles, the output format, progress and writing."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

import click

from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.inputs.discovery import Request
    from parindex.inputs.gather import Inputs, Progress
    from parindex.outputs.kinds import OutputFormat
    from parindex.outputs.terminal.views import SafeConsole

PIPE_WIDTH = 200  # columns of a table written to a pipe or file
PROGRESS_THRESHOLD = 20  # files; fewer than this finish before a bar would be read


def console(stderr: bool = False) -> SafeConsole:
    from parindex.outputs.terminal.views import SafeConsole as Console

    # In a pipe rich would assume 80 columns and cut numbers; a wide page keeps tables whole
    # (COLUMNS still decides when it is set).
    width = None if os.environ.get("COLUMNS") else PIPE_WIDTH
    made = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if width is not None and not made.is_terminal:
        made = Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)
    return made


def criteria_option(f: Any) -> Any:
    return click.option(
        "--criteria",
        "criteria",
        default=None,
        metavar="DIR",
        help=N_("Directory of framework files (default ./criteria)."),
    )(f)


def table_options(f: Any) -> Any:
    f = click.option(
        "--appraisal",
        multiple=True,
        metavar="FILE",
        help=N_("Appraisal council corrections (CSV/XLSX); repeatable."),
    )(f)
    f = click.option(
        "--survey", multiple=True, metavar="FILE", help=N_("Survey results (CSV/XLSX); repeatable.")
    )(f)
    return click.option("--strict", is_flag=True, help=N_("Treat missing answers as errors."))(f)


def output_options(formats: Sequence[str]) -> Callable[[Any], Any]:
    def decorate(f: Any) -> Any:
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
            metavar="FILE",
            help=N_("Write to FILE; the format comes from .csv, .json or .xlsx."),
        )(f)
        return click.option("--no-bom", is_flag=True, help=N_("Write CSV files without a BOM."))(f)

    return decorate


def dialect_option(f: Any) -> Any:
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


def resolve_format(fmt: str | None, output: str | None) -> OutputFormat:
    """The one output format of a run, from --format and -o (exit 2 when they disagree)."""
    from parindex.errors import shown
    from parindex.i18n import _
    from parindex.outputs.kinds import SUFFIXES

    if output is None:
        return cast("OutputFormat", fmt or "table")  # click.Choice checked it
    suffix = os.path.splitext(output)[1].lower()
    chosen = SUFFIXES.get(suffix)
    if chosen is None:
        raise click.UsageError(
            shown(
                _("-o {output}: unknown extension {suffix}; use .csv, .json or .xlsx").format(
                    output=output, suffix=repr(suffix) if suffix else _("(none)")
                )
            )
        )
    if fmt is not None and fmt != chosen:
        raise click.UsageError(
            shown(
                _("--format {format} conflicts with -o {output} ({chosen})").format(
                    format=fmt, output=output, chosen=chosen
                )
            )
        )
    return chosen


def request(paths: Sequence[str], criteria: str | None, **kwargs: Any) -> Request:
    from parindex.inputs.discovery import Request

    return Request(
        paths=list(paths),
        criteria=criteria or "criteria",
        criteria_given=criteria is not None,
        **kwargs,
    )


# What the bar says in each stage of a run (see inputs.gather.Progress).
STAGES = {"reading": N_("Reading"), "scoring": N_("Scoring"), "writing": N_("Writing")}


class Stages:
    """rich's progress on stderr for a run long enough to be watched: which stage it is in
    (reading, scoring, writing) and how far. Shown only on a terminal and for at least
    PROGRESS_THRESHOLD files; elsewhere every call does nothing.

    Use it as a context around the work, and pass `report` to the use case that reads."""

    def __init__(self, req: Request) -> None:
        from parindex.inputs.discovery import count_files

        stderr = console(stderr=True)
        self.bar: Any = None
        if stderr.is_terminal and count_files(req) >= PROGRESS_THRESHOLD:
            from rich.progress import Progress

            self.bar = Progress(console=stderr, transient=True)
            self.task = self.bar.add_task(_(STAGES["reading"]), total=None)
        self.stage = "reading"

    def __enter__(self) -> Stages:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    @property
    def report(self) -> Progress | None:
        return self.update if self.bar is not None else None

    def update(self, stage: str, done: int, total: int | None) -> None:
        if self.bar is not None:
            description = _(STAGES[stage])
            new = stage != self.stage  # a new stage is shown at once, not at the next refresh
            self.stage = stage
            self.bar.update(
                self.task, description=description, completed=done, total=total, refresh=new
            )


def with_progress(run: Callable[..., Any], req: Request, *args: Any) -> Any:
    """`run(req, *args, progress)`, with rich's progress on a terminal for long runs."""
    with Stages(req) as stages:
        return run(req, *args, stages.report)


def warn_missing(inputs: Inputs) -> None:
    """Missing answers as one summary line (validate lists each); other warnings in full."""
    missing = [w for w in inputs.warnings if w.code == "missing"]
    others = [w for w in inputs.warnings if w.code != "missing"]
    for warning in others:
        click.echo(warning.render(), err=True)
    if missing:
        units = len({w.path for w in missing})
        message = _(
            "{answers} answers missing in {units} assessment(s), scored 0 "
            "(`parindex validate` lists them; --strict makes them errors)"
        ).format(answers=len(missing), units=units)
        click.echo(f"warning: {message}", err=True)


def file_bytes(text: str | bytes, fmt: str, bom: bool) -> bytes:
    """What a file of `fmt` holds: CSV with a BOM unless --no-bom, everything else as is."""
    from parindex.outputs.files import csv_bytes

    if isinstance(text, bytes):
        return text
    return csv_bytes(text, bom) if fmt == "csv" else text.encode("utf-8")


def write_files(files: Sequence[tuple[str, bytes]], inputs: Sequence[str]) -> None:
    """Write every FILE whole or none of them (refusing to write over an input), then say so."""
    from parindex.errors import shown
    from parindex.outputs.files import check_output, write_all

    targets = [(check_output(name, inputs), data) for name, data in files]
    write_all(targets)
    for name, _data in files:
        click.echo(shown(_("wrote {file}").format(file=name)), err=True)


def emit(
    text: str | bytes, output: str | None, inputs: Sequence[str], *, fmt: str, bom: bool
) -> None:
    """Print to stdout, or write FILE whole (refusing to write over an input)."""
    if output is None:
        click.echo(text if isinstance(text, str) else text.decode(), nl=False)
        return
    write_files([(output, file_bytes(text, fmt, bom))], inputs)


def roster_options(f: Any) -> Any:
    """--roster and --allow-absent, as every command that ranks takes them."""
    f = click.option(
        "--allow-absent",
        is_flag=True,
        help=N_("Rank roster units without an assessment last, as not submitted."),
    )(f)
    return click.option(
        "--roster",
        default=None,
        metavar="FILE",
        help=N_("unit_id,unit_name,group of every unit expected (CSV/XLSX)."),
    )(f)


def history_options(previous_help: str) -> Callable[[Any], Any]:
    """--previous (with the command's own words for it) and --id-map."""

    def decorate(f: Any) -> Any:
        f = click.option(
            "--id-map",
            "id_map",
            default=None,
            metavar="FILE.csv",
            help=N_("old_id,new_id rows so renamed and merged units keep their history."),
        )(f)
        return click.option("--previous", default=None, metavar="FILE", help=previous_help)(f)

    return decorate
