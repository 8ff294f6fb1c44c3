"""A cell's length said as people of the language write a count: 32.000 under vi."""

from __future__ import annotations

from parindex.i18n import using
from parindex.inputs.tables.cells import CELL_LIMIT, cell_problem


def test_an_over_long_id_counts_its_characters_with_a_vietnamese_thousands_dot() -> None:
    with using("vi"):
        said = cell_problem("criterion", "1" * 32_000, None, True)
    assert said.startswith("32.000 ký tự")


def test_an_over_long_cell_counts_in_english_with_a_comma() -> None:
    with using("en"):
        said = cell_problem("evidence", "x" * (CELL_LIMIT + 1), None, False)
    assert said.startswith(f"{CELL_LIMIT + 1:,} characters")
