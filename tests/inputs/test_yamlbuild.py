"""The document builder against libyaml's own composer: the same data and the same marks.

`yamlbuild` reads the parser's events itself; PyYAML's composer reads the same events into
nodes that carry their start marks. For any document without the cases the builder handles
its own way (nulls, duplicate keys, aliases), both must agree on every value and every
position, keys included.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.inputs.documents.yamlbuild import Path, YamlDocument
from parindex.inputs.documents.yamlfile import parse_yaml

# Text that never reads as null and never needs more than quoting (PyYAML quotes what it must).
words = st.text(
    alphabet=st.sampled_from("abcxyz019 .-:#'\"ạệđƯ\t"), min_size=1, max_size=12
).filter(lambda t: t.strip() not in ("", "~", "null", "Null", "NULL"))
trees = st.recursive(
    words,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
    max_leaves=25,
)


def _walk(node: yaml.Node, parts: Path, found: dict[tuple[Path, bool], tuple[int, int]]) -> None:
    """Every path of a composed node → (line, column), of the value and, for keys, the key."""
    at = (node.start_mark.line + 1, node.start_mark.column + 1)
    found[(parts, False)] = at
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*parts, key.value)
            found[(here, True)] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _walk(value, here, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _walk(value, (*parts, index), found)


def _dump(data: Any, flow: bool | None, width: int) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, width=width)


@settings(max_examples=300, deadline=None)
@given(trees.filter(lambda t: not isinstance(t, str)), st.sampled_from([False, True, None]))
def test_data_and_positions_match_the_composer(data: Any, flow: bool | None) -> None:
    text = _dump({"root": data}, flow, 40)
    doc = parse_yaml(text.encode("utf-8"), "t.yaml")
    assert doc.data == {"root": data}
    found: dict[tuple[Path, bool], tuple[int, int]] = {}
    _walk(yaml.compose(text, Loader=yaml.SafeLoader), (), found)
    for (parts, key), where in found.items():
        if key:
            assert doc.locate(parts, key=True) == where, (text, parts)
        else:
            assert doc.locate(parts) == where, (text, parts)


def test_a_path_that_leaves_the_document_stops_at_its_last_located_node() -> None:
    doc = parse_yaml(b"a:\n  - x\n  - {b: y}\n", "t.yaml")
    assert doc.locate(("a", 1, "b")) == (3, 9)
    assert doc.locate(("a", 1, "missing")) == (3, 5)  # the mapping that lacks it
    assert doc.locate(("a", 5)) == (2, 3)  # no 6th item: the list itself
    assert doc.locate(("a", -1)) == (2, 3)  # no negative places
    assert doc.locate(("a", "0")) == (2, 3)  # a list is indexed by numbers only
    assert doc.locate(("a", 0, "deeper")) == (2, 5)  # a scalar has no parts
    assert doc.locate(("a",), key=True) == (1, 1)
    assert doc.locate(()) == (1, 1)


def test_an_aliased_container_is_located_where_it_was_written() -> None:
    doc = parse_yaml(b"a: &x\n  b: 1\nc: *x\n", "t.yaml")
    assert doc.data["c"] is doc.data["a"]
    assert doc.locate(("c",)) == (3, 4)  # the alias itself
    assert doc.locate(("c", "b")) == (2, 6)  # inside it: the anchored original


def test_a_document_built_by_hand_locates_with_pairs() -> None:
    data = {"a": [1]}
    doc = YamlDocument("t.yaml", data, {id(data): {"a": (2, 3)}, id(data["a"]): [(2, 5)]})
    assert doc.locate(("a", 0)) == (2, 5)
    assert doc.problem(("a",), "wrong").line == 2
