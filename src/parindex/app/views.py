"""What a command shows on the terminal, as data: the cli draws each view with the rich views of
`outputs/terminal/` (the app draws nothing). One class per view; its fields are what the
drawing needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parindex.core.gaps import GapReport
    from parindex.core.models import Framework
    from parindex.core.questionnaire import Questionnaire
    from parindex.core.results import Ranking, UnitResult
    from parindex.core.sensitivity import GroupSensitivity
    from parindex.core.survey import SurveyResult
    from parindex.i18n import Lang


@dataclass(frozen=True, slots=True)
class ScoreView:
    """`score`: the unit's criteria tree, field indices, total, index and band."""

    result: UnitResult
    lang: Lang


@dataclass(frozen=True, slots=True)
class GapsView:
    """`gaps`: where the unit loses points and what would earn them."""

    report: GapReport
    lang: Lang


@dataclass(frozen=True, slots=True)
class RankingView:
    """`rank`: one table per framework and group (with the earlier ranking's changes)."""

    rankings: Sequence[Ranking]
    lang: Lang
    with_history: bool = False
    gone: Sequence[str] = ()
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimsView:
    """`rank --claims`: where claimed and final points differ."""

    rankings: Sequence[Ranking]
    lang: Lang


@dataclass(frozen=True, slots=True)
class ByFieldView:
    """`rank --by-field`: each group ranked on one field's index."""

    rankings: Sequence[Ranking]
    field_id: str
    lang: Lang


@dataclass(frozen=True, slots=True)
class ShowView:
    """`show`: the framework tree with max points and weights."""

    framework: Framework
    lang: Lang


@dataclass(frozen=True, slots=True)
class SurveyView:
    """`survey`: one questionnaire's forms and the values they give."""

    result: SurveyResult
    questionnaire: Questionnaire
    framework: Framework
    lang: Lang


@dataclass(frozen=True, slots=True)
class SensitivityView:
    """`sensitivity`: how firm each rank is, group by group."""

    groups: Sequence[GroupSensitivity]
    lang: Lang
    runs: int
    seed: int
    spread: float


View = (
    ScoreView
    | GapsView
    | RankingView
    | ClaimsView
    | ByFieldView
    | ShowView
    | SurveyView
    | SensitivityView
)
