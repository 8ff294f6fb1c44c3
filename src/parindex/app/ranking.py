"""`rank`: every unit scored, each group ranked, and what is made of the rankings: the view,
the ranking file (or its by-field or claims form) and the breakdown, every file made before
any is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from parindex.app.common import check_absent, follow, reading, warning_lines
from parindex.app.files import file_bytes, main_output
from parindex.app.history import read_history
from parindex.app.outcome import Outcome, OutputFile, Watch, said_first
from parindex.app.requests import Earlier, RankRequest
from parindex.app.unit import score_inputs
from parindex.app.views import ByFieldView, ClaimsView, RankingView, View
from parindex.core.ranking import gone_units, rank_units
from parindex.core.results import PreviousEntry, Ranking, UnitResult
from parindex.core.years import YearPoint
from parindex.errors import InputError, Problem, ProblemLog, UsageError
from parindex.i18n import Lang, _, ngettext
from parindex.inputs.discovery import Request, hash_files
from parindex.inputs.found import Progress
from parindex.inputs.gather import Inputs, gather
from parindex.inputs.tables.history import load_id_map
from parindex.outputs.csvjson import Dialect
from parindex.outputs.files import check_output
from parindex.outputs.formats import breakdown_output, by_field_output, ranking_output
from parindex.outputs.kinds import FileFormat, TableFormat
from parindex.outputs.records import Cell, breakdown_rows, field_columns


@dataclass(slots=True)
class RankRun:
    """What `rank` computed: the rankings and everything its outputs need beside them."""

    inputs: Inputs
    results: list[UnitResult]
    rankings: list[Ranking]
    previous: dict[str, PreviousEntry] | None = None
    gone: list[str] = field(default_factory=list)  # last year's units nobody continues
    files: list[str] = field(default_factory=list)  # every input, tables and --previous too
    # each unit's rank and index in the earlier years, oldest first (None without --previous)
    years: dict[str, tuple[YearPoint, ...]] | None = None
    _breakdown: list[dict[str, Cell]] | None = None

    def breakdown(self) -> list[dict[str, Cell]]:
        """The breakdown rows, made once for every output that shows them."""
        if self._breakdown is None:
            self._breakdown = breakdown_rows(self.results)
        return self._breakdown

    @property
    def with_history(self) -> bool:
        return self.previous is not None

    @property
    def previous_names(self) -> dict[str, str]:
        return {k: v.unit_name for k, v in (self.previous or {}).items() if v.unit_name}


def check_pending(inputs: Inputs, results: list[UnitResult], strict: bool) -> None:
    """One warning per framework whose survey or council values are not all in (they score 0
    until supplied), added to the run's warnings; with `strict` they are errors and end the
    run."""
    problems = []
    for framework_id, loaded in sorted(inputs.frameworks.items()):
        waiting = [
            r
            for r in results
            if r.framework.framework == framework_id and r.submitted and r.pending
        ]
        if not waiting:
            continue
        count = sum(r.pending for r in waiting)
        message = ngettext(
            "{count} survey or council value is pending in {units} unit(s) of framework "
            "{framework!r}, scored 0 until supplied (--survey, --appraisal)",
            "{count} survey or council values are pending in {units} unit(s) of framework "
            "{framework!r}, scored 0 until supplied (--survey, --appraisal)",
            count,
        ).format(count=count, units=len(waiting), framework=framework_id)
        if strict:
            message += _("; --strict requires every value")
        problems.append(Problem(loaded.path, message, severity="error" if strict else "warning"))
    if strict and problems:
        raise InputError(problems, inputs.warnings)
    inputs.warnings.extend(problems)


def rank_run(
    request: Request,
    previous: Sequence[Earlier] = (),
    id_map: str | None = None,
    progress: Progress | None = None,
    *,
    keep_leaves: bool = True,
) -> RankRun:
    """`rank`: read everything, score every unit, rank each framework's group (against the
    earlier rankings of `previous`); without `keep_leaves`, the results keep no leaves (for
    outputs with no breakdown, no claims)."""
    inputs = gather(request, progress)
    log = ProblemLog()
    history = read_history(previous, inputs.frameworks.values(), log)
    entries = history.latest
    units = {a.unit.id for a in inputs.assessments} | set(inputs.roster or {})
    mapping = (
        load_id_map(id_map, log, units=units, previous=history.ids if entries is not None else None)
        if id_map
        else None
    )
    log.raise_if_errors()
    inputs.warnings.extend(log)  # what the earlier rankings and the id map warn of
    results = score_inputs(inputs, progress, release=True, keep_leaves=keep_leaves)
    check_pending(inputs, results, request.strict)
    prev = {k: (v.rank, v.index) for k, v in entries.items()} if entries is not None else None
    rankings = rank_units(results, prev, mapping)
    gone = gone_units(rankings, entries, mapping) if entries else []
    files = inputs.files + history.files + ([id_map] if id_map else [])
    years = history.years(rankings, mapping) if entries is not None else None
    return RankRun(inputs, results, rankings, entries, gone, files, years=years)


def ranking_file(
    run: RankRun, fmt: FileFormat, *, claims: bool, lang: Lang, dialect: Dialect = "standard"
) -> str | bytes:
    """`rank`'s main output as a file of `fmt` (JSON records the SHA-256 of every input)."""
    hashes = hash_files(run.files) if fmt == "json" else []
    return ranking_output(
        fmt,
        run.rankings,
        run.results,
        with_history=run.with_history,
        claims=claims,
        hashes=hashes,
        lang=lang,
        dialect=dialect,
        breakdown=run.breakdown() if fmt == "xlsx" else None,
        names=run.previous_names,
        years=run.years,
    )


