"""Cells of the `score` table: every cell takes exactly its column's display width."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from parindex.outputs.terminal.lines import fit

SAMPLES = [
    "Xây dựng và tổ chức thực hiện văn bản QPPL",
    "中文名字很长的标准",
    "ab😀cd😀ef",
    "中中\u0301\u0301abc",
    "plain ascii",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("right", [False, True])
def test_a_cell_is_exactly_its_width_whatever_the_characters(text: str, right: bool) -> None:
    for width in range(1, 50):
        cell = fit(text, width, right=right)
        assert cell_len(cell) == width, (text, width, cell)
        if cell_len(text) <= width:
            assert cell.strip() == text.strip()
        else:
            assert cell.endswith("…")


@given(st.text(min_size=0, max_size=40), st.integers(min_value=1, max_value=60))
def test_any_text_fits_its_width(text: str, width: int) -> None:
    assert cell_len(fit(text, width)) == width
