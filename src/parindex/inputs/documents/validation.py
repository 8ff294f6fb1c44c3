"""Turn pydantic's validation errors into located, plain-language problems."""

from __future__ import annotations

import re
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from parindex.core import models, questionnaire
from parindex.core.kinds.models import RULE_KINDS, RULE_MODELS
from parindex.core.kinds.values import hint
from parindex.errors import Problem, ProblemLog, format_key_path
from parindex.i18n import N_, _
from parindex.inputs.documents.answers import Locator
from parindex.inputs.documents.yamlbuild import Path

# Where pydantic places an error: keys and list indexes, union members' tags among them.
Loc = tuple[int | str, ...]


class Document(Locator, Protocol):
    """What pydantic's errors are located in: the data validated, and where a key path of it
    stands (a YAML document; the rows of a workbook form)."""

    path: str
    data: Any

    def locate(self, parts: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (or row and 1) of `parts`."""


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("an empty value")
    return repr(value)


class Said(NamedTuple):
    """A problem in words; `expected` keeps what was wanted and what was found apart, so two
    members of a union can be merged into one sentence in any language."""

    message: str
    on_key: bool = False  # about the key itself rather than its value
    expected: tuple[str, str] | None = None


def _alternatives(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" with its last word in the run's language."""
    if " or " not in expected:
        return expected
    head, _or, tail = expected.rpartition(" or ")
    return _("{first} or {second}").format(first=head, second=tail)


def _expected(what: str, value: Any) -> Said:
    got = _describe(value)
    return Said(_("expected {what}, got {got}").format(what=what, got=got), expected=(what, got))


def _message(error: ErrorDetails, allowed: list[str], owner: object) -> Said:
    """pydantic's error in plain words of the run's language; `allowed` lists the keys of
    the mapping an unknown key stands in (`owner`)."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Said(_("required key {key!r} is missing").format(key=error["loc"][-1]))
    if kind == "extra_forbidden":
        key = error["loc"][-1]
        said = _("unknown key {key!r}").format(key=key)
        if allowed:
            said = _("unknown key {key!r}; allowed: {allowed}").format(
                key=key, allowed=", ".join(allowed)
            )
        return Said(said + _comma_split(owner, key), on_key=True)
    if kind == "union_tag_invalid":
        return Said(
            _("unknown rule kind {kind!r}; allowed: {kinds}").format(
                kind=ctx.get("tag"), kinds=_KIND_WORDS
            )
        )
    if kind == "union_tag_not_found":
        return Said(_("a rule needs 'kind': one of {kinds}").format(kinds=_KIND_WORDS))
    if kind in _EXPECTED:
        return _expected(_(_EXPECTED[kind]), value)
    if kind == "literal_error":
        return Said(
            _("{value} is not allowed; expected {expected}").format(
                value=_describe(value), expected=_alternatives(str(ctx.get("expected")))
            )
        )
    if kind == "value_error":
        return Said(str(ctx.get("error", error["msg"])))
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return Said(_(words).format(value=_describe(value), bound=ctx.get(key)))
    if kind in _NUMBERS:
        return Said(_("{value} is not a number").format(value=_describe(value)) + hint(value))
    template = _WORDS.get(kind)
    if template is not None:
        return Said(_(template).format(value=_describe(value), **ctx))
    # A kind of error no input model raises today: named by its code, never in pydantic's
    # English words inside a line of another language.
    return Said(
        _("{value} is not valid here ({reason})").format(value=_describe(value), reason=kind)
    )


_NUMBERS = frozenset({"decimal_parsing", "decimal_type", "finite_number"})
# What was expected, by pydantic's error type.
_EXPECTED = {
    "dict_type": N_("a mapping (key: value lines)"),
    "model_type": N_("a mapping (key: value lines)"),
    "model_attributes_type": N_("a mapping (key: value lines)"),
    "list_type": N_("a list"),
    "string_type": N_("text"),
}
# pydantic's other messages, in words of the catalog: {value}, and the error's context.
_WORDS = {
    "int_parsing": N_("{value} is not a whole number"),
    "int_type": N_("{value} is not a whole number"),
    "int_from_float": N_("{value} is not a whole number"),
    "int_parsing_size": N_("{value} is too long for a whole number"),
    "bool_parsing": N_("{value} is not true/false"),
    "bool_type": N_("{value} is not true/false"),
    "too_short": N_("must not be empty"),
    "string_too_short": N_("must not be empty"),
    "string_too_long": N_("{value} is too long: at most {max_length} characters"),
    "too_long": N_("too many entries: at most {max_length}"),
    "decimal_max_places": N_(
        "{value} has more than {decimal_places} decimals; round it, e.g. with Excel's ROUND"
    ),
    "decimal_max_digits": N_("{value} has more than {max_digits} digits"),
    "decimal_whole_digits": N_(
        "{value} has more than {whole_digits} digits before the decimal point"
    ),
}
_BOUNDS = {
    "greater_than": ("gt", N_("{value} is out of range; it must be greater than {bound}")),
    "greater_than_equal": (
        "ge",
        N_("{value} is out of range; it must be greater than or equal to {bound}"),
    ),
    "less_than": ("lt", N_("{value} is out of range; it must be less than {bound}")),
    "less_than_equal": (
        "le",
        N_("{value} is out of range; it must be less than or equal to {bound}"),
    ),
}
_SPLIT_KEY = re.compile(r"\d+%?\Z")
_WHOLE = re.compile(r"[+-]?\d+\Z")


def _comma_split(owner: object, key: object) -> str:
    """`{value: 87,5}`: inside braces the comma ends the entry, and 5 becomes a key. The hint
    quotes what was written, when the entry before the key is the number's whole part."""
    if not isinstance(owner, dict) or not isinstance(key, str) or not _SPLIT_KEY.match(key):
        return ""
    keys = list(owner)
    at = keys.index(key) if key in owner else 0
    before = owner[keys[at - 1]] if at > 0 else None
    if not isinstance(before, str) or not _WHOLE.match(before):
        return ""
    written, fixed = f"{before},{key}", f"{before}.{key.rstrip('%')}"
    if key.endswith("%"):
        words = _(
            "a decimal comma inside {{ }} splits a number in two ({written} becomes {number} and "
            "a key {key}); write it with a dot and without the % sign: {fixed}"
        )
    else:
        words = _(
            "a decimal comma inside {{ }} splits a number in two ({written} becomes {number} and "
            "a key {key}); write it with a dot: {fixed}"
        )
    return "; " + words.format(written=written, number=before, key=key, fixed=fixed)


def _model_at(root: type[BaseModel], data: Any, loc: Loc) -> type[BaseModel] | None:
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
            current = RULE_MODELS.get(kind) if isinstance(kind, str) else None
            continue
        item = nested.get((current, part))
        if item is not None and part in ("options", "answers"):
            pending = item  # keyed by user ids: the model applies one level down
            continue
        current = item
    return current


def _has(node: object, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def pydantic_problems(
    doc: Document, exc: ValidationError, model: type[BaseModel], prefix: Path = ()
) -> list[Problem]:
    """One located problem per pydantic error, messages in plain words."""
    problems = ProblemLog()
    # The members of a plain union (`list[str] | str`) each report their failure; per union,
    # only the deepest (most specific) ones are kept, and those at one place are merged.
    members: dict[Path, list[tuple[Path, Said]]] = {}
    data = _get(doc.data, prefix)
    for error in exc.errors():
        loc, union_at = _without_member_tags(data, _without_union_tags(error["loc"]))
        allowed: list[str] = []
        if error["type"] == "extra_forbidden":
            owner = _model_at(model, data, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
        said = _message(error, allowed, _get_or_none(data, loc[:-1]))
        parts: Path = (*prefix, *loc)
        if error["type"] == "missing":
            parts = parts[:-1]
        if error["type"] in ("recursion_loop", "recursion_depth_exceeded"):  # name the field
            line, column = doc.locate(parts)
            depth = sum(1 for part in parts if part == "criteria")
            problems.append(
                Problem(
                    doc.path,
                    _(
                        "criteria nested more than {levels} levels deep; a framework "
                        "nests fields, criteria and sub-criteria a few levels"
                    ).format(levels=depth - 1),
                    line,
                    column,
                    format_key_path(parts[:2]),
                )
            )
            continue
        if union_at is not None:
            members.setdefault((*prefix, *loc[:union_at]), []).append((parts, said))
            continue
        problems.append(doc.problem(parts, said.message, key=said.on_key))
    for found in members.values():
        deepest = max(len(parts) for parts, _said in found)
        places: dict[Path, Said] = {}
        for parts, said in found:
            if len(parts) == deepest:
                before = places.get(parts)
                places[parts] = _either(before, said) if before else said
        problems.extend(
            doc.problem(parts, said.message, key=said.on_key) for parts, said in places.items()
        )
    return problems


# pydantic names the members of a plain union (`list[str] | str`) in the location.
_MEMBER_TAG = re.compile(
    r"(?:list|dict|str|int|float|decimal|bool|none|constrained-\w+|"
    r"function-\w+|nullable|union|literal)(?:\[.*)?\Z"
)


def _without_member_tags(data: Any, loc: Loc) -> tuple[Loc, int | None]:
    """Drop union member names (keeping any part that is a real key of the data); also
    return where the first one stood, or None."""
    out: list[int | str] = []
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


def _either(first: Said, second: Said) -> Said:
    """'expected a list, got a mapping' + 'expected text, got a mapping' → one message."""
    if first.expected and second.expected and first.expected[1] == second.expected[1]:
        what = _("{first} or {second}").format(first=first.expected[0], second=second.expected[0])
        return Said(
            _("expected {what}, got {got}").format(what=what, got=first.expected[1]),
            first.on_key,
            (what, first.expected[1]),
        )
    return Said(
        _("{first}; or {second}").format(first=first.message, second=second.message),
        first.on_key,
    )


def _get_or_none(data: object, loc: Loc) -> object:
    """What stands at `loc` in the data, or None when nothing does."""
    node = data
    for part in loc:
        if isinstance(node, dict):
            node = node.get(part, _MISSING)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
        if node is _MISSING:
            return None
    return node


_MISSING = object()


def _get(data: Any, prefix: Path) -> Any:
    for part in prefix:
        data = data[part]
    return data


def _without_union_tags(loc: Loc) -> Loc:
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
