"""Raw survey forms (CSV/XLSX as form tools export them) → checked forms, every problem at
its row and column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.questionnaire import Group, Question, answer_key
from parindex.core.survey import Form, SurveyResult
from parindex.errors import InputError, Problem, ProblemLog, Severity
from parindex.i18n import _, current
from parindex.inputs.documents.questionnaire import LoadedQuestionnaire
from parindex.inputs.tables.given import each_once
from parindex.inputs.tables.roster import RosterEntry
from parindex.inputs.tables.rows import Row, Table, read_table


@dataclass(frozen=True, slots=True)
class _Column:
    """A question as the reader needs it: where its cells are and what they may hold."""

    question: Question
    key: str  # the header, as tables key cells
    scale: dict[str, Decimal]
    allowed: str  # the answers, for messages
    seen: dict[str, Decimal | None]  # cell text as typed → its share (None: not an answer)

    def share(self, text: str) -> Decimal | None:
        """The share of an answer cell; a form tool repeats a few texts, so each is matched
        (NFC, case, spaces) once."""
        try:
            return self.seen[text]
        except KeyError:
            found = self.seen[text] = self.scale.get(answer_key(text))
            return found


class _Form:
    """One questionnaire's view of a response row: its questions, scales and groups."""

    def __init__(self, loaded: LoadedQuestionnaire) -> None:
        model = loaded.questionnaire
        self.loaded = loaded
        self.columns = [
            _Column(
                q,
                answer_key(q.header),
                model.scale_of(q),
                ", ".join(q.answers if q.answers is not None else model.answers),
                {},
            )
            for q in model.questions
        ]
        self.groups: dict[str, Group] = {}
        for group in model.groups:
            self.groups.setdefault(answer_key(group.id), group)
        for group in model.groups:  # a form tool shows the group's name: accept it too
            if group.name:
                self.groups.setdefault(answer_key(group.name), group)
        self.forms: list[Form] = []
        self.seen: set[str] = set()  # question columns found in some file


