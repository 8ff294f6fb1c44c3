"""`schema`: the JSON Schema of an input file format, for editors (no model is scored, no file
is read)."""

from __future__ import annotations

import json

from parindex.app.outcome import Outcome, Watch
from parindex.app.requests import SchemaRequest
from parindex.inputs.documents.schema import json_schema


def schema(request: SchemaRequest, watch: Watch | None) -> Outcome:
    """`schema`: the schema as JSON on stdout."""
    return Outcome(
        stdout=json.dumps(json_schema(request.which), ensure_ascii=False, indent=2) + "\n"
    )
