"""What the open cells of a unit's workbook form accept, and what the spreadsheet says when a
cell is selected or refuses what was typed: drop-downs (of the hidden cells that list a
choice's options, or of an inline list), number ranges, whole numbers, input messages alone.
Each distinct check is written once, whatever the number of cells it covers."""

from __future__ import annotations

from parindex.core.models import Leaf
from parindex.core.numbers import plain
from parindex.core.rules import Bounds
from parindex.outputs.workbooks.form_words import Words
from parindex.outputs.workbooks.sheet_xml import attribute, escape

Check = tuple[tuple[str, str], ...]  # the check's attributes and formulas, in a fixed order


class Validations:
    """The form's data validations, in the order first added."""

    def __init__(self) -> None:
        self.cells: dict[Check, list[str]] = {}

    def _add(self, rule: dict[str, str], said: Words, cell: str) -> None:
        words = {
            "promptTitle": said.prompt_title,
            "prompt": said.prompt,
            "errorTitle": said.error_title,
            "error": said.error,
        }
        check = tuple(rule.items()) + tuple((k, v) for k, v in words.items() if v)
        self.cells.setdefault(check, []).append(cell)

    def add_list(self, source: str, said: Words, cell: str) -> None:
        """A drop-down of an inline list (`"A,B"`) or of a range of cells."""
        self._add({"type": "list", "formula1": source}, said, cell)

    def add_number(self, bounds: Bounds, said: Words, cell: str) -> None:
        """A number within `bounds` (a whole number when they say so); with no bounds, only
        the input message."""
        kind = "whole" if bounds.whole else "decimal"
        low, high = bounds.lowest, bounds.highest
        if low is not None and high is not None:
            rule = {"operator": "between", "formula1": plain(low), "formula2": plain(high)}
        elif low is not None:
            rule = {"operator": "greaterThanOrEqual", "formula1": plain(low)}
        elif high is not None:
            rule = {"operator": "lessThanOrEqual", "formula1": plain(high)}
        else:
            self.add_prompt(said, cell)
            return
        self._add({"type": kind, **rule}, said, cell)

    def add_count(self, said: Words, cell: str) -> None:
        """A number of 0 or more (a ratio's numerator or denominator)."""
        rule = {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"}
        self._add(rule, said, cell)

    def add_points(self, leaf: Leaf, said: Words, cell: str) -> None:
        """Points within the leaf's range."""
        self.add_number(Bounds(leaf.criterion.lowest, leaf.max), said, cell)

    def add_prompt(self, said: Words, cell: str) -> None:
        """An input message alone: the cell takes anything."""
        self._add({}, said, cell)

    def xml(self) -> str:
        if not self.cells:
            return ""
        items = []
        for check, cells in self.cells.items():
            fields = dict(check)
            formulas = "".join(
                f"<{key}>{escape(fields.pop(key))}</{key}>"
                for key in ("formula1", "formula2")
                if key in fields
            )
            flags = ' allowBlank="1"'
            if "prompt" in fields:
                flags += ' showInputMessage="1"'
            if "error" in fields:
                flags += ' showErrorMessage="1"'
            attributes = "".join(f' {k}="{attribute(v)}"' for k, v in fields.items())
            sqref = " ".join(cells)
            opening = f'<dataValidation{attributes}{flags} sqref="{sqref}"'
            items.append(f"{opening}>{formulas}</dataValidation>" if formulas else opening + "/>")
        return f'<dataValidations count="{len(items)}">{"".join(items)}</dataValidations>'
