"""The `parindex` command line: parse arguments, call the core, print, map errors to exits."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from parindex.inputs.gather import Inputs, Request

FORMATS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
PIPE_WIDTH = 200  # columns of a table written to a pipe or file
PROGRESS_THRESHOLD = 20  # files; fewer than this finish before a bar would be read


class ParindexGroup(click.Group):
    """Maps every ParindexError to its message on stderr and its exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        from parindex.errors import InputError, ParindexError

        try:
            return super().invoke(ctx)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.render(), err=True)
            ctx.exit(exc.exit_code)
        except ParindexError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=ParindexGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              envvar="PARINDEX_LANG", help="Language of table headers and labels.")
@click.version_option(package_name="parindex")
@click.pass_context
def main(ctx: click.Context, lang: str) -> None:
    """Score and rank the Public Administration Reform Index (Chỉ số CCHC) of a province."""
    ctx.obj = {"lang": lang}


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    # In a pipe rich would assume 80 columns and cut numbers; a wide page keeps tables whole
    # (COLUMNS still decides when it is set).
    width = None if os.environ.get("COLUMNS") else PIPE_WIDTH
    console = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if width is not None and not console.is_terminal:
        console = Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)
    return console


def _criteria_option(f: Any) -> Any:
    return click.option("--criteria", "criteria", default=None, metavar="DIR",
                        help="Directory of framework files (default ./criteria).")(f)


def _table_options(f: Any) -> Any:
    f = click.option("--appraisal", multiple=True, metavar="FILE",
                     help="Appraisal council corrections (CSV/XLSX); repeatable.")(f)
    f = click.option("--survey", multiple=True, metavar="FILE",
                     help="Survey results (CSV/XLSX); repeatable.")(f)
    return click.option("--strict", is_flag=True,
                        help="Treat missing answers as errors.")(f)


def _output_options(formats: Sequence[str]) -> Callable[[Any], Any]:
    def decorate(f: Any) -> Any:
        f = click.option("--format", "fmt", type=click.Choice(list(formats)), default=None,
                         help="Output on stdout (default table).")(f)
        f = click.option("-o", "--output", default=None, metavar="FILE",
                         help="Write to FILE; the format comes from .csv, .json or .xlsx.")(f)
        return click.option("--no-bom", is_flag=True, help="Write CSV files without a BOM.")(f)
    return decorate


def resolve_format(fmt: str | None, output: str | None) -> str:
    """The one output format of a run, from --format and -o (exit 2 when they disagree)."""
    if output is None:
        return fmt or "table"
    suffix = os.path.splitext(output)[1].lower()
    chosen = FORMATS.get(suffix)
    if chosen is None:
        raise click.UsageError(f"-o {output}: unknown extension {suffix or '(none)'!r}; use "
                               ".csv, .json or .xlsx")
    if fmt is not None and fmt != chosen:
        raise click.UsageError(f"--format {fmt} conflicts with -o {output} ({chosen})")
    return chosen


def _request(paths: Sequence[str], criteria: str | None, **kwargs: Any) -> Request:
    from parindex.inputs.gather import Request

    return Request(paths=list(paths), criteria=criteria or "criteria",
                   criteria_given=criteria is not None, **kwargs)


def _gather(request: Request) -> Inputs:
    """Read every input, with a progress bar on a terminal for long runs."""
    from parindex.inputs.gather import find_files, gather

    console = _console(stderr=True)
    if not console.is_terminal:
        return gather(request)
    from parindex.errors import ProblemLog

    count = sum(len(group) for group in find_files(request, ProblemLog()))
    if count < PROGRESS_THRESHOLD:
        return gather(request)
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Reading", total=count)
        return gather(request, lambda done, total: bar.update(task, completed=done))


def _warn_missing(inputs: Inputs) -> None:
    """Missing answers as one summary line (validate lists each); other warnings in full."""
    missing = [w for w in inputs.warnings if w.code == "missing"]
    others = [w for w in inputs.warnings if w.code != "missing"]
    for warning in others:
        click.echo(warning.render(), err=True)
    if missing:
        units = len({w.path for w in missing})
        click.echo(f"warning: {len(missing)} answers missing in {units} assessment(s), scored 0 "
                   "(`parindex validate` lists them; --strict makes them errors)", err=True)


def _emit(text: str | bytes, output: str | None, inputs: Sequence[str], *, fmt: str,
          bom: bool) -> None:
    from parindex.outputs.export import check_output, csv_bytes, write_atomic

    if output is None:
        click.echo(text if isinstance(text, str) else text.decode(), nl=False)
        return
    target = check_output(output, inputs)
    data = text if isinstance(text, bytes) else (
        csv_bytes(text, bom) if fmt == "csv" else text.encode("utf-8"))
    write_atomic(target, data)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("unit", metavar="UNIT.yaml")
