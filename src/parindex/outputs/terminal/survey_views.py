"""The survey table on a terminal: forms per respondent group against `min`, then values."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parindex.core.models import Framework
from parindex.core.questionnaire import Questionnaire
from parindex.core.survey import PLACES, SurveyResult
from parindex.i18n import Lang, _, number, pick


def _forms_table(
    result: SurveyResult, questionnaire: Questionnaire, lang: Lang, names: Mapping[str, str]
) -> Table:
    table = Table(
        title=_("Forms per respondent group (received/minimum)"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column(_("Unit"))
    for group in questionnaire.groups:
        table.add_column(group.label(lang), justify="right")
    table.add_column(_("Forms"), justify="right")
    for unit_id in result.units:
        counts = result.forms[unit_id]
        cells: list[Text | str] = [names.get(unit_id, unit_id)]
        for group in questionnaire.groups:
            got = counts.get(group.id, 0)
            shown = f"{got}/{group.min}" if group.min else str(got)
            cells.append(Text(shown, style="bold red") if got < group.min else shown)
        cells.append(str(sum(counts.values())))
        table.add_row(*cells)
    return table


def _values_table(
    result: SurveyResult, framework: Framework, lang: Lang, names: Mapping[str, str]
) -> Table:
    table = Table(title=_("Survey values"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(_("Unit"))
    table.add_column(_("Criterion"))
    table.add_column(_("Value"), justify="right")
    table.add_column(_("Forms"), justify="right")
    last = None
    for row in result.rows:
        leaf = framework.leaf(row.criterion)
        name = leaf.criterion.label(lang) if leaf is not None else ""
        table.add_row(
            names.get(row.unit_id, row.unit_id) if row.unit_id != last else "",
            Text(f"{row.criterion} {name}", overflow="ellipsis", no_wrap=True),
            number(row.value, lang, PLACES),
            str(row.forms),
        )
        last = row.unit_id
    return table


def render_survey(
    console: Console,
    result: SurveyResult,
    questionnaire: Questionnaire,
    framework: Framework,
    lang: Lang,
    names: Mapping[str, str] | None = None,
) -> None:
    """What `survey` prints without --format: the quotas, then the survey table; each unit by
    its name when the roster gives it (`names`), else by its id."""
    names = names or {}
    heading = pick(questionnaire.title or "", questionnaire.title_en, lang) or (
        f"{questionnaire.questionnaire} → {framework.framework}: {framework.title_in(lang)}"
    )
    console.print(Text(heading))
    if not result.rows:
        console.print(_("No form answered any question."))
        return
    console.print(_forms_table(result, questionnaire, lang, names))
    console.print(_values_table(result, framework, lang, names))
