"""What the answer cells of an entry sheet accept (drop-downs, number ranges, whole numbers)
and what the spreadsheet says otherwise: one data validation per distinct check, however many
cells it covers; and the hidden sheet a drop-down's entries come from when an inline list
cannot hold them. openpyxl is imported when the checks are attached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from parindex.outputs.records import guard, legal
from parindex.outputs.workbooks.sheet_xml import column_letter

LIST_LIMIT = 255  # characters Excel allows in a drop-down's inline list

Kind = Literal["list", "decimal", "whole"]
_KIND_ORDER: dict[Kind, int] = {"list": 0, "decimal": 1, "whole": 2}


@dataclass(frozen=True, slots=True)
class Check:
    """One data validation: what a cell accepts, and what the spreadsheet says otherwise.
    Checks that accept the same (a range of 1 to 1.5 and of 1.0 to 1.50) are one check: the
    first one's words are shown."""

    kind: Kind
    formula1: str | Decimal
    formula2: str | Decimal | None
    operator: str | None
    title: str = field(compare=False)
    message: str = field(compare=False)


def choice_check(options: Sequence[str], title: str, message: str) -> Check | None:
    """A drop-down of `options`; None when Excel cannot hold them as an inline list."""
    inline = ",".join(options)
    if (
        len(inline) > LIST_LIMIT - 2
        or '"' in inline
        or any("," in option for option in options)
        or legal(inline) != inline
    ):
        return None
    return Check("list", f'"{inline}"', None, None, title, message)


def range_check(low: Decimal, high: Decimal, title: str, message: str) -> Check:
    """A number from `low` to `high`."""
    return Check("decimal", low, high, "between", title, message)


def whole_check(minimum: int, title: str, message: str) -> Check:
    """A whole number of `minimum` or more."""
    return Check("whole", str(minimum), None, "greaterThanOrEqual", title, message)


def list_check(cells: str, title: str, message: str) -> Check:
    """A drop-down of the entries in `cells` (a range of another sheet, `lists!$A$1:$A$3`):
    entries may hold commas, which an inline list cannot."""
    return Check("list", cells, None, None, title, message)


class ListSheet:
    """The entries of the drop-downs, one list per column of a hidden sheet: each distinct list
    once, however many rows use it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.columns: dict[tuple[str, ...], int] = {}

    def range_of(self, entries: Sequence[str]) -> str:
        """The range that holds `entries` (added when first asked for)."""
        column = self.columns.setdefault(tuple(entries), len(self.columns))
        letter = column_letter(column)
        return f"{self.name}!${letter}$1:${letter}${len(entries)}"

    def write(self, book: Any) -> None:
        """The hidden sheet, protected: nobody types into it."""
        sheet = book.create_sheet(self.name)
        lists = list(self.columns)
        for row in range(max((len(entries) for entries in lists), default=0)):
            sheet.append(
                [guard(legal(entries[row])) if row < len(entries) else None for entries in lists]
            )
        sheet.sheet_state = "hidden"
        sheet.protection.sheet = True


class Validations:
    """Data validations, one per distinct check whatever the number of cells it covers
    (a sheet of thousands of rows stays a few dozen validations)."""

    def __init__(self) -> None:
        self.cells: dict[Check, list[str]] = {}

    def add(self, check: Check | None, cells: str) -> None:
        if check is not None:
            self.cells.setdefault(check, []).append(cells)

    def attach(self, sheet: Any) -> None:
        """Drop-downs first, then number ranges, then whole numbers, each in the order added."""
        from openpyxl.worksheet.datavalidation import DataValidation as data_validation

        for check in sorted(self.cells, key=lambda c: _KIND_ORDER[c.kind]):
            extra = {} if check.operator is None else {"operator": check.operator}
            if check.formula2 is not None:
                extra["formula2"] = str(check.formula2)
            validation = data_validation(
                type=check.kind,
                formula1=str(check.formula1),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=legal(check.title),
                error=legal(check.message),
                **extra,
            )
            validation.sqref = " ".join(self.cells[check])
            sheet.data_validations.append(validation)
