"""libyaml's and pydantic's own English words where a Vietnamese reader meets them: the common
YAML mistakes and a framework's "'a' or 'b'" said in Vietnamese, English left as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from parindex.errors import InputError
from parindex.i18n import using
from parindex.inputs.documents.loading import load_framework_file
from parindex.inputs.documents.yamlfile import parse_yaml

CORPUS = Path(__file__).parent.parent / "malformed"

UNCLOSED = b"unit:\n  id: u1\nanswers:\n  '1.1': {value: 1, self_points: 1\n  '1.2': {value: 2}\n"
INDENT = b"unit:\n  id: u1\n    group: x\n"


def _message(raw: bytes) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(raw, "unit.yaml")
    return caught.value.problems[0].message


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        (
            UNCLOSED,
            "thiếu dấu ',' hoặc dấu đóng ngoặc '}' (trong cặp ngoặc { } bắt đầu ở dòng 4)",
            "did not find expected ',' or '}' (while parsing a flow mapping that starts at line 4)",
        ),
        (
            INDENT,
            "không được có dấu ':' ở chỗ này",
            "mapping values are not allowed in this context",
        ),
    ],
)
def test_common_yaml_mistakes_in_the_readers_language(raw: bytes, vi: str, en: str) -> None:
    with using("vi"):
        said = _message(raw)
    assert vi in said and "did not" not in said and "while" not in said
    with using("en"):
        assert en in _message(raw)


def test_a_frameworks_literal_choices_end_with_the_readers_or(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_bytes((CORPUS / "fw-bad-literals" / "criteria" / "mini.yaml").read_bytes())
    with using("vi"), pytest.raises(InputError) as caught:
        load_framework_file(str(path))
    messages = [p.message for p in caught.value.problems]
    assert "không được dùng 'citizens'; cần 'self', 'survey' hoặc 'council'" in messages
    assert not any(" or " in m for m in messages)
