"""`show`: one framework read and shown as a tree."""

from __future__ import annotations

from parindex.app.outcome import Outcome, Watch
from parindex.app.requests import ShowRequest
from parindex.app.views import ShowView
from parindex.inputs.documents.loading import load_framework_file


def show(request: ShowRequest, watch: Watch | None) -> Outcome:
    """`show`: the framework's tree as a view."""
    framework = load_framework_file(request.framework)
    return Outcome(views=[ShowView(framework, request.lang)])
