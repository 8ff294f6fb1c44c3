"""Turn pydantic's validation errors into located, plain-language problems."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from parindex.core import models, questionnaire
from parindex.core.models import RULE_KINDS
from parindex.errors import Problem, ProblemLog, format_key_path
from parindex.inputs.yamlfile import Path, YamlDocument


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return repr(value)


def _message(error: Any, allowed: list[str]) -> tuple[str, bool]:
    """(message, whether it is about the key itself rather than its value)."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"required key {error['loc'][-1]!r} is missing", False
    if kind == "extra_forbidden":
        known = f"; allowed: {', '.join(allowed)}" if allowed else ""
        return f"unknown key {error['loc'][-1]!r}{known}", True
    if kind == "union_tag_invalid":
        return f"unknown rule kind {ctx.get('tag')!r}; allowed: {_KIND_WORDS}", False
    if kind == "union_tag_not_found":
        return f"a rule needs 'kind': one of {_KIND_WORDS}", False
    if kind in ("decimal_parsing", "decimal_type", "finite_number"):
        return f"{_describe(value)} is not a number", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{_describe(value)} is not a whole number", False
    if kind in ("bool_parsing", "bool_type"):
        return f"{_describe(value)} is not true/false", False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), got {_describe(value)}", False
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}", False
    if kind == "string_type":
        return f"expected text, got {_describe(value)}", False
    if kind == "literal_error":
        return f"{_describe(value)} is not allowed; expected {ctx.get('expected')}", False
    if kind in ("too_short", "string_too_short"):
        return "must not be empty", False
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), False
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"{_describe(value)} is out of range; it must be {words} {ctx.get(key)}", False
    return f"{error['msg']} (got {_describe(value)})", False


_BOUNDS = {
    "greater_than": ("gt", "greater than"),
    "greater_than_equal": ("ge", "greater than or equal to"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "less than or equal to"),
}


def _model_at(root: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, for listing its allowed keys."""
    nested: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
        (models.Framework, "criteria"): models.Criterion,
        (models.Criterion, "criteria"): models.Criterion,
        (models.Framework, "bands"): models.Band,
        (models.BandsRule, "bands"): models.Condition,
        (models.ChoiceRule, "options"): models.Option,
        (models.Assessment, "unit"): models.Unit,
        (models.Assessment, "answers"): models.Answer,
        (questionnaire.Questionnaire, "groups"): questionnaire.Group,
        (questionnaire.Questionnaire, "questions"): questionnaire.Question,
        (questionnaire.Questionnaire, "columns"): questionnaire.Columns,
    }
    rules: dict[str, type[BaseModel]] = {
        "boolean": models.BooleanRule,
        "choice": models.ChoiceRule,
        "bands": models.BandsRule,
        "ratio": models.RatioRule,
        "deduction": models.DeductionRule,
        "scale": models.ScaleRule,
        "points": models.PointsRule,
    }
    current: type[BaseModel] | None = root
    node = data
    pending: type[BaseModel] | None = None  # a container's item model, applied at the next key
    for part in loc:
        node = node[part] if _has(node, part) else None
        if pending is not None:
            current, pending = pending, None
            continue
        if current is None or isinstance(part, int):
            continue
        if part == "rule" and current is models.Criterion:
            kind = node.get("kind") if isinstance(node, dict) else None
            current = rules.get(kind) if isinstance(kind, str) else None
            continue
        item = nested.get((current, part))
        if item is not None and part in ("options", "answers"):
            pending = item  # keyed by user ids: the model applies one level down
            continue
        current = item
    return current


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def pydantic_problems(
    doc: YamlDocument, exc: ValidationError, model: type[BaseModel], prefix: Path = ()
) -> list[Problem]:
    """One located problem per pydantic error, messages in plain words."""
    problems = ProblemLog()
    # The members of a plain union (`list[str] | str`) each report their failure; per union,
    # only the deepest (most specific) ones are kept, and those at one place are merged.
    members: dict[Path, list[tuple[Path, str, bool]]] = {}
    data = _get(doc.data, prefix)
    for error in exc.errors():
        loc, union_at = _without_member_tags(data, _without_union_tags(error["loc"]))
        allowed: list[str] = []
        if error["type"] == "extra_forbidden":
            owner = _model_at(model, data, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
        message, on_key = _message(error, allowed)
        parts: Path = (*prefix, *loc)
        if error["type"] == "missing":
            parts = parts[:-1]
        if error["type"] in ("recursion_loop", "recursion_depth_exceeded"):  # name the field
            line, column = doc.locate(parts)
            depth = sum(1 for part in parts if part == "criteria")
            problems.append(
                Problem(
                    doc.path,
                    f"criteria nested more than {depth - 1} levels "
                    "deep; a framework nests fields, criteria and "
                    "sub-criteria a few levels",
                    line,
                    column,
                    format_key_path(parts[:2]),
                )
            )
            continue
        if union_at is not None:
            members.setdefault((*prefix, *loc[:union_at]), []).append((parts, message, on_key))
            continue
        problems.append(doc.problem(parts, message, key=on_key))
    for found in members.values():
        deepest = max(len(parts) for parts, _, _ in found)
        places: dict[Path, tuple[str, bool]] = {}
        for parts, message, on_key in found:
            if len(parts) == deepest:
                before = places.get(parts)
                places[parts] = (_either(before[0], message) if before else message, on_key)
        problems.extend(
            doc.problem(parts, message, key=on_key) for parts, (message, on_key) in places.items()
        )
    return problems


# pydantic names the members of a plain union (`list[str] | str`) in the location.
_MEMBER_TAG = re.compile(
    r"(?:list|dict|str|int|float|decimal|bool|none|constrained-\w+|"
    r"function-\w+|nullable|union|literal)(?:\[.*)?\Z"
)


def _without_member_tags(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], int | None]:
    """Drop union member names (keeping any part that is a real key of the data); also
    return where the first one stood, or None."""
    out: list[Any] = []
    union_at: int | None = None
    node = data
    for part in loc:
        if _has(node, part):
            node = node[part]
        elif isinstance(part, str) and _MEMBER_TAG.match(part):
            union_at = len(out) if union_at is None else union_at
            continue
        else:
            node = None
        out.append(part)
    return tuple(out), union_at


def _either(first: str, second: str) -> str:
    """'expected a list, got a mapping' + 'expected text, got a mapping' → one message."""
    a, b = _EXPECTED.match(first), _EXPECTED.match(second)
    if a and b and a.group(2) == b.group(2):
        return f"expected {a.group(1)} or {b.group(1)}, got {a.group(2)}"
    return f"{first}; or {second}"


_EXPECTED = re.compile(r"expected (.+?), got (.+)\Z")


def _get(data: Any, prefix: Path) -> Any:
    for part in prefix:
        data = data[part]
    return data


def _without_union_tags(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic puts the tag of the rule union ('choice') into the location; drop it.

    Only the part right after a criterion's `rule` is a tag: in `rule.bands.bands[0]` the
    second `bands` is the field of the bands rule and stays.
    """
    return tuple(
        part
        for i, part in enumerate(loc)
        if not (i >= 2 and loc[i - 1] == "rule" and isinstance(loc[i - 2], int) and part in _KINDS)
    )


_KINDS = frozenset(RULE_KINDS)
_KIND_WORDS = ", ".join(RULE_KINDS)