class _Reader:
    """Response tables read for one or more questionnaires: with several, each form goes to
    the questionnaire of its unit's group on the roster."""

    def __init__(
        self,
        loaded: Sequence[LoadedQuestionnaire],
        roster: Mapping[str, RosterEntry] | None,
        log: ProblemLog,
    ) -> None:
        self.sheets = [_Form(q) for q in loaded]
        self.by_group = {s.loaded.framework.group: s for s in self.sheets}
        self.log = log
        fixed = loaded[0].questionnaire.columns
        self.unit_header, self.group_header = fixed.unit_id, fixed.group
        self.respondent_header = fixed.respondent_id
        self.unit_key = answer_key(fixed.unit_id)
        self.group_key = answer_key(fixed.group)
        self.respondent_key = answer_key(fixed.respondent_id)
        self.roster = roster
        self.names: dict[str, str] = {}
        for entry in (roster or {}).values():
            self.names.setdefault(entry.unit_name, entry.unit_id)
        self.respondents: dict[str, str] = {}  # respondent id → FILE:ROW of its first form
        self.question_keys = frozenset(c.key for s in self.sheets for c in s.columns)

    def read(self, path: str) -> None:
        grouped = any(s.groups for s in self.sheets)
        required = [self.unit_key] + ([self.group_key] if grouped else [])
        optional = [self.respondent_key]
        for sheet in self.sheets:
            optional += [c.key for c in sheet.columns if c.key not in optional]
        try:
            ids = (self.unit_key, self.group_key, self.respondent_key)
            table = read_table(path, required, optional, name="responses", ids=ids)
        except InputError as exc:
            self.log.extend(exc.problems)
            return
        self.log.extend(table.warnings)
        present = {
            id(sheet): [c for c in sheet.columns if c.key in table.columns] for sheet in self.sheets
        }
        if not any(present.values()):
            self.log.add(
                Problem(
                    table.path,
                    _(
                        "none of the questionnaire's question columns is in this file; name "
                        "each question's header with `column:` in {questionnaire}"
                    ).format(questionnaire=self.sheets[0].loaded.path),
                    row=1,
                    table_column=self.unit_header,
                )
            )
            return
        for sheet in self.sheets:
            sheet.seen.update(c.key for c in present[id(sheet)])
        if table.ignored:
            self.log.add(
                Problem(
                    table.path,
                    _("columns not in the questionnaire, not read: {columns}").format(
                        columns=", ".join(repr(c) for c in table.ignored)
                    ),
                    severity="note",
                )
            )
        numbered = self.respondent_key not in table.columns
        if numbered:
            self.log.add(
                Problem(
                    table.path,
                    _(
                        "no {column!r} column: forms are numbered by row, and a form entered "
                        "twice cannot be found"
                    ).format(column=self.respondent_header),
                    severity="note",
                )
            )
        for row in table.rows:
            self._row(table, row, present, numbered)

    def _row(
        self, table: Table, row: Row, present: dict[int, list[_Column]], numbered: bool
    ) -> None:
        before = len(self.log.errors)
        if self.question_keys.isdisjoint(row.cells):  # cells hold only what is not empty
            self.log.add(
                Problem(
                    table.path,
                    _("no question is answered on this form; it is ignored"),
                    row=row.number,
                    severity="warning",
                )
            )
            return
        unit = self._unit(table, row)
        if unit is None:
            return
        unit_id, sheet = unit
        answers: dict[str, Decimal] = {}
        for column in present[id(sheet)]:
            text = row.cells.get(column.key)
            if text is None:
                continue
            share = column.share(text)
            if share is None:
                self.log.add(
                    table.problem(
                        row.number,
                        column.question.header,
                        _("unknown answer {answer!r}; allowed: {allowed}").format(
                            answer=text, allowed=column.allowed
                        ),
                    )
                )
                continue
            answers[column.question.id] = share
        if not answers and len(self.log.errors) == before:
            self.log.add(
                Problem(
                    table.path,
                    _("no question is answered on this form; it is ignored"),
                    row=row.number,
                    severity="warning",
                )
            )
            return
        group = self._group(table, row, sheet)
        if not numbered:
            self._respondent(table, row)
        if len(self.log.errors) == before and unit_id and group is not None:
            sheet.forms.append(Form(unit_id, group, answers))

    def _respondent(self, table: Table, row: Row) -> None:
        """A respondent answers once: a second form of theirs is an error naming the first."""
        respondent = row.cells.get(self.respondent_key)
        if respondent is None:
            return
        where = f"{table.path}:{row.number}"
        first = self.respondents.setdefault(respondent, where)
        if first != where:
            self.log.add(
                table.problem(
                    row.number,
                    self.respondent_header,
                    _(
                        "respondent {id!r} already returned a form at {first}; "
                        "each respondent answers once"
                    ).format(id=respondent, first=first),
                )
            )

    def _unit(self, table: Table, row: Row) -> tuple[str, _Form] | None:
        """The form's unit id and questionnaire ("" as id when the cell has an error, so the
        rest of the row is still checked)."""
        text = row.cells.get(self.unit_key)
        single = self.sheets[0] if len(self.sheets) == 1 else None
        if text is None:
            self.log.add(
                table.problem(
                    row.number, self.unit_header, _("empty; name the unit the form assesses")
                )
            )
            return ("", single) if single is not None else None
        if self.roster is None:
            assert single is not None, "several questionnaires need a roster (checked before)"
            return text, single
        unit_id = text if text in self.roster else self.names.get(text)
        if unit_id is None:
            self.log.add(
                table.problem(
                    row.number,
                    self.unit_header,
                    _("unknown unit {unit!r}: not on the roster, by id or by name").format(
                        unit=text
                    ),
                )
            )
            return ("", single) if single is not None else None
        group = self.roster[unit_id].group
        sheet = self.by_group.get(group)
        if sheet is None:
            expected = ", ".join(repr(g) for g in self.by_group)
            self.log.add(
                table.problem(
                    row.number,
                    self.unit_header,
                    _(
                        "unit {unit!r} is in group {group!r} on the roster; the questionnaire "
                        "is for group {expected}"
                    ).format(unit=unit_id, group=group, expected=expected),
                )
            )
            return ("", single) if single is not None else None
        return unit_id, sheet

    def _group(self, table: Table, row: Row, sheet: _Form) -> str | None:
        if not sheet.groups:
            return ""
        text = row.cells.get(self.group_key)
        found = sheet.groups.get(answer_key(text)) if text is not None else None
        if found is not None:
            return found.id
        known = ", ".join(
            f"{g.id} ({g.name})" if g.name else g.id for g in sheet.loaded.questionnaire.groups
        )
        message = (
            _("empty; name the respondent group: {groups}")
            if text is None
            else _("unknown group {group!r}; groups: {groups}")
        )
        self.log.add(
            table.problem(row.number, self.group_header, message.format(group=text, groups=known))
        )
        return None


