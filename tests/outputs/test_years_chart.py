"""The report's chart of each unit over the years: one panel per unit in a small group, every
line in one panel in a large one, the group mean over the units that have a year, the same
bytes every time."""

from __future__ import annotations

import re

import pytest

from parindex.outputs.report.years_chart import PANELS, UnitYears, group_means, years_chart


def units(count: int) -> list[UnitYears]:
    return [
        UnitYears(
            f"Đơn vị số {k} có một cái tên khá dài để xuống dòng",
            tuple((2022 + y, 60.0 + (k * 7 + y * 3) % 35) for y in range(4) if (k + y) % 5),
        )
        for k in range(count)
    ]


def chart(count: int) -> str:
    return years_chart(
        units(count),
        prefix="t-",
        label="Chỉ số qua các năm",
        unit_label="Đơn vị",
        mean_label="Bình quân",
        lang="vi",
    )


def test_group_means_count_only_the_units_of_each_year() -> None:
    group = [
        UnitYears("a", ((2023, 80.0), (2024, 90.0))),
        UnitYears("b", ((2024, 70.0),)),
        UnitYears("c", ()),
    ]
    assert group_means(group, [2023, 2024, 2025]) == [80.0, 80.0, None]


@pytest.mark.parametrize("count", [1, 5, PANELS, PANELS + 1, 600])
def test_drawn_whatever_the_size(count: int) -> None:
    svg = chart(count)
    assert svg.startswith('<svg role="img" aria-label="Chỉ số qua các năm"')
    assert all(i.startswith("t-") for i in re.findall(r'\bid="([^"]+)"', svg))
    axes = len(re.findall(r'<g id="t-axes_\d+"', svg))
    assert axes == (count if count <= PANELS else 1)
    assert svg == chart(count)  # the same bytes again


def test_years_are_written_as_years() -> None:
    svg = chart(3)
    # tick labels are drawn as glyphs; the years are in the comments matplotlib writes
    assert "2022" in svg and "2025" in svg
    assert "2.022" not in svg and "2022,0" not in svg