@_criteria_option
@_table_options
@_output_options(["table", "json", "csv"])
@click.pass_context
def score(ctx: click.Context, unit: str, criteria: str | None, appraisal: tuple[str, ...],
          survey: tuple[str, ...], strict: bool, fmt: str | None, output: str | None,
          no_bom: bool) -> None:
    """Score one unit: its criteria tree, field indices, total, index and band."""
    chosen = resolve_format(fmt, output)
    inputs = _gather(_request([unit], criteria, appraisal=appraisal, survey=survey,
                              strict=strict, single_unit=True))
    from parindex.app import score_inputs

    result = score_inputs(inputs)[0]
    _warn_missing(inputs)
    if chosen == "table":
        from parindex.outputs.unit_views import render_score

        render_score(_console(), result, ctx.obj["lang"])
        return
    from parindex.outputs.export import score_output

    _emit(score_output(chosen, result), output, inputs.files, fmt=chosen, bom=not no_bom)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_criteria_option
@_table_options
@_output_options(["table", "json", "csv"])
@click.option("--breakdown", default=None, metavar="FILE.csv",
              help="Also write one row per unit and leaf, with how the points came about.")
@click.option("--previous", default=None, metavar="FILE.csv",
              help="An earlier parindex ranking: adds rank and index changes.")
@click.option("--id-map", "id_map", default=None, metavar="FILE.csv",
              help="old_id,new_id rows so renamed and merged units keep their history.")
@click.option("--roster", default=None, metavar="FILE",
              help="unit_id,unit_name,group of every unit expected (CSV/XLSX).")
@click.option("--allow-absent", is_flag=True,
              help="Rank roster units without an assessment last, as not submitted.")
@click.option("--claims", is_flag=True,
              help="List where claimed and final points differ, largest over-claim first.")
@click.pass_context
def rank(ctx: click.Context, paths: tuple[str, ...], criteria: str | None,
         appraisal: tuple[str, ...], survey: tuple[str, ...], strict: bool, fmt: str | None,
         output: str | None, no_bom: bool, breakdown: str | None, previous: str | None,
         id_map: str | None, roster: str | None, allow_absent: bool, claims: bool) -> None:
    """Rank every unit found under PATH..., one ranking per framework and group."""
    chosen = resolve_format(fmt, output)
    if breakdown is not None and os.path.splitext(breakdown)[1].lower() != ".csv":
        raise click.UsageError(f"--breakdown {breakdown}: the breakdown is written as .csv")
    if (breakdown is not None and output is not None
            and os.path.realpath(breakdown) == os.path.realpath(output)):
        raise click.UsageError(f"-o {output} and --breakdown {breakdown} name the same file")
    if allow_absent and roster is None:
        raise click.UsageError("--allow-absent needs --roster")
    inputs = _gather(_request(paths, criteria, appraisal=appraisal, survey=survey,
                              strict=strict, roster=roster, allow_absent=allow_absent))
    from parindex.errors import ProblemLog
    from parindex.app import score_inputs
    from parindex.core.ranking import gone_units, rank_units
    from parindex.inputs.sheets import load_id_map, load_previous

    log = ProblemLog()
    prev_entries = load_previous(previous, log.problems) if previous else None
    mapping = load_id_map(id_map, log.problems) if id_map else None
    log.raise_if_errors()
    results = score_inputs(inputs)
    prev = ({k: (v.rank, v.index) for k, v in prev_entries.items()}
            if prev_entries is not None else None)
    rankings = rank_units(results, prev, mapping)
    _warn_missing(inputs)
    all_inputs = inputs.files + [p for p in (previous, id_map) if p]
    from parindex.outputs import export

    with_history = prev is not None
    if output is not None:  # refuse a bad -o before the breakdown is written, not after
        export.check_output(output, all_inputs)
    if breakdown is not None:
        target = export.check_output(breakdown, all_inputs)
        text = export.to_csv(export.BREAKDOWN_COLUMNS, export.breakdown_rows(results),
                             export.precisions(results))
        export.write_atomic(target, export.csv_bytes(text, not no_bom))
        click.echo(f"wrote {breakdown}", err=True)
    if claims and chosen == "table":
        from parindex.outputs.unit_views import render_claims_table

        render_claims_table(_console(), rankings, ctx.obj["lang"])
        return
    if chosen == "table":
        from parindex.outputs.views import render_ranking

        gone = gone_units(rankings, prev_entries or {}, mapping) if prev_entries else []
        names = {k: v.unit_name for k, v in (prev_entries or {}).items() if v.unit_name}
        render_ranking(_console(), rankings, ctx.obj["lang"], with_history=with_history,
                       gone=gone, names=names)
        return
    _emit(export.ranking_output(chosen, rankings, results, with_history=with_history,
                                claims=claims, inputs=all_inputs),
          output, all_inputs, fmt=chosen, bom=not no_bom)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_criteria_option
