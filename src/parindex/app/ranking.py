"""`rank`: every unit scored, each group ranked, and the files a ranking is published as."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from parindex.app.unit import score_inputs
from parindex.core.ranking import gone_units, rank_units
from parindex.core.results import PreviousEntry, Ranking, UnitResult
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import Lang, _, ngettext
from parindex.inputs.discovery import Request, hash_files
from parindex.inputs.gather import Inputs, Progress, gather
from parindex.inputs.tables.history import load_id_map, load_previous
from parindex.outputs.csvjson import Dialect
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
    """One warning per framework whose survey or council values are not all in (SPEC §4),
    added to the run's warnings; with `strict` they are errors and end the run."""
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
    previous: str | None = None,
    id_map: str | None = None,
    progress: Progress | None = None,
    *,
    keep_leaves: bool = True,
) -> RankRun:
    """`rank`: read everything, score every unit, rank each framework's group; without
    `keep_leaves`, the results keep no leaves (for outputs with no breakdown, no claims)."""
    inputs = gather(request, progress)
    log = ProblemLog()
    entries = load_previous(previous, log) if previous else None
    units = {a.unit.id for a in inputs.assessments} | set(inputs.roster or {})
    mapping = (
        load_id_map(id_map, log, units=units, previous=None if entries is None else set(entries))
        if id_map
        else None
    )
    log.raise_if_errors()
    results = score_inputs(inputs, progress, release=True, keep_leaves=keep_leaves)
    check_pending(inputs, results, request.strict)
    prev = {k: (v.rank, v.index) for k, v in entries.items()} if entries is not None else None
    rankings = rank_units(results, prev, mapping)
    gone = gone_units(rankings, entries, mapping) if entries else []
    files = inputs.files + [p for p in (previous, id_map) if p]
    return RankRun(inputs, results, rankings, entries, gone, files)


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
