"""The aligned-line layout of the terminal views (`outputs.lines`), through its public API."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from parindex.outputs.terminal.lines import (
    Lines,
    aligned,
    column_widths,
    drop_columns,
    fit,
    rule_line,
)


def _printed(block: Lines, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(block, crop=False)
    return out.getvalue().splitlines()


def test_columns_are_two_apart_after_a_margin_and_numbers_right_aligned() -> None:
    spans = aligned(["Tiêu chí", "4", "10,50"], [10, 3, 6], (1, 2), "")
    assert "".join(text for text, _ in spans) == "  Tiêu chí      4   10,50"


def test_a_column_of_width_zero_is_left_out_and_trailing_blanks_dropped() -> None:
    spans = aligned(["name", "hidden", "1", ""], [6, 0, 2, 5], (2,), "")
    assert "".join(text for text, _ in spans) == "  name     1"


def test_styles_go_with_their_cells() -> None:
    spans = aligned(["a", "b"], [1, 1], (), ["bold", "dim"])
    assert [s for _, s in spans if _.strip()] == ["bold", "dim"]


def test_column_widths_take_the_widest_cell_by_display_width() -> None:
    widths = column_widths(["Điểm", "Số liệu"], [["10,50", "中文"], ["1", "4127/4127 = 100 %"]])
    assert widths == [5, cell_len("4127/4127 = 100 %")]


@pytest.mark.parametrize(
    ("width", "expected", "hidden"),
    [
        (100, [30, 6, 6, 6], False),  # everything fits
        (2 + 16 + 8 + 8, [30, 6, 6, 0], True),  # the first in order gives way
        (2 + 16 + 8, [30, 6, 0, 0], True),  # then the next
    ],
)
def test_drop_columns_hides_whole_columns_in_order(
    width: int, expected: list[int], hidden: bool
) -> None:
    widths = [30, 6, 6, 6]
    assert drop_columns(widths, (3, 2), width, first=16) is hidden
    assert widths == expected


def test_rule_line_is_as_long_as_its_header_but_never_wider_than_the_page() -> None:
    header = aligned(["Field", "Points"], [8, 6], (1,), "bold")
    assert rule_line(header, 100, "─") == ("─" * 18, "dim")
    assert rule_line(header, 10, "─") == ("─" * 10, "dim")


def test_lines_are_cut_at_the_page_width_and_notes_wrap() -> None:
    block = Lines()
    block.add(("x" * 30, ""), ("y" * 30, "bold"))
    block.note(("một ghi chú dài " * 4, "dim"))
    printed = _printed(block, 40)
    assert printed[0] == "x" * 30 + "y" * 9 + "…"
    assert all(cell_len(line) <= 40 for line in printed)
    assert len(printed) >= 3  # the note wrapped onto more lines instead of being cut


def test_neighbouring_spans_of_one_style_are_merged() -> None:
    block = Lines()
    block.add(("a", "bold"), ("b", "bold"), ("c", ""))
    assert block.lines[0] == (("ab", "bold"), ("c", ""))


@pytest.mark.parametrize("width", [1, 2, 5, 17])
def test_fit_cuts_with_an_ellipsis_and_pads_to_the_width(width: int) -> None:
    text = "Công tác chỉ đạo, điều hành CCHC"
    assert cell_len(fit(text, width)) == width
    assert fit(text, width).endswith("…")
    assert fit("7", width, right=True) == " " * (width - 1) + "7"
