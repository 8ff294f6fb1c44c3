"""Words and numbers as people read them: the per cent sign as each language writes it,
counts grouped by thousands, a unit's change against last year, and
the index chart's values clear of its threshold lines."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from parindex.i18n import grouped, percent, with_unit
from parindex.outputs.report import charts


@pytest.mark.parametrize(
    ("value", "lang", "places", "shown"),
    [
        (Decimal("92.5"), "vi", 1, "92,5%"),
        (Decimal("92.5"), "en", 1, "92.5 %"),
        (Decimal("90"), "vi", None, "90%"),
        (90.0, "vi", 1, "90,0%"),
    ],
)
def test_percent_is_written_as_the_language_writes_it(
    value: Decimal | float, lang: str, places: int | None, shown: str
) -> None:
    assert percent(value, lang, places) == shown  # type: ignore[arg-type]


def test_a_unit_other_than_per_cent_keeps_its_space() -> None:
    assert with_unit("3", "ngày", "vi") == "3 ngày"
    assert with_unit("3", None, "vi") == "3"


def test_counts_people_read_are_grouped_by_thousands() -> None:
    assert grouped(1000, "vi") == "1.000"
    assert grouped(1000, "en") == "1,000"
    assert grouped(12, "vi") == "12"


def test_index_values_sit_clear_of_the_threshold_lines() -> None:
    """The values are written in a column right of every band's threshold line, whatever
    they are: a value at 85 is never crossed by the line at 90."""
    values = [99.5, 91.2, 89.97, 85.5, 80.01, 79.9, 12.0]
    svg = charts.index_chart(
        [f"Đơn vị {k}" for k in range(len(values))],
        values,
        [0, 0, 1, 1, 1, 2, 2],
        [(90.0, "Xuất sắc"), (80.0, "Tốt"), (0.0, "Khá")],
        prefix="t-",
        label="chart",
        axis_label="Chỉ số",
        lang="vi",
    )
    lines = [
        float(x)
        for x, style in re.findall(
            r'<path d="M ([\d.]+) [\d.]+\s+L \1 [\d.]+\s*"[^>]*style="([^"]*)"', svg
        )
        if "stroke-dasharray" in style
    ]
    assert len(lines) == 2  # the 80 and 90 thresholds
    starts = [
        float(x)
        for x in re.findall(r"<!-- \d+,\d\d -->\s*<g transform=\"translate\(([\d.]+) [\d.]+\)", svg)
    ]
    assert len(starts) == len(values)
    assert min(starts) > max(lines) + 5  # every value starts right of every line
