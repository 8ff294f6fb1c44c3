"""A workbook among a run's paths, read as what it is: a unit's form becomes an assessment (or
waits for its framework, as a YAML one does); a table parindex reads or writes is no
assessment and is left alone; any other workbook found in a folder is named in a warning (an
error under --strict), and one named on the command line is an error."""

from __future__ import annotations

from typing import Literal, NamedTuple

from parindex.core.forms import FORM_KEYS
from parindex.errors import InputError, Problem
from parindex.i18n import _
from parindex.inputs.documents.loading import LoadedAssessment, LoadedFramework
from parindex.inputs.forms.checked import check_form, title_value
from parindex.inputs.forms.sheet import FormSheet, open_form

# assessment | deferred (its framework not read yet) | unreadable | other (named, not a form)
# | ignored (found in a folder, not a form: said in a warning, or nothing for parindex's own)
FormKind = Literal["assessment", "deferred", "unreadable", "other", "ignored"]


class FormRead(NamedTuple):
    kind: FormKind
    assessment: LoadedAssessment | None = None
    problems: list[Problem] = []  # noqa: RUF012 - never mutated: each read makes its own
    broken: tuple[str, str] | None = None  # (unit id, framework id) of a form that failed
    framework_id: str = ""


def read_form_file(
    path: str,
    frameworks: dict[str, LoadedFramework],
    strict: bool,
    *,
    defer: bool = True,
    evidence: bool = True,
    lenient: bool = False,
    named: bool = False,
) -> FormRead:
    """The workbook at `path`; `named`: given on the command line (not found in a folder)."""
    try:
        kind, sheet = open_form(path)
    except InputError as exc:
        return FormRead("unreadable", problems=exc.problems)
    if sheet is None:
        return _not_a_form(path, kind == "table", named, strict)
    if not sheet.key_row:  # a form's sheet whose key row is gone: nothing to read
        return FormRead("other", problems=sheet.problems + sheet.warnings)
    framework_id = title_value(sheet, "framework")
    unit_id = title_value(sheet, "unit_id")
    broken = (unit_id, framework_id or "") if unit_id else None
    loaded = frameworks.get(framework_id or "")
    if loaded is None:
        if defer and framework_id:
            return FormRead("deferred", broken=broken, framework_id=framework_id)
        return FormRead(
            "assessment",
            problems=[*sheet.problems, *_unknown(sheet, framework_id, frameworks)],
            broken=broken,
            framework_id=framework_id or "",
        )
    checked = check_form(sheet, loaded.framework, strict=strict, evidence=evidence, lenient=lenient)
    return FormRead(
        "assessment",
        checked.assessment,
        checked.problems + sheet.warnings,
        broken if checked.assessment is None else None,
        loaded.framework.framework,
    )


def _unknown(
    sheet: FormSheet, framework_id: str | None, frameworks: dict[str, LoadedFramework]
) -> list[Problem]:
    titled = sheet.title.get("framework")
    if titled is None or not framework_id:  # no title row, or an empty one
        return (
            []
            if titled is None
            else [
                Problem(
                    sheet.where,
                    _("empty; the title block must name the unit and the framework"),
                    row=titled.row,
                    table_column="framework",
                )
            ]
        )
    known = ", ".join(sorted(frameworks)) or _("none found")
    message = _(
        "unknown framework {framework!r}; known frameworks: {known} "
        "(frameworks are read from --criteria DIR, default "
        "./criteria, and the given paths)"
    ).format(framework=framework_id, known=known)
    return [Problem(sheet.where, message, row=titled.row, table_column="framework")]


def _not_a_form(path: str, table: bool, named: bool, strict: bool) -> FormRead:
    """A workbook without the form's keys: a table parindex reads or writes is left alone when
    found in a folder; anything else is named."""
    keys = ",".join(FORM_KEYS)
    if named:
        message = (
            _(
                "a table (it has a unit_id column), not a unit's form; tables are given with "
                "--appraisal, --survey, --roster or --previous"
            )
            if table
            else _(
                "not a unit's form: no sheet holds the form's row of column keys ({keys}); "
                "make the form with `parindex template FRAMEWORK -o FORM.xlsx`"
            ).format(keys=keys)
        )
        return FormRead("other", problems=[Problem(path, message)])
    if table:
        return FormRead("ignored")
    message = _(
        "a workbook that is not a unit's form (no sheet holds the form's row of column keys "
        "{keys}), so it was not read; move it out of the folder, or make the unit's form with "
        "`parindex template`"
    ).format(keys=keys)
    return FormRead(
        "ignored", problems=[Problem(path, message, severity="error" if strict else "warning")]
    )
