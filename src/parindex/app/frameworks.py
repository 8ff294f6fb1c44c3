"""`show` and `template`: one framework read, shown as a tree or turned into a blank form."""

from __future__ import annotations

from parindex.app.outcome import Outcome, OutputFile, Watch
from parindex.app.requests import ShowRequest, TemplateRequest
from parindex.app.views import ShowView
from parindex.i18n import _
from parindex.inputs.documents.loading import load_framework_file
from parindex.outputs.template import render_template


def show(request: ShowRequest, watch: Watch | None) -> Outcome:
    """`show`: the framework's tree as a view."""
    framework = load_framework_file(request.framework)
    return Outcome(views=[ShowView(framework, request.lang)])


def template(request: TemplateRequest, watch: Watch | None) -> Outcome:
    """`template`: the blank assessment on stdout, or in a new file (never over one that
    exists: someone may have filled it in)."""
    framework = load_framework_file(request.framework)
    text = render_template(framework, request.unit_id, request.unit_name, request.lang)
    if request.output is None:
        return Outcome(stdout=text)
    refusal = _("{file}: already exists; parindex does not overwrite a form").format(
        file=request.output
    )
    form = OutputFile(request.output, text.encode("utf-8"), refuse_existing=refusal)
    return Outcome(files=[form], guard=[request.framework])