def read_responses(
    paths: Sequence[str],
    loaded: Sequence[LoadedQuestionnaire],
    roster: Mapping[str, RosterEntry] | None,
    log: ProblemLog,
) -> list[list[Form]]:
    """Every form of every file, one list per questionnaire; problems go to `log` (a form
    with errors is left out). Several questionnaires need the roster (checked here)."""
    if len(loaded) > 1:
        problems = _mixed(loaded)
        if roster is None:
            problems.append(
                Problem(
                    loaded[1].path,
                    _(
                        "several questionnaires need --roster: each form goes to the "
                        "questionnaire of its unit's group"
                    ),
                )
            )
        if problems:
            log.extend(problems)
            return [[] for _q in loaded]
    reader = _Reader(loaded, roster, log)
    for path in each_once(paths, log, _("give each responses file once")):
        reader.read(path)
    if not log.errors:
        for sheet in reader.sheets:
            for index, column in enumerate(sheet.columns):
                if column.key not in sheet.seen:
                    log.add(
                        sheet.loaded.doc.problem(
                            ("questions", index),
                            _(
                                "no responses file has the column {header!r}; question {id!r} "
                                "has no answers"
                            ).format(header=column.question.header, id=column.question.id),
                            severity="warning",
                        )
                    )
    return [sheet.forms for sheet in reader.sheets]


def _mixed(loaded: Sequence[LoadedQuestionnaire]) -> list[Problem]:
    """Questionnaires read together share the fixed columns and feed different groups."""
    problems = []
    first = loaded[0]
    groups = {first.framework.group: first.path}
    for other in loaded[1:]:
        if other.questionnaire.columns != first.questionnaire.columns:
            problems.append(
                other.doc.problem(
                    ("columns",),
                    _(
                        "read together with {path}, the questionnaires must name the "
                        "respondent_id, unit_id and group columns alike"
                    ).format(path=first.path),
                )
            )
        group = other.framework.group
        if group in groups:
            problems.append(
                other.doc.problem(
                    ("framework",),
                    _(
                        "{path} is already the questionnaire of group {group!r}; give one "
                        "questionnaire per group"
                    ).format(path=groups[group], group=group),
                )
            )
        groups.setdefault(group, other.path)
    return problems


def quota_problems(
    loaded: LoadedQuestionnaire,
    result: SurveyResult,
    roster: Mapping[str, RosterEntry] | None,
    *,
    strict: bool,
) -> list[Problem]:
    """Groups below their `min` forms for a unit (warnings, or errors with `strict`), named as
    the roster and questionnaire name them; with a roster, its units that returned no form."""
    problems = []
    severity: Severity = "error" if strict else "warning"
    for unit_id in result.units:
        counts = result.forms[unit_id]
        for index, group in enumerate(loaded.questionnaire.groups):
            got = counts.get(group.id, 0)
            if got < group.min:
                message = _(
                    "unit {unit!r}: {count} form(s) from group {group!r}, "
                    "below its minimum of {min}"
                ).format(
                    unit=roster[unit_id].unit_name if roster and unit_id in roster else unit_id,
                    count=got,
                    group=group.label(current()),
                    min=group.min,
                )
                problems.append(loaded.min_problem(index, message, severity))
    own = loaded.framework.group
    for entry in (roster or {}).values():
        if entry.group == own and entry.unit_id not in result.forms:
            path, _sep, row = entry.where.rpartition(":")
            problems.append(
                Problem(
                    path,
                    _(
                        "unit {unit!r} ({name}) has no survey forms; its survey criteria will "
                        "be pending"
                    ).format(unit=entry.unit_id, name=entry.unit_name),
                    row=int(row),
                    table_column="unit_id",
                    severity="warning",
                )
            )
    return problems
