"""`report`: the published report (HTML) or the decision appendix (DOCX) of a ranking run.

The one place that loads the report libraries: matplotlib and Jinja2 come with the HTML
writer, python-docx with the Word writer, each imported inside `report_file` when that file
is made. `rank`, which shares the run, loads neither; the appendix does not load matplotlib.
"""

from __future__ import annotations

from typing_extensions import assert_never

from parindex.app.common import check_absent, follow, reading, warning_lines
from parindex.app.outcome import Outcome, OutputFile, Watch, said_first
from parindex.app.ranking import RankRun, rank_run
from parindex.app.requests import ReportKind, ReportRequest
from parindex.i18n import Lang
from parindex.outputs.files import check_output


def report(request: ReportRequest, watch: Watch | None) -> Outcome:
    """`report`: the rankings of every framework and group in one HTML or DOCX file."""
    check_absent(request.sources)
    req = reading(request.sources)
    run = rank_run(req, request.previous, request.id_map, follow(req, watch))
    outcome = Outcome(warnings=warning_lines(run.inputs), guard=run.files)
    with said_first(outcome.warnings):
        check_output(request.output, run.files)  # refuse a bad -o before the charts are drawn
        data = report_file(run, request.kind, request.lang, request.decision)
    outcome.files.append(OutputFile(request.output, data))
    return outcome


def report_file(run: RankRun, kind: ReportKind, lang: Lang, decision: str | None = None) -> bytes:
    """The report or the appendix of `run` in `lang`, as the bytes of the file."""
    if kind == "html":
        from parindex.outputs.report.html import render_html  # matplotlib and Jinja2

        return render_html(
            run.rankings,
            lang,
            with_history=run.with_history,
            names=run.previous_names,
            decision=decision,
            years=run.years,
        )
    if kind == "docx":
        from parindex.outputs.report.docx import render_docx  # python-docx

        return render_docx(
            run.rankings,
            lang,
            with_history=run.with_history,
            names=run.previous_names,
            decision=decision,
        )
    assert_never(kind)
