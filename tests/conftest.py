"""Shared pytest configuration and fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parindex import i18n

from golden_support import Golden, add_golden_option, make_golden
from province_support import write_province


def pytest_addoption(parser: pytest.Parser) -> None:
    add_golden_option(parser)


@pytest.fixture(autouse=True)
def _messages_in_english() -> Iterator[None]:
    """Tests that call the library directly read its messages in English, the source language
    (the command line sets its own language from --lang and PARINDEX_LANG on every run)."""
    with i18n.using("en"):
        yield


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """`golden(name, text)`: compare text with tests/golden/<name> (--update-golden rewrites)."""
    return make_golden(request.config)


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The small province of province_support in tmp_path, also the working directory."""
    write_province(tmp_path)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


# --- core tests (rules, loading, scoring, properties) -------------------------------------------

# A compact framework with every rule kind, N/A policy, source and adjustment (regular total 15).
# Tests find lines in it by text, so edits here do not break their line numbers.
MINI_FRAMEWORK = """\
framework: mini-2025
title: Chỉ số thử nghiệm
year: 2025
group: department
precision: 2
not_applicable: exclude
bands:
  - {min: 90, label: A}
  - {min: 80, label: B}
  - {min: 70, label: C}
criteria:
  - id: "1"
    name: Chỉ đạo, điều hành
    criteria:
      - id: "1.1"
        name: Ban hành kế hoạch
        max: 1
        evidence: required
        rule:
          kind: choice
          options:
            on_time: {points: 1, label: Ban hành kịp thời}
            muộn: 0.5
            no: 0
      - id: "1.2"
        name: Thực hiện kế hoạch
        max: 2
        not_applicable: allowed
        rule: {kind: bands, unit: "%", bands: [{above: 90, points: 2}, {at_least: 70, points: 1}]}
      - id: 1.10
        name: Có báo cáo
        max: 1
        rule: {kind: boolean}
  - id: "2"
    name: Thủ tục hành chính
    criteria:
      - id: "2.1"
        name: Hồ sơ đúng hạn
        max: 4
        not_applicable: exclude
        rule: {kind: ratio, full_at: 95, zero_below: 50}
      - id: "2.2"
        name: Báo cáo trễ hạn
        max: 1
        rule: {kind: deduction, per: 0.25, floor: -0.5}
      - id: "2.3"
        name: Điểm hội đồng cho
        max: 2
        not_applicable: full
        rule: {kind: points}
  - id: "3"
    name: Khảo sát
    criteria:
      - id: "3.1"
        name: Mức độ hài lòng
        max: 3
        source: survey
        rule: {kind: scale, low: 1, high: 5}
      - id: "3.2"
        name: Hội đồng chấm
        max: 1
        source: council
        rule: {kind: points}
  - id: "9"
    name: Điểm thưởng, điểm trừ
    criteria:
      - id: "9.1"
        name: Điểm thưởng
        max: 2
        adjust: bonus
        rule: {kind: points}
      - id: "9.2"
        name: Điểm trừ
        max: 3
        adjust: penalty
        rule: {kind: points}
"""


@pytest.fixture(scope="session")
def mini_yaml() -> str:
    """The text of MINI_FRAMEWORK (framework id `mini-2025`, group `department`)."""
    return MINI_FRAMEWORK


@pytest.fixture(scope="session")
def mini_framework():  # type: ignore[no-untyped-def]
    """MINI_FRAMEWORK loaded and checked (it must load without problems)."""
    from parindex.inputs.documents.loading import build_framework
    from parindex.inputs.documents.yamlfile import parse_yaml

    framework, problems = build_framework(parse_yaml(MINI_FRAMEWORK.encode(), "mini.yaml"))
    assert framework is not None and not problems, problems
    return framework