@_table_options
@click.option("--roster", default=None, metavar="FILE", help="Units expected (CSV/XLSX).")
@click.option("--allow-absent", is_flag=True, help="Roster units may lack an assessment.")
def validate(paths: tuple[str, ...], criteria: str | None, appraisal: tuple[str, ...],
             survey: tuple[str, ...], strict: bool, roster: str | None,
             allow_absent: bool) -> None:
    """Check frameworks, assessments and tables; report every problem at once."""
    from parindex.errors import InputError
    from parindex.inputs.gather import gather

    request = _request(paths, criteria, appraisal=appraisal, survey=survey, strict=strict,
                       roster=roster, allow_absent=allow_absent, need_assessments=False)
    try:
        inputs = gather(request)
    except InputError as exc:
        for problem in sorted([*exc.problems, *exc.warnings], key=lambda p: p.sort_key):
            click.echo(problem.render(), err=True)
        click.echo(f"{len(exc.problems)} error(s), {len(exc.warnings)} warning(s)", err=True)
        raise SystemExit(1) from None
    for warning in inputs.warnings:
        click.echo(warning.render(), err=True)
    tables = len(appraisal) + len(survey) + (1 if roster else 0)
    click.echo(f"ok: {len(inputs.frameworks)} framework(s), {len(inputs.assessments)} "
               f"assessment(s), {tables} table(s); {len(inputs.warnings)} warning(s)")


@main.command()
@click.argument("framework_file", metavar="FRAMEWORK.yaml")
@click.pass_context
def show(ctx: click.Context, framework_file: str) -> None:
    """The framework tree with max points and each node's weight in the index."""
    from parindex.inputs.loading import load_framework_file
    from parindex.outputs.views import render_show

    render_show(_console(), load_framework_file(framework_file), ctx.obj["lang"])


@main.command()
@click.argument("which", type=click.Choice(["framework", "assessment"]))
def schema(which: str) -> None:
    """JSON Schema of the framework or assessment file format, for editors."""
    import json

    from parindex.inputs.schema import json_schema

    click.echo(json.dumps(json_schema(which), ensure_ascii=False, indent=2))


@main.command()
@click.argument("framework_file", metavar="FRAMEWORK.yaml")
@click.option("--unit-id", required=True, help="Id of the unit the form is for.")
@click.option("--unit-name", required=True, help="Name of the unit.")
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Write the form to FILE (never over an existing file).")
@click.pass_context
def template(ctx: click.Context, framework_file: str, unit_id: str, unit_name: str,
             output: str | None) -> None:
    """A blank assessment listing every criterion the unit answers, each with its rule."""
    from parindex.inputs.loading import load_framework_file
    from parindex.outputs.template import render_template

    text = render_template(load_framework_file(framework_file), unit_id, unit_name,
                           ctx.obj["lang"])
    if output is None:
        click.echo(text, nl=False)
        return
    from parindex.errors import OutputError
    from parindex.outputs.export import check_output, write_atomic

    target = check_output(output, [framework_file])
    if target.exists():
        raise OutputError(f"{output}: already exists; parindex does not overwrite a form")
    write_atomic(target, text.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("unit", metavar="UNIT.yaml")
@_criteria_option
@_table_options
@click.option("--ranking", default=None, metavar="FILE.csv",
              help="A parindex ranking CSV: points needed to pass each unit above.")
@click.pass_context
def gaps(ctx: click.Context, unit: str, criteria: str | None, appraisal: tuple[str, ...],
         survey: tuple[str, ...], strict: bool, ranking: str | None) -> None:
    """Where the unit loses points, what would earn them, and the points to climb."""
    inputs = _gather(_request([unit], criteria, appraisal=appraisal, survey=survey,
                              strict=strict, single_unit=True))
    from parindex.app import score_inputs

    result = score_inputs(inputs)[0]
    _warn_missing(inputs)
    from parindex.errors import ProblemLog
    from parindex.core.gaps import find_gaps, rivals_in
    from parindex.outputs.unit_views import render_gaps
    from parindex.inputs.sheets import load_previous

    others = None
    if ranking is not None:
        log = ProblemLog()
        entries = load_previous(ranking, log.problems)
        log.raise_if_errors()
        others = rivals_in(entries.values(), result.framework.group)
    render_gaps(_console(), find_gaps(result, others), ctx.obj["lang"])


def run() -> None:
    """The `parindex` console script (and `python -m parindex.cli`): one command per process.

    On exit the interpreter would walk every object it holds in a last garbage collection,
    a tenth of what `score` costs; frozen objects are left to the operating system instead.
    Outputs are complete and closed by then (written atomically, stdout flushed at exit).
    """
    try:
        main(prog_name="parindex")
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
