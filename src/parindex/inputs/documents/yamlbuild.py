"""Plain data straight from libyaml's events, with where every node stood.

A unit file is mostly small scalars, and reading a province means millions of them, so the
events are taken in one loop that keeps the open container, its positions and the key it
waits for in local variables: a scalar costs a type check, a test of the null spelling and
one store beside its value. An enclosing container's state is saved on a stack while a
nested one is open and restored when it ends. Positions are libyaml's own marks, stored per
container (a list of marks for a sequence, a dict of marks by key for a mapping, and the
keys' marks beside it); `YamlDocument.locate` turns a key path back into a line and column,
so a file without problems never converts one.

Aliases share the anchored object; the expanded size (nodes, and characters of text
reached through aliases) is still counted so that an alias bomb is refused before anything
walks it. A duplicate or non-text key is reported and the value after it dropped; the
caller raises every problem found once the document is complete.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from parindex.errors import InputError, Problem, ProblemLog, Severity, format_key_path
from parindex.i18n import _

MAX_EXPANDED_NODES = 100_000
MAX_EXPANDED_TEXT = 10_000_000  # characters reached through aliases (10 MB)
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")

Path = tuple[str | int, ...]
# Where a node stood: a parser's mark (0-based `line` and `column`; libyaml's C marks have the
# same two), or a 1-based (line, column) pair.
Mark = yaml.Mark | tuple[int, int]


class YamlDocument:
    """A parsed document: plain data plus where each node stood.

    `spots` maps a container's identity to its members' marks (a list for a sequence, a dict
    by key for a mapping) and `key_spots` a mapping's identity to its keys' marks; a mark is
    anything with 0-based `line` and `column`, or a 1-based (line, column) pair.
    """

    __slots__ = ("data", "key_spots", "path", "root", "spots")

    def __init__(
        self,
        path: str,
        data: Any,
        spots: dict[int, Any] | None = None,
        key_spots: dict[int, dict[str, Mark]] | None = None,
        root: Mark = (1, 1),
    ) -> None:
        self.path = path
        self.data = data
        self.spots: dict[int, Any] = {} if spots is None else spots
        self.key_spots: dict[int, dict[str, Mark]] = {} if key_spots is None else key_spots
        self.root = root

    def locate(self, parts: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at `parts`, or of its nearest located parent.

        With `key`, the position of the last key itself rather than of its value.
        """
        found = self.root
        node = self.data
        last = len(parts) - 1
        for depth, part in enumerate(parts):
            here = self.spots.get(id(node)) if isinstance(node, (dict, list)) else None
            if here is None:
                break
            if isinstance(node, list):
                if type(part) is not int or not 0 <= part < len(here):
                    break
                at = here[part]
            else:
                at = here.get(part)
                if at is None:
                    break
                if key and depth == last and isinstance(part, str):
                    at = self.key_spots[id(node)].get(part, at)
            found = at
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):  # data changed since it was parsed
                break
        return _line_column(found)

    def problem(
        self,
        parts: Path,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        code: str = "",
    ) -> Problem:
        line, column = self.locate(parts, key=key)
        return Problem(
            self.path, message, line, column, format_key_path(parts), severity, code=code
        )


def _line_column(mark: Mark) -> tuple[int, int]:
    if isinstance(mark, tuple):
        return mark
    return mark.line + 1, mark.column + 1


_NO_KEY = object()  # a mapping waits for a key
_SKIP = object()  # the value that follows a rejected key is dropped


def build_document(loader: yaml.CSafeLoader, path: str) -> tuple[YamlDocument, ProblemLog]:
    """The document whose events `loader` gives next (after DocumentStartEvent), up to and
    including its DocumentEndEvent, and the problems of its keys."""
    doc = YamlDocument(path, None)
    problems = ProblemLog()
    doc.data, doc.root = _read_nodes(loader.get_event, doc, problems)
    return doc, problems


