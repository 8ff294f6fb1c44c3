"""What a command asks of the app: one typed request per command, built by the cli from its
options and handed to `parindex.app.perform`.

Nothing here reads a file or loads a model: the cli builds requests for `--help` and usage
errors too, before anything heavy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

# the output formats a request may name (the cli takes them from here, not from outputs/)
from parindex.outputs.kinds import SUFFIXES as SUFFIXES
from parindex.outputs.kinds import OutputFormat as OutputFormat

if TYPE_CHECKING:
    from parindex.i18n import Lang
    from parindex.outputs.csvjson import Dialect as Dialect

ReportKind = Literal["html", "docx"]
SchemaKind = Literal["framework", "assessment", "questionnaire"]


@dataclass(frozen=True, slots=True)
class Sources:
    """What a run reads: the paths given, the framework directory and the tables beside them.

    `criteria` is None when --criteria was not given (./criteria is then looked for, and a unit
    may name its framework's folder)."""

    paths: tuple[str, ...]
    criteria: str | None = None
    appraisal: tuple[str, ...] = ()
    survey: tuple[str, ...] = ()
    strict: bool = False
    roster: str | None = None
    allow_absent: bool = False

    @property
    def tables(self) -> list[str]:
        """The table files given (no output may be written over one of them)."""
        return [*self.appraisal, *self.survey, *([self.roster] if self.roster else [])]


@dataclass(frozen=True, slots=True)
class Written:
    """Where a command's main output goes: `fmt` "table" prints the view; any other format
    goes to stdout, or to `output` when -o was given (CSV files with a BOM unless `bom` is
    off)."""

    fmt: OutputFormat = "table"
    output: str | None = None
    bom: bool = True
    dialect: Dialect = "standard"


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    sources: Sources
    written: Written
    lang: Lang


@dataclass(frozen=True, slots=True)
class GapsRequest:
    sources: Sources
    ranking: str | None
    lang: Lang


@dataclass(frozen=True, slots=True)
class RankRequest:
    sources: Sources
    written: Written
    lang: Lang
    breakdown: str | None = None
    previous: str | None = None
    id_map: str | None = None
    claims: bool = False
    by_field: str | None = None


@dataclass(frozen=True, slots=True)
class ValidateRequest:
    sources: Sources


@dataclass(frozen=True, slots=True)
class ShowRequest:
    framework: str
    lang: Lang


@dataclass(frozen=True, slots=True)
class SchemaRequest:
    which: SchemaKind


@dataclass(frozen=True, slots=True)
class TemplateRequest:
    framework: str
    unit_id: str
    unit_name: str
    output: str | None
    lang: Lang


@dataclass(frozen=True, slots=True)
class ReportRequest:
    sources: Sources
    output: str
    kind: ReportKind
    lang: Lang
    previous: str | None = None
    id_map: str | None = None
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyRequest:
    questionnaires: tuple[str, ...]
    responses: tuple[str, ...]
    written: Written
    lang: Lang
    criteria: str | None = None
    roster: str | None = None
    strict: bool = False


@dataclass(frozen=True, slots=True)
class SensitivityRequest:
    sources: Sources
    written: Written
    lang: Lang
    runs: int
    seed: int
    spread: float


@dataclass(frozen=True, slots=True)
class WorksheetRequest:
    sources: Sources
    units: tuple[str, ...]
    output: str
    lang: Lang


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
)
