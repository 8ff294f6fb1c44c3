"""The app's views drawn on stdout with the rich views of `outputs/terminal/` (loaded by
`deliver` only when an outcome has a view)."""

from __future__ import annotations

from collections.abc import Sequence

from typing_extensions import assert_never

from parindex.app.views import (
    ByFieldView,
    ClaimsView,
    GapsView,
    RankingView,
    ScoreView,
    SensitivityView,
    ShowView,
    StatusView,
    SurveyView,
    View,
)
from parindex.cli.common import console
from parindex.outputs.terminal.field_views import render_by_field
from parindex.outputs.terminal.gap_views import render_gaps
from parindex.outputs.terminal.status_views import render_status
from parindex.outputs.terminal.unit_views import render_claims_table, render_score
from parindex.outputs.terminal.views import SafeConsole, render_ranking, render_show


def draw(views: Sequence[View]) -> None:
    """Each view in turn, on a console of its own."""
    for view in views:
        draw_view(console(), view)


def draw_view(out: SafeConsole, view: View) -> None:
    if isinstance(view, ScoreView):
        render_score(out, view.result, view.lang)
    elif isinstance(view, GapsView):
        render_gaps(out, view.report, view.lang)
    elif isinstance(view, RankingView):
        render_ranking(
            out,
            view.rankings,
            view.lang,
            with_history=view.with_history,
            gone=view.gone,
            names=view.names,
        )
    elif isinstance(view, ClaimsView):
        render_claims_table(out, view.rankings, view.lang)
    elif isinstance(view, ByFieldView):
        render_by_field(out, view.rankings, view.field_id, view.lang)
    elif isinstance(view, ShowView):
        render_show(out, view.framework, view.lang)
    elif isinstance(view, SurveyView):
        draw_survey(out, view)
    elif isinstance(view, SensitivityView):
        draw_sensitivity(out, view)
    elif isinstance(view, StatusView):
        render_status(out, view.rows, view.frameworks, view.lang)
    else:
        assert_never(view)


# The views of `survey` and `sensitivity` are imported when drawn: the first brings the
# questionnaire's models, the second numpy (through the analysis' types), which no other
# command loads.


def draw_survey(out: SafeConsole, view: SurveyView) -> None:
    from parindex.outputs.terminal.survey_views import render_survey

    render_survey(out, view.result, view.questionnaire, view.framework, view.lang, view.names)


def draw_sensitivity(out: SafeConsole, view: SensitivityView) -> None:
    from parindex.outputs.terminal.sensitivity_views import render_sensitivity

    render_sensitivity(
        out,
        view.groups,
        view.lang,
        runs=view.runs,
        seed=view.seed,
        spread=view.spread,
        hold=view.hold,
    )
