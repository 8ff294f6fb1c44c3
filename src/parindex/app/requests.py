"""What a command asks of the app: one typed request per command, built by the cli from its
options and handed to `parindex.app.perform`.

Nothing here reads a file or loads a model: the cli builds requests before anything heavy is
imported. They are plain classes with slots, written out: every run of every command imports
this module, and a dataclass or a named tuple costs about a million instructions to define
(its methods are generated at import), which made 1.5% of a `score` for these thirteen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

# the output formats a request may name (the cli takes them from here, not from outputs/)
from parindex.outputs.kinds import SUFFIXES as SUFFIXES
from parindex.outputs.kinds import OutputFormat as OutputFormat

if TYPE_CHECKING:
    from parindex.i18n import Lang
    from parindex.outputs.csvjson import Dialect as Dialect

ReportKind = Literal["html", "docx"]
# An earlier ranking (--previous [YEAR=]FILE): its year (None: the year before the frameworks'
# year) and its file.
Earlier = tuple[int | None, str]
SchemaKind = Literal["framework", "assessment", "questionnaire"]


class Sources:
    """What a run reads: the paths given, the framework directory and the tables beside them.

    `criteria` is None when --criteria was not given (./criteria is then looked for, and a unit
    may name its framework's folder). `partial`: the paths were given on the command line while
    the roster came from the year's settings, so they are some of the year's units (`validate
    FILE` does not report the roster's other units as absent)."""

    __slots__ = (
        "allow_absent",
        "appraisal",
        "criteria",
        "partial",
        "paths",
        "roster",
        "strict",
        "survey",
    )

    def __init__(
        self,
        paths: tuple[str, ...],
        criteria: str | None = None,
        appraisal: tuple[str, ...] = (),
        survey: tuple[str, ...] = (),
        strict: bool = False,
        roster: str | None = None,
        allow_absent: bool = False,
        partial: bool = False,
    ) -> None:
        self.paths = paths
        self.criteria = criteria
        self.appraisal = appraisal
        self.survey = survey
        self.strict = strict
        self.roster = roster
        self.allow_absent = allow_absent
        self.partial = partial

    @property
    def tables(self) -> list[str]:
        """The table files given (no output may be written over one of them)."""
        return [*self.appraisal, *self.survey, *([self.roster] if self.roster else [])]


class Written:
    """Where a command's main output goes: `fmt` "table" prints the view; any other format
    goes to stdout, or to `output` when -o was given (CSV files with a BOM unless `bom` is
    off)."""

    __slots__ = ("bom", "dialect", "fmt", "output")

    def __init__(
        self,
        fmt: OutputFormat = "table",
        output: str | None = None,
        bom: bool = True,
        dialect: Dialect = "standard",
    ) -> None:
        self.fmt = fmt
        self.output = output
        self.bom = bom
        self.dialect = dialect


class ScoreRequest:
    __slots__ = ("lang", "sources", "written")

    def __init__(self, sources: Sources, written: Written, lang: Lang) -> None:
        self.sources = sources
        self.written = written
        self.lang = lang


class GapsRequest:
    __slots__ = ("lang", "ranking", "sources")

    def __init__(self, sources: Sources, ranking: str | None, lang: Lang) -> None:
        self.sources = sources
        self.ranking = ranking
        self.lang = lang


class RankRequest:
    __slots__ = (
        "breakdown",
        "by_field",
        "claims",
        "id_map",
        "lang",
        "previous",
        "sources",
        "written",
    )

    def __init__(
        self,
        sources: Sources,
        written: Written,
        lang: Lang,
        breakdown: str | None = None,
        previous: tuple[Earlier, ...] = (),
        id_map: str | None = None,
        claims: bool = False,
        by_field: str | None = None,
    ) -> None:
        self.sources = sources
        self.written = written
        self.lang = lang
        self.breakdown = breakdown
        self.previous = previous
        self.id_map = id_map
        self.claims = claims
        self.by_field = by_field


class ValidateRequest:
    __slots__ = ("replies", "sources")

    def __init__(self, sources: Sources, replies: tuple[str, ...] = ()) -> None:
        self.sources = sources
        self.replies = replies


class ShowRequest:
    __slots__ = ("framework", "lang")

    def __init__(self, framework: str, lang: Lang) -> None:
        self.framework = framework
        self.lang = lang


class SchemaRequest:
    __slots__ = ("which",)

    def __init__(self, which: SchemaKind) -> None:
        self.which = which


FormKind = Literal["xlsx", "yaml"]


class TemplateRequest:
    """A unit's form (`unit_id`, `unit_name`; either may come from `source`), or with
    `roster` one form of kind `form` per roster unit of the framework's group, into the
    directory `output`. `source` (--from) prefills: a YAML assessment or a workbook form, or
    with `roster` a directory of them. `output`: None for YAML on stdout, else a file whose
    extension says which form."""

    __slots__ = ("form", "framework", "lang", "output", "roster", "source", "unit_id", "unit_name")

    def __init__(
        self,
        framework: str,
        unit_id: str | None,
        unit_name: str | None,
        output: str | None,
        lang: Lang,
        *,
        roster: str | None = None,
        source: str | None = None,
        form: FormKind = "xlsx",
    ) -> None:
        self.framework = framework
        self.unit_id = unit_id
        self.unit_name = unit_name
        self.output = output
        self.lang = lang
        self.roster = roster
        self.source = source
        self.form = form


class ReportRequest:
    __slots__ = ("decision", "id_map", "kind", "lang", "output", "previous", "sources")

    def __init__(
        self,
        sources: Sources,
        output: str,
        kind: ReportKind,
        lang: Lang,
        previous: tuple[Earlier, ...] = (),
        id_map: str | None = None,
        decision: str | None = None,
    ) -> None:
        self.sources = sources
        self.output = output
        self.kind = kind
        self.lang = lang
        self.previous = previous
        self.id_map = id_map
        self.decision = decision


class SurveyRequest:
    __slots__ = ("criteria", "lang", "questionnaires", "responses", "roster", "strict", "written")

    def __init__(
        self,
        questionnaires: tuple[str, ...],
        responses: tuple[str, ...],
        written: Written,
        lang: Lang,
        criteria: str | None = None,
        roster: str | None = None,
        strict: bool = False,
    ) -> None:
        self.questionnaires = questionnaires
        self.responses = responses
        self.written = written
        self.lang = lang
        self.criteria = criteria
        self.roster = roster
        self.strict = strict


class SensitivityRequest:
    __slots__ = ("hold", "lang", "runs", "seed", "sources", "spread", "written")

    def __init__(
        self,
        sources: Sources,
        written: Written,
        lang: Lang,
        runs: int,
        seed: int,
        spread: float,
        hold: float = 90,
    ) -> None:
        self.sources = sources
        self.written = written
        self.lang = lang
        self.runs = runs
        self.seed = seed
        self.spread = spread
        self.hold = hold  # a rank held in fewer than this % of the runs is uncertain


class WorksheetRequest:
    __slots__ = ("lang", "output", "replies", "sources", "units")

    def __init__(
        self,
        sources: Sources,
        units: tuple[str, ...],
        output: str,
        lang: Lang,
        replies: tuple[str, ...] = (),
    ) -> None:
        self.sources = sources
        self.units = units
        self.output = output
        self.lang = lang
        self.replies = replies


class StatusRequest:
    __slots__ = ("lang", "replies", "sources", "written")

    def __init__(
        self, sources: Sources, written: Written, lang: Lang, replies: tuple[str, ...] = ()
    ) -> None:
        self.sources = sources
        self.written = written
        self.lang = lang
        self.replies = replies  # the units' replies to their notices: files or folders


class NoticeRequest:
    __slots__ = ("every", "lang", "output", "sources", "units")

    def __init__(
        self, sources: Sources, units: tuple[str, ...], every: bool, output: str, lang: Lang
    ) -> None:
        self.sources = sources
        self.units = units  # only these (empty: every unit)
        self.every = every  # also the units the council did not correct
        self.output = output  # an existing folder
        self.lang = lang


class InitRequest:
    """`init`: the year's folder to make (`folder`), its year as given (checked by the app),
    the frameworks (`criteria`), the roster, and last year's folder (`last_year`, --from)."""

    __slots__ = ("criteria", "folder", "lang", "last_year", "roster", "year")

    def __init__(
        self,
        folder: str,
        year: str,
        lang: Lang,
        criteria: str | None = None,
        roster: str | None = None,
        last_year: str | None = None,
    ) -> None:
        self.folder = folder
        self.year = year
        self.lang = lang
        self.criteria = criteria
        self.roster = roster
        self.last_year = last_year


Request = (
    ScoreRequest
    | GapsRequest
    | RankRequest
    | ValidateRequest
    | ShowRequest
    | SchemaRequest
    | TemplateRequest
    | ReportRequest
    | SurveyRequest
    | SensitivityRequest
    | WorksheetRequest
    | StatusRequest
    | InitRequest
    | NoticeRequest
)
