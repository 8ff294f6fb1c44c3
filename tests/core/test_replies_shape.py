"""The reply workbook's shape (`core.replies`): what tells a reply from another workbook, and
the words that answer its drop-down in either language."""

from __future__ import annotations

import pytest

from parindex.core.replies import (
    ANSWER_KEYS,
    CONTEXT_KEYS,
    REPLY_KEYS,
    REPLY_LABELS,
    agreement,
    is_reply_book,
)


@pytest.mark.parametrize(
    ("titles", "reply"),
    [
        (["replies"], True),
        (["Ghi chú", " Replies "], True),  # whatever else it holds, case and spaces aside
        (["Giải trình"], True),  # the sheet's name in a notice made in Vietnamese
        (["reply"], True),  # … and in English
        (["Phiếu tự đánh giá"], False),
        (["assessment"], False),
        (["appraisal", "survey"], False),
        ([], False),
    ],
)
def test_a_reply_is_a_workbook_with_the_sheet_replies(titles: list[str], reply: bool) -> None:
    assert is_reply_book(titles) is reply


@pytest.mark.parametrize(
    ("word", "agrees"),
    [
        ("Đồng ý", True),
        ("  đồng   ý ", True),
        ("Không đồng ý", False),
        ("KHÔNG ĐỒNG Ý", False),
        ("Agree", True),
        ("disagree", False),
        ("có", True),
        ("không", False),
        ("yes", True),
        ("No", False),
        ("đạt", True),
        ("1", True),
        ("0", False),
        ("dong y", None),  # a near miss is no answer (the reader says what was meant)
        ("maybe", None),
        ("", None),
    ],
)
def test_the_words_that_answer_the_drop_down(word: str, agrees: bool | None) -> None:
    assert agreement(word) is agrees


def test_the_keys_context_then_answers_each_with_words_for_people() -> None:
    assert REPLY_KEYS[:2] == ("unit_id", "criterion")
    assert REPLY_KEYS[-3:] == ANSWER_KEYS == ("agree", "explanation", "evidence")
    assert set(REPLY_LABELS) == set(REPLY_KEYS) == set(CONTEXT_KEYS) | set(ANSWER_KEYS)
