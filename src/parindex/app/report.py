"""`report`: the published report (HTML) or the decision appendix (DOCX) of a ranking run.

matplotlib, Jinja2 and python-docx are imported inside `report_file`, by the one command that
needs them: `rank`, which shares the run, never loads them.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_never

from parindex.app.ranking import RankRun
from parindex.i18n import Lang

ReportKind = Literal["html", "docx"]


def report_file(run: RankRun, kind: ReportKind, lang: Lang, decision: str | None = None) -> bytes:
    """The report or the appendix of `run` in `lang`, as the bytes of the file."""
    if kind == "html":
        from parindex.outputs.report.html import render_html

        return render_html(
            run.rankings,
            lang,
            with_history=run.with_history,
            names=run.previous_names,
            decision=decision,
        )
    if kind == "docx":
        from parindex.outputs.report.docx import render_docx

        return render_docx(
            run.rankings,
            lang,
            with_history=run.with_history,
            names=run.previous_names,
            decision=decision,
        )
    assert_never(kind)
