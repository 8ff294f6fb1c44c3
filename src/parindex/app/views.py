"""What a command shows on the terminal, as data: the cli draws each view with the rich views of
`outputs/terminal/` (the app draws nothing). One class per view (written out, cheap to
define, like the requests); its fields are what the drawing needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parindex.core.gaps import GapReport
    from parindex.core.models import Framework
    from parindex.core.questionnaire import Questionnaire
    from parindex.core.results import Ranking, UnitResult
    from parindex.core.sensitivity import GroupSensitivity
    from parindex.core.status import UnitStatus
    from parindex.core.survey import SurveyResult
    from parindex.i18n import Lang


class ScoreView:
    """`score`: the unit's criteria tree, field indices, total, index and band."""

    __slots__ = ("lang", "result")

    def __init__(self, result: UnitResult, lang: Lang) -> None:
        self.result = result
        self.lang = lang


class GapsView:
    """`gaps`: where the unit loses points and what would earn them."""

    __slots__ = ("lang", "report")

    def __init__(self, report: GapReport, lang: Lang) -> None:
        self.report = report
        self.lang = lang


class RankingView:
    """`rank`: one table per framework and group (with the earlier ranking's changes)."""

    __slots__ = ("gone", "lang", "names", "rankings", "with_history")

    def __init__(
        self,
        rankings: Sequence[Ranking],
        lang: Lang,
        with_history: bool = False,
        gone: Sequence[str] = (),
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.rankings = rankings
        self.lang = lang
        self.with_history = with_history
        self.gone = gone
        self.names = names


class ClaimsView:
    """`rank --claims`: where claimed and final points differ."""

    __slots__ = ("lang", "rankings")

    def __init__(self, rankings: Sequence[Ranking], lang: Lang) -> None:
        self.rankings = rankings
        self.lang = lang


class ByFieldView:
    """`rank --by-field`: each group ranked on one field's index."""

    __slots__ = ("field_id", "lang", "rankings")

    def __init__(self, rankings: Sequence[Ranking], field_id: str, lang: Lang) -> None:
        self.rankings = rankings
        self.field_id = field_id
        self.lang = lang


class ShowView:
    """`show`: the framework tree with max points and weights."""

    __slots__ = ("framework", "lang")

    def __init__(self, framework: Framework, lang: Lang) -> None:
        self.framework = framework
        self.lang = lang


class SurveyView:
    """`survey`: one questionnaire's forms and the values they give."""

    __slots__ = ("framework", "lang", "names", "questionnaire", "result")

    def __init__(
        self,
        result: SurveyResult,
        questionnaire: Questionnaire,
        framework: Framework,
        lang: Lang,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.result = result
        self.questionnaire = questionnaire
        self.framework = framework
        self.lang = lang
        self.names = names or {}  # unit id → name (the roster's), shown instead of the id


class SensitivityView:
    """`sensitivity`: how firm each rank is, group by group."""

    __slots__ = ("groups", "hold", "lang", "runs", "seed", "spread")

    def __init__(
        self,
        groups: Sequence[GroupSensitivity],
        lang: Lang,
        runs: int,
        seed: int,
        spread: float,
        hold: float = 90,
    ) -> None:
        self.groups = groups
        self.lang = lang
        self.runs = runs
        self.seed = seed
        self.spread = spread
        self.hold = hold


class StatusView:
    """`status`: each group's units and where they stand, with the group's counts (`frameworks`
    by group: titles and decimals)."""

    __slots__ = ("frameworks", "lang", "rows")

    def __init__(
        self, rows: Sequence[UnitStatus], frameworks: Mapping[str, Framework], lang: Lang
    ) -> None:
        self.rows = rows
        self.frameworks = frameworks
        self.lang = lang


View = (
    ScoreView
    | GapsView
    | RankingView
    | ClaimsView
    | ByFieldView
    | ShowView
    | SurveyView
    | SensitivityView
    | StatusView
)