def _read_nodes(get_event: Any, doc: YamlDocument, problems: ProblemLog) -> tuple[object, Mark]:
    """`build_document`'s loop, each node put where its container wants it (the document's own
    into a list); `stack` keeps each enclosing container's state. The document and its mark."""
    aliases, null, spots, key_spots = _Aliases(doc.path), _NULL.match, doc.spots, doc.key_spots
    scalar_event, alias_event, mapping_start, sequence_start = _NODE_EVENTS
    container, here, is_map, keys_here, key = _document()  # `here`: the members' marks
    stack: list[tuple[Any, ...]] = []
    push, pop = stack.append, stack.pop
    expanded, text, aliased = 0, 0, False  # nodes and characters, aliases expanded
    while True:
        event = get_event()
        kind, mark = type(event), event.start_mark
        if kind is scalar_event:
            value = event.value
            if (is_map and key is _NO_KEY) or event.style:
                if event.style == '"' and not value.isascii():
                    value = _escaped(value)
            elif event.implicit[0] and null(value):
                value = None
            size, chars = 1, len(value) if value is not None else 0
            if event.anchor:
                aliases.anchors[event.anchor] = (value, 1, chars)
        elif kind is mapping_start or kind is sequence_start:
            push((container, is_map, here, keys_here, key, event.anchor, mark, expanded, text))
            is_map, key = kind is mapping_start, _NO_KEY
            container, here = ({}, {}) if is_map else ([], [])
            spots[id(container)] = here
            if is_map:
                keys_here = key_spots[id(container)] = {}
            expanded += 1
            continue
        elif kind is alias_event:
            value, size, chars = aliases.expand(event.anchor, mark, stack)
            aliased = True
        elif kind is yaml.DocumentEndEvent:
            return container[0], here[0]
        else:  # the end of a mapping or sequence
            value = container
            (container, is_map, here, keys_here, key, anchor, mark, opened, text_then) = pop()
            if anchor:
                aliases.anchors[anchor] = (value, expanded - opened, text - text_then)
            size = chars = 0
        expanded, text = expanded + size, text + chars
        if aliased and expanded > MAX_EXPANDED_NODES:
            raise _refuse(doc.path, _too_many_nodes(), mark)
        if not is_map:
            here.append(mark)
            container.append(value)
        elif key is _NO_KEY:
            if type(value) is str and value not in keys_here:
                keys_here[value] = mark
                key = value
            else:
                problems.append(_key_problem(doc.path, value, mark, keys_here, stack))
                key = _SKIP
        else:
            if key is not _SKIP:
                container[key] = value
                here[key] = mark
            key = _NO_KEY


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NO_KEYS: dict[str, Mark] = {}  # the keys of a container that is no mapping


def _document() -> tuple[Any, Any, bool, dict[str, Mark], object]:
    """The state the loop starts in: the document's node goes into a list, as the members of
    a sequence do (the list, its marks, not a mapping, no keys, no key awaited)."""
    return [], [], False, _NO_KEYS, _NO_KEY


def _escaped(value: str) -> str:
    """Escapes (`"Vie\\u0323\\u0302t"`) can spell decomposed text that the file's own
    normalisation never saw: names must compare equal however they were typed."""
    return unicodedata.normalize("NFC", value)


class _Aliases:
    """The anchors of a document and what its aliases expand to, counted (nodes, and text
    reached through aliases) so that an alias bomb is refused before anything walks it."""

    __slots__ = ("anchors", "path", "text")

    def __init__(self, path: str) -> None:
        self.path = path
        self.anchors: dict[str, tuple[object, int, int]] = {}  # value, nodes, characters
        self.text = 0  # characters reached through aliases

    def expand(
        self, name: str, mark: Mark, stack: list[tuple[Any, ...]]
    ) -> tuple[object, int, int]:
        """What an alias stands for: the anchored value, its nodes and its characters. The
        anchors of the containers still open are on `stack`: an alias to one is recursive."""
        if any(entry[5] == name for entry in stack):
            raise _refuse(
                self.path,
                _("recursive alias *{name}: a node contains itself").format(name=name),
                mark,
            )
        if name not in self.anchors:  # the parser leaves aliases to the composer we skip
            raise _refuse(
                self.path,
                _("unknown alias *{name}: no anchor &{name} comes before it").format(name=name),
                mark,
            )
        value, size, chars = self.anchors[name]
        self.text += chars
        if self.text > MAX_EXPANDED_TEXT:
            raise _refuse(self.path, _too_much_text(), mark)
        return value, size, chars


def _too_much_text() -> str:
    return _("the document expands past {size} MB of text through aliases; refused").format(
        size=MAX_EXPANDED_TEXT // 1_000_000
    )


def _too_many_nodes() -> str:
    return _("the document expands past {count} nodes through aliases; refused").format(
        count=f"{MAX_EXPANDED_NODES:,}"
    )


def _refuse(path: str, message: str, mark: Mark) -> InputError:
    return InputError([Problem(path, message, *_line_column(mark))])


def _key_problem(
    path: str, value: object, mark: Mark, seen: dict[str, Mark], stack: list[tuple[Any, ...]]
) -> Problem:
    """A mapping's key that is not plain text, or that came before."""
    where = _open_path(stack)
    line, column = _line_column(mark)
    if not isinstance(value, str):
        return Problem(
            path,
            _("a key must be plain text, not a list or mapping"),
            line,
            column,
            format_key_path(where),
        )
    first_line, first_column = _line_column(seen[value])
    said = (
        _("line {first}, again at line {again}").format(first=first_line, again=line)
        if first_line != line
        else _("line {line} column {first}, again at column {again}").format(
            line=line, first=first_column, again=column
        )
    )
    return Problem(
        path,
        _("duplicate key {value!r}: first at {where}; each key may appear once").format(
            value=value, where=said
        ),
        line,
        column,
        format_key_path((*where, value)),
    )


def _open_path(stack: list[tuple[Any, ...]]) -> Path:
    """The key path of the open container, from the enclosing ones saved on `stack`."""
    parts: list[str | int] = []
    for container, is_map, _here, _keys, key, *_rest in stack[1:]:  # below: the document
        if not is_map:
            parts.append(len(container))
        else:  # inside a duplicate or non-text key the key is a marker, not text
            parts.append(key if isinstance(key, str) else "?")
    return tuple(parts)
