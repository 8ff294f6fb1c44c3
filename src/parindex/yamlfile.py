"""Safe YAML reading that keeps every id exactly as written and where every node stood.

Scalars are not resolved the YAML 1.1 way: `1.10`, `010` and `no` stay the strings they are
written as; only a plain `null`, `~` or an empty value becomes None. Typed fields (numbers,
flags) are parsed later by the models, so nothing is silently turned into a float or a bool.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem, format_key_path

try:  # libyaml's C parser when present: several times faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_EXPANDED_NODES = 100_000
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")

Path = tuple[str | int, ...]


@dataclass(slots=True)
class YamlDocument:
    """A parsed document: plain data plus the (line, column) of every node by key path."""

    path: str
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, parts: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at `parts`, or of its nearest located parent."""
        table = self.keys if key else self.values
        probe = parts
        while probe:
            found = table.get(probe) or self.values.get(probe)
            if found:
                return found
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, parts: Path, message: str, *, key: bool = False,
                severity: str = "error") -> Problem:
        line, column = self.locate(parts, key=key)
        return Problem(self.path, message, line, column, format_key_path(parts), severity)


class YamlFileError(Exception):
    """Raised with a located problem when a file cannot be read as a YAML document at all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to NFC text; anything else gets a 'save as UTF-8' problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlFileError([Problem(path, "the file is UTF-16 encoded; save it as UTF-8", 1, 1)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlFileError([Problem(
            path,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 (in Excel or Notepad: 'Save as', encoding UTF-8)",
            line, column,
        )]) from exc
    if "\x00" in text:
        raise YamlFileError([Problem(path, "the file holds NUL bytes: it is not a text file; "
                                     "save it as UTF-8 text", 1, 1)])
    return unicodedata.normalize("NFC", text)


def parse_yaml(raw: bytes, path: str) -> YamlDocument:
    """Parse one YAML document from bytes; raise YamlFileError with located problems."""
    text = decode_text(raw, path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "malformed YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise YamlFileError([Problem(path, f"invalid YAML: {what}{context}", line, column)]) \
            from exc
    except yaml.YAMLError as exc:
        raise YamlFileError([Problem(path, f"invalid YAML: {exc}", 1, 1)]) from exc
    finally:
        loader.dispose()
    if node is None:
        raise YamlFileError([Problem(path, "the file is empty", 1, 1)])
    return _build(node, path)


def _build(root: yaml.Node, path: str) -> YamlDocument:
    """Turn a composed node graph into plain data, iteratively (deep files cannot overflow)."""
    doc = YamlDocument(path, None)
    values, keys = doc.values, doc.keys
    problems: list[Problem] = []
    expanded = 0
    shares_nodes: bool | None = None  # computed once, only for documents past the cap
    # Each work item: (node, key path, container to fill, slot in it, ancestors on this branch).
    result: dict[str, Any] = {}
    Work = tuple[yaml.Node, Path, Any, Any, frozenset[int]]
    stack: list[Work] = [(root, (), result, "", frozenset())]
    while stack:
        node, parts, parent, slot, ancestors = stack.pop()
        expanded += 1
        if expanded > MAX_EXPANDED_NODES and shares_nodes is None:
            shares_nodes = _uses_aliases(root)
        if expanded > MAX_EXPANDED_NODES and shares_nodes:
            raise YamlFileError([Problem(
                path, f"the document expands past {MAX_EXPANDED_NODES:,} nodes through aliases; "
                "refused", node.start_mark.line + 1, node.start_mark.column + 1)])
        values[parts] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            parent[slot] = None if not node.style and _NULL.match(value) else value
            continue
        if id(node) in ancestors:
            raise YamlFileError([Problem(path, "recursive alias: a node contains itself",
                                         node.start_mark.line + 1, node.start_mark.column + 1,
                                         format_key_path(parts))])
        inner = ancestors | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = [None] * len(node.value)
            parent[slot] = items
            stack.extend((node.value[index], (*parts, index), items, index, inner)
                         for index in range(len(node.value) - 1, -1, -1))
            continue
        mapping: dict[str, Any] = {}
        parent[slot] = mapping
        seen: dict[str, int] = {}
        pending = []
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, "a key must be a plain text or number, not a "
                                        "list or mapping", kline, kcol, format_key_path(parts)))
                continue
            key = key_node.value
            if key in seen:
                problems.append(Problem(
                    path, f"duplicate key {key!r}: first at line {seen[key]}, again at line "
                    f"{kline}; each key may appear once", kline, kcol,
                    format_key_path((*parts, key))))
                continue
            seen[key] = kline
            key_path = (*parts, key)
            keys[key_path] = (kline, kcol)
            mapping[key] = None
            pending.append((value_node, key_path, mapping, key, inner))
        stack.extend(reversed(pending))
    if problems:
        raise YamlFileError(problems)
    doc.data = result[""]
    return doc


def _uses_aliases(root: yaml.Node) -> bool:
    """True when some node is reachable twice, i.e. the document shares nodes via aliases."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append(key_node)
                stack.append(value_node)
    return False

