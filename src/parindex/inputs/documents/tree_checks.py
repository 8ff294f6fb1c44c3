"""The consistency rules of a framework's tree beyond what its model checks: unique ids,
declared maxima that add up, leaves with a max and a rule, each rule's own checks within its
leaf (the rule-kind registry's `rule_problems`), bands in order; and the same checks on a
framework the model refused, so every problem is reported at once."""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

from pydantic import ValidationError

from parindex.core.models import Criterion, Framework
from parindex.core.rule_texts import num
from parindex.core.rules import rule_problems
from parindex.errors import Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.documents.yamlbuild import Path, YamlDocument


class Refused(NamedTuple):
    """Criteria (by key path) of a framework the model refused, as `check_despite` repaired
    them: `keys` lost a key, `ids` got a stand-in id, and the points of `points` (a refused
    max, list of sub-criteria or whole criterion) are unknown. (A named tuple: this module is
    imported at every start, and these are made far faster than dataclasses.)"""

    keys: set[Path]
    ids: set[Path]
    points: set[Path]

    def unknown_sums(self) -> set[Path]:
        """Every criterion with unknown points and every criterion above one."""
        return {path[:end] for path in self.points for end in range(2, len(path) + 1, 2)}


def check_despite(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    """The tree checks of a framework the model refused, so that every problem is reported
    at once, each only once.

    Each refused key gives way to its default (or a stand-in for a required one) in a copy
    of the data; nothing is then reported about a criterion that lost a key, nor about a sum
    that includes a refused max. When the copy still does not validate (a refused list of
    top-level criteria, nesting deeper than the copy can go), only the model's problems are
    reported.
    """
    refused = Refused(set(), set(), set())
    bands_refused = False
    try:
        data = copy.deepcopy(doc.data)
        for error in exc.errors():
            loc = error["loc"]
            if not loc or error["type"].startswith("recursion"):
                return []
            depth = 0  # loc[:depth] is the criterion the error is in: criteria.i.criteria.j…
            while (
                len(loc) > depth + 1
                and loc[depth] == "criteria"
                and isinstance(loc[depth + 1], int)
            ):
                depth += 2
            node: Path = tuple(loc[:depth])
            if not node:  # a top-level key
                if loc[0] == "criteria":
                    return []
                bands_refused = bands_refused or loc[0] == "bands"
                _give_way(data, loc[:1])
                continue
            key = loc[depth] if depth < len(loc) else None
            # (`rule`, the kind's tag, the rule's key): only that key is refused
            if key == "rule" and len(loc) == depth + 3 and loc[depth + 2] in _RULE_STAND_INS:
                _put(data, (*node, "rule", loc[depth + 2]), _RULE_STAND_INS[str(loc[depth + 2])])
                continue
            refused.keys.add(node)
            if key is None:  # the criterion itself is not a mapping
                _put(data, node, {"id": "-", "name": "-"})
            else:
                _give_way(data, loc[: depth + 1])
            if key in (None, "id"):
                refused.ids.add(node)
            if key in (None, "max", "criteria"):
                refused.points.add(node)
        framework = Framework.model_validate(data)
    except (ValidationError, LookupError, TypeError, ValueError, RecursionError):
        return []
    problems = check_tree(doc, framework, refused)
    return problems if bands_refused else problems + check_bands(doc, framework)


_STAND_INS = {"id": "-", "name": "-", "framework": "-", "title": "-", "group": "-"}
# Required keys of a rule that no check reads: a refused one is stood in for, and the rest of
# its criterion is still checked.
_RULE_STAND_INS = {"per": "1"}


def _give_way(data: Any, parts: Path) -> None:
    """Drop the key at `parts` (its default applies) or, for a required one, stand in."""
    *above, key = parts
    owner = data
    for part in above:
        owner = owner[part]
    if isinstance(owner, dict) and isinstance(key, str):
        if key in _STAND_INS:
            owner[key] = _STAND_INS[key]
        else:
            owner.pop(key, None)


def _put(data: Any, parts: Path, value: Any) -> None:
    *above, last = parts
    for part in above:
        data = data[part]
    data[last] = value


def check_bands(doc: YamlDocument, framework: Framework) -> list[Problem]:
    bands = framework.bands
    return [
        doc.problem(
            ("bands", i, "min"),
            _("bands go from the highest min down: {min} follows {previous}").format(
                min=num(bands[i].min), previous=num(bands[i - 1].min)
            ),
        )
        for i in range(1, len(bands))
        if bands[i].min >= bands[i - 1].min
    ]


def check_tree(
    doc: YamlDocument, framework: Framework, refused: Refused | None = None
) -> list[Problem]:
    """Duplicate ids, sums and ranges; with `refused` (see `check_despite`) nothing is said
    about a stand-in id, a criterion that lost a key, or a sum with unknown points."""
    refused = refused or Refused(set(), set(), set())
    unknown_sums = refused.unknown_sums()
    problems = ProblemLog()
    first_seen: dict[str, Path] = {}  # where each id stands first (located only when needed)
    for visit in framework.walk():
        node, parts = visit.node, visit.key_path
        if parts in refused.ids:
            pass
        elif node.id in first_seen:
            first, line = (doc.locate((*at, "id"))[0] for at in (first_seen[node.id], parts))
            problems.append(
                doc.problem(
                    (*parts, "id"),
                    _(
                        "duplicate criterion id {id!r}: first at line {first_seen}, "
                        "again at line {line}; ids must be unique"
                    ).format(id=node.id, first_seen=first, line=line),
                )
            )
        else:
            first_seen[node.id] = parts
        if parts in refused.keys:
            pass
        elif node.criteria:
            problems += _check_parent(doc, node, parts, sums=parts not in unknown_sums)
        else:
            problems += _check_leaf(doc, node, parts)
    return problems


def _check_parent(
    doc: YamlDocument, node: Criterion, parts: Path, *, sums: bool = True
) -> list[Problem]:
    problems = []
    if node.rule is not None:
        problems.append(
            doc.problem(
                (*parts, "rule"),
                _(
                    "a criterion with sub-criteria has no rule: its points are "
                    "the sum of its sub-criteria"
                ),
            )
        )
    if node.adjust is not None:
        problems.append(
            doc.problem(
                (*parts, "adjust"), _("adjust marks leaves only (criteria without sub-criteria)")
            )
        )
    total = node.subtree_max
    if sums and node.max is not None and node.max != total:
        problems.append(
            doc.problem(
                (*parts, "max"),
                _("declared max {max} does not match the sum of its sub-criteria, {total}").format(
                    max=num(node.max), total=num(total)
                ),
            )
        )
    return problems


def _check_leaf(doc: YamlDocument, node: Criterion, parts: Path) -> list[Problem]:
    problems = []
    if node.max is None:
        problems.append(doc.problem(parts, _("a leaf criterion needs max (its maximum points)")))
    elif node.max <= 0:
        problems.append(
            doc.problem(
                (*parts, "max"), _("max must be positive, got {max}").format(max=num(node.max))
            )
        )
    if node.rule is None:
        problems.append(
            doc.problem(
                parts,
                _(
                    "a leaf criterion needs a rule (kind: boolean, choice, "
                    "bands, ratio, deduction, scale or points)"
                ),
            )
        )
    if problems or node.max is None:
        return problems
    problems.extend(
        doc.problem((*parts, "rule", *problem.where), problem.message)
        for problem in rule_problems(node)
    )
    if node.adjust is not None and node.lowest < 0:
        problems.append(
            doc.problem(
                (*parts, "adjust"),
                _(
                    "a bonus or penalty counts positive points up to its max; it "
                    "cannot have a negative floor"
                ),
            )
        )
    return problems
