"""JSON Schema of the input file formats, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from parindex.core.models import Assessment, Framework
from parindex.core.questionnaire import Questionnaire

_MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "framework": (Framework, "parindex framework (criteria file)"),
    "assessment": (Assessment, "parindex unit self-assessment"),
    "questionnaire": (Questionnaire, "parindex survey questionnaire"),
}
KINDS = tuple(_MODELS)


def json_schema(which: str) -> dict[str, Any]:
    """The schema of `framework`, `assessment` or `questionnaire` files, for editors."""
    model, title = _MODELS[which]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    if which == "framework":
        _allow_bare_option_points(schema)
    return schema


def _allow_bare_option_points(schema: dict[str, Any]) -> None:
    """`options: {none: 0}` is short for `{none: {points: 0}}` (the choice rule's
    before-validator accepts it; the generated schema cannot see that)."""
    options = schema["$defs"]["ChoiceRule"]["properties"]["options"]
    options["additionalProperties"] = {
        "anyOf": [options["additionalProperties"], {"type": "number"}, {"type": "string"}]
    }
