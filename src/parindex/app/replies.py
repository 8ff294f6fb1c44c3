"""The explanation round in the use cases: each unit's corrections standing now — what a
notice shows and what a reply answers — and the units' replies judged against them.

A reply answers a correction when its unit and criterion name one that stands (never by its
row's place). A reply to a round that a later round has replaced is a warning, not an error:
the council's next round is usually its answer to that very reply, so once it is decided
every such reply would otherwise fail `validate` at the normal end of the round; the warning
names both rounds, so a clerk sees whether the unit needs a new notice. A locked cell that no
longer says what the notice said is a warning naming it: the reply is still matched by its
unit and criterion, and the council's record is what counts. Replies never change a score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from parindex.app.unit import score_inputs
from parindex.core.corrections import corrected
from parindex.core.kinds.values import NO, YES
from parindex.core.models import ChoiceRule, Framework, Rule, Unit
from parindex.core.numbers import parse_number
from parindex.core.replies import NUMBER_KEYS, Reply
from parindex.core.results import Claim, Override, UnitResult
from parindex.errors import Problem, ProblemLog, Severity
from parindex.i18n import LANGUAGES, _, current, ngettext, number, using
from parindex.inputs.documents.loading import LoadedAssessment
from parindex.inputs.gather import Inputs
from parindex.inputs.tables.replies import read_replies
from parindex.inputs.tables.sheets import read_appraisals
from parindex.outputs.records import Cell
from parindex.outputs.workbooks.notice import CorrectedLeaf, NoticeUnit, notice_row

# (unit id, criterion) → the cells of the council's row that stands, as written
Cells = Mapping[tuple[str, str], Mapping[str, str]]
# unit id → criterion → the reply that answers its correction
Answered = dict[str, dict[str, Reply]]
VALUE_KEYS = frozenset({"claimed_value", "council_value"})  # values in people's words


class Round:
    """What a run knows of the explanation round: each unit's corrections standing now, the
    replies that answer them, every reply that was read without an error (to a correction
    since replaced too: the record the council keeps in view), and the reply files read."""

    __slots__ = ("answered", "files", "notices", "replies")

    def __init__(
        self,
        notices: dict[str, NoticeUnit],
        answered: Answered,
        files: list[str],
        replies: Answered | None = None,
    ) -> None:
        self.notices = notices
        self.answered = answered
        self.files = files
        self.replies = replies if replies is not None else answered

    def replied(self, unit_id: str) -> int:
        """The corrections standing now that the unit answered."""
        return len(self.answered.get(unit_id, {}))

    def disagreed(self, unit_id: str) -> int:
        """Of those, the ones the unit disagrees with."""
        return sum(1 for r in self.answered.get(unit_id, {}).values() if not r.agrees)


class Assessed(NamedTuple):
    """A unit read and scored: its framework, its assessment, its result with the council's
    rows (leaves kept), and those rows."""

    framework: Framework
    loaded: LoadedAssessment
    result: UnitResult
    appraisal: Mapping[str, Override] | None


def assessed_in(inputs: Inputs, results: Mapping[str, UnitResult] | None = None) -> list[Assessed]:
    """Every assessed unit of a run with its result (scored now unless `results` has it by
    unit id, its leaves kept)."""
    if results is None:
        results = {r.unit_id: r for r in score_inputs(inputs) if r.submitted}
    return [
        Assessed(inputs.framework_of(a), a, results[a.unit.id], inputs.appraisal.get(a.unit.id))
        for a in inputs.assessments
    ]


def round_of(
    assessed: Sequence[Assessed],
    appraisal_paths: Sequence[str],
    reply_paths: Sequence[str],
    problems: ProblemLog,
) -> Round:
    """The corrections of every unit, and the replies at `reply_paths` read and judged
    against them, their problems into `problems`."""
    units = {a.loaded.unit.id: a.framework for a in assessed}
    cells = appraisal_cells(appraisal_paths, units)
    notices = {
        a.loaded.unit.id: notice_unit(
            a.framework, a.loaded.unit, a.loaded.claims, a.result, a.appraisal, cells
        )
        for a in assessed
    }
    if not reply_paths:
        return Round(notices, {}, [])
    read = read_replies(reply_paths, units, problems)
    appraisal = {a.loaded.unit.id: a.appraisal or {} for a in assessed}
    replies: Answered = {}
    answered = check_replies(read.replies, notices, appraisal, problems, replies)
    _unanswered(read.answered, notices, answered, problems)
    return Round(notices, answered, read.files, replies)


def appraisal_cells(paths: Sequence[str], units: Mapping[str, Framework]) -> Cells:
    """The cells of the rows that stand (a notice says whether the council found a value or
    set the points); the tables were checked when they were read for the scores."""
    if not paths:
        return {}
    entries = read_appraisals(paths, units, ProblemLog(), cells=True)
    return {key: entry.cells for key, entry in entries.items()}


def notice_unit(
    framework: Framework,
    unit: Unit,
    claims: Mapping[str, Claim],
    result: UnitResult,
    appraisal: Mapping[str, Override] | None,
    cells: Cells,
) -> NoticeUnit:
    """The unit's corrections standing now, in framework order (`result` scored with its
    appraisal rows, its leaves kept)."""
    scored = {leaf.leaf.id: leaf for leaf in result.leaves}
    rows = appraisal or {}
    return NoticeUnit(
        result,
        [
            CorrectedLeaf(scored[i], claims.get(i), rows[i], _direct(cells.get((unit.id, i))))
            for i in corrected(framework, unit, claims, result, appraisal)
        ],
    )


def _direct(cells: Mapping[str, str] | None) -> bool:
    return cells is not None and "value" not in cells and "points" in cells


def check_replies(
    replies: Sequence[Reply],
    notices: Mapping[str, NoticeUnit],
    appraisal: Mapping[str, Mapping[str, Override]],
    problems: ProblemLog,
    kept: Answered | None = None,
) -> Answered:
    """The replies that answer a correction standing now, by unit and criterion; every
    problem of the others (and the warnings of these) into `problems`. `kept` receives every
    reply without an error, one to a round since replaced too (the latest round's first)."""
    kept = {} if kept is None else kept
    answered: Answered = {}
    seen: dict[tuple[str, str, int], Reply] = {}
    for reply in replies:
        row = appraisal.get(reply.unit_id, {}).get(reply.criterion)
        notice = notices.get(reply.unit_id)
        standing = {c.scored.leaf.id: c for c in notice.corrections} if notice else {}
        if row is None:
            problems.append(_problem(reply, "criterion", _no_row()))
            continue
        answers = min(reply.round or row.round, row.round)  # a later round: the cell was edited
        first = seen.setdefault((reply.unit_id, reply.criterion, answers), reply)
        if first is not reply:
            message = _(
                "a second reply to the correction of round {round} (first at {first}); keep "
                "one and remove the other"
            ).format(round=answers, first=first.place)
            problems.append(_problem(reply, "criterion", message))
            continue
        if answers < row.round:
            problems.append(_problem(reply, "round", _replaced(answers, row.round), "warning"))
            kept.setdefault(reply.unit_id, {}).setdefault(reply.criterion, reply)
            if reply.criterion in standing:
                answered.setdefault(reply.unit_id, {}).setdefault(reply.criterion, reply)
            continue
        fixed = standing.get(reply.criterion)
        if fixed is None:
            message = _(
                "the council's round {round} gives the points the unit's own answer earns: "
                "there is no correction to reply to"
            ).format(round=row.round)
            problems.append(_problem(reply, "criterion", message))
            continue
        _compare(reply, fixed, problems)
        answered.setdefault(reply.unit_id, {})[reply.criterion] = reply
        kept.setdefault(reply.unit_id, {})[reply.criterion] = reply
    return answered


def _no_row() -> str:
    return _(
        "the council made no correction to this criterion, so there is nothing to reply to "
        "(is the row another unit's, or was its criterion changed?)"
    )


def _replaced(answers: int, standing: int) -> str:
    return _(
        "this reply answers round {round}, but the council has since decided round "
        "{standing} on this criterion: the reply is kept for the record and changes no score "
        "(send the unit a new notice if round {standing} still corrects it)"
    ).format(round=answers, standing=standing)


def _problem(reply: Reply, column: str, message: str, severity: Severity = "error") -> Problem:
    """A problem of a reply's row, naming its unit and criterion (as a council row's does)."""
    said = _("unit {unit!r}, criterion {criterion!r}: {message}").format(
        unit=reply.unit_id, criterion=reply.criterion, message=message
    )
    return Problem(
        reply.where,
        said,
        row=reply.row,
        table_column=column,
        severity=severity,
    )


def _compare(reply: Reply, fixed: CorrectedLeaf, problems: ProblemLog) -> None:
    """A warning for each locked cell that no longer says what the notice said (in either
    language: a notice may have been made in English)."""
    said = []
    for lang in LANGUAGES:
        with using(lang):
            said.append(notice_row(reply.unit_id, fixed, lang))
    ours = said[LANGUAGES.index(current())]
    rule = fixed.scored.leaf.criterion.rule
    for key, found in reply.context.items():
        if any(_same(key, found, row.get(key), rule) for row in said):
            continue
        message = _(
            "a locked cell was changed: the notice said {expected}, the reply holds {found}; "
            "the change is not read (the council's record stands)"
        ).format(expected=_shown(ours.get(key)), found=_shown(_as_read(key, found)))
        problems.append(_problem(reply, key, message, "warning"))


def _same(key: str, found: str, expected: Cell, rule: Rule | None) -> bool:
    """Whether a locked cell says what the notice said: a number as a number, a value in
    either language's words (an option by its key or either label, yes/no words, a decimal
    comma or point), any other text as written, spaces aside."""
    if key in NUMBER_KEYS:
        if expected is None or not found:
            return expected is None and not found
        value = parse_number(found, decimal_comma=True)
        return value is not None and isinstance(expected, (int, Decimal)) and value == expected
    said = "" if expected is None else str(expected)
    if key in VALUE_KEYS:
        return _value_words(found, rule) == _value_words(said, rule)
    return " ".join(found.split()) == " ".join(said.split())


def _value_words(text: str, rule: Rule | None) -> str:
    """A value as people wrote it in either language, made comparable."""
    words = " ".join(text.split()).casefold()
    if isinstance(rule, ChoiceRule):
        for key, option in rule.options.items():
            if words in (
                key.casefold(),
                (option.label or key).casefold(),
                (option.label_en or key).casefold(),
            ):
                return f"option {key}"
    if words in YES or words in NO:
        return "yes" if words in YES else "no"
    return words.replace(" ", "").replace(",", ".")


def _as_read(key: str, found: str) -> Cell:
    """A locked cell as the reply holds it: a number where the notice wrote one."""
    value = parse_number(found, decimal_comma=True) if key in NUMBER_KEYS else None
    return value if value is not None else (found or None)


def _shown(value: Cell) -> str:
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, (int, Decimal)):
        return number(Decimal(value), current())
    return f"“{value}”"


def _unanswered(
    rows: Mapping[tuple[str, str], str],
    notices: Mapping[str, NoticeUnit],
    answered: Answered,
    problems: ProblemLog,
) -> None:
    """A unit that replied to some of its corrections and not to others (a row deleted or
    left empty): a warning at its reply, naming the corrections left unanswered (`rows`:
    where each unit and criterion was answered, by a row with problems too)."""
    files: dict[str, str] = {}
    for (unit_id, _criterion), path in rows.items():
        files.setdefault(unit_id, path)
    for unit_id, path in files.items():
        notice = notices.get(unit_id)
        left = [
            c.scored.leaf.id
            for c in (notice.corrections if notice else ())
            if c.scored.leaf.id not in answered.get(unit_id, {})
            and (unit_id, c.scored.leaf.id) not in rows
        ]
        if left:
            message = ngettext(
                "unit {unit!r} replied, but not to its correction of criterion {criteria} "
                "(its row was deleted or left empty): it stands unanswered",
                "unit {unit!r} replied, but not to its corrections of criteria {criteria} "
                "(their rows were deleted or left empty): they stand unanswered",
                len(left),
            ).format(unit=unit_id, criteria=", ".join(left))
            problems.append(Problem(path, message, severity="warning"))