def known_fields(run: RankRun) -> list[str]:
    """The field ids `rank --by-field` accepts: fields of the frameworks ranked."""
    return field_columns(run.rankings)


def by_field_file(
    run: RankRun,
    fmt: Literal["csv", "json"],
    field_id: str,
    *,
    lang: Lang,
    dialect: Dialect = "standard",
) -> str:
    """`rank --by-field` as CSV or JSON (JSON records the SHA-256 of every input)."""
    hashes = hash_files(run.files) if fmt == "json" else []
    return by_field_output(fmt, run.rankings, field_id, hashes, lang=lang, dialect=dialect)


def breakdown_file(
    run: RankRun, fmt: TableFormat, *, lang: Lang, dialect: Dialect = "standard"
) -> str | bytes:
    """`rank --breakdown`: one row per unit and leaf, CSV or XLSX."""
    return breakdown_output(fmt, run.results, lang=lang, dialect=dialect, rows=run.breakdown())


def rank(request: RankRequest, watch: Watch | None) -> Outcome:
    """`rank`: the rankings as a view (the table, the claims or one field's), or as a file of
    the chosen format; and the breakdown beside either."""
    check_absent(request.sources)
    req = reading(request.sources)
    progress = follow(req, watch)
    # Leaves are kept only for the outputs that show them: a breakdown, the claims, a JSON
    # document (its criteria) or a workbook (its breakdown and claims sheets).
    fmt = request.written.fmt
    leaves = request.breakdown is not None or request.claims or fmt not in ("csv", "table")
    run = rank_run(req, request.previous, request.id_map, progress, keep_leaves=leaves)
    outcome = Outcome(warnings=warning_lines(run.inputs), guard=run.files)
    with said_first(outcome.warnings):
        _check_field(run, request.by_field)
        if request.written.output is not None:  # a bad -o is refused before anything is made
            check_output(request.written.output, run.files)
        if progress is not None:
            progress("writing", 0, None)
        # Every file is made before any is written: a ranking that cannot be written (a text
        # no workbook can hold) leaves no breakdown behind, and the two are renamed together.
        if request.breakdown is not None:
            outcome.files.append(_breakdown(run, request, request.breakdown))
        if fmt == "table":
            outcome.views.append(_view(run, request))
            return outcome
        return main_output(outcome, _main(run, request, fmt), request.written)


def _check_field(run: RankRun, by_field: str | None) -> None:
    known = known_fields(run)
    if by_field is not None and by_field not in known:
        raise UsageError(
            _("--by-field {by_field}: no such field; the fields are {fields}").format(
                by_field=by_field, fields=", ".join(known)
            )
        )


def _breakdown(run: RankRun, request: RankRequest, target: str) -> OutputFile:
    kind: TableFormat = "xlsx" if target.lower().endswith(".xlsx") else "csv"
    made = breakdown_file(run, kind, lang=request.lang, dialect=request.written.dialect)
    return OutputFile(target, file_bytes(made, kind, request.written.bom))


def _main(run: RankRun, request: RankRequest, fmt: FileFormat) -> str | bytes:
    dialect = request.written.dialect
    if request.by_field is None:
        return ranking_file(run, fmt, claims=request.claims, lang=request.lang, dialect=dialect)
    if fmt == "xlsx":  # pragma: no cover - the cli refuses --by-field with -o FILE.xlsx
        raise UsageError(_("--by-field writes .csv or .json"))
    return by_field_file(run, fmt, request.by_field, lang=request.lang, dialect=dialect)


def _view(run: RankRun, request: RankRequest) -> View:
    if request.by_field is not None:
        return ByFieldView(run.rankings, request.by_field, request.lang)
    if request.claims:
        return ClaimsView(run.rankings, request.lang)
    return RankingView(
        run.rankings,
        request.lang,
        with_history=run.with_history,
        gone=run.gone,
        names=run.previous_names,
    )
