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

from parindex.errors import InputError, Problem, ProblemLog, Severity, format_key_path
from parindex.i18n import _

try:  # libyaml's C parser when present: several times faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_EXPANDED_NODES = 100_000
MAX_EXPANDED_TEXT = 10_000_000  # characters reached through aliases (SPEC §5: 10 MB)
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")

Path = tuple[str | int, ...]


@dataclass(slots=True)
class YamlDocument:
    """A parsed document: plain data plus where each node stood.

    Locations are kept per (container identity, key or index), which costs one small tuple per
    node while parsing; `locate` turns a key path back into a line and column.
    """

    path: str
    data: Any
    values: dict[tuple[int, str | int], tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple[int, str | int], tuple[int, int]] = field(default_factory=dict)
    root: tuple[int, int] = (1, 1)

    def locate(self, parts: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at `parts`, or of its nearest located parent.

        With `key`, the position of the last key itself rather than of its value.
        """
        found = self.root
        node = self.data
        last = len(parts) - 1
        for depth, part in enumerate(parts):
            if not isinstance(node, (dict, list)):
                break
            ident = id(node)
            at = self.values.get((ident, part))
            if at is None:
                break
            found = self.keys.get((ident, part), at) if key and depth == last else at
            try:
                node = node[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                break
        return found

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


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to NFC text; anything else gets a 'save as UTF-8' problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise InputError([Problem(path, _("the file is UTF-16 encoded; save it as UTF-8"), 1, 1)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    path,
                    _(
                        "the file is not valid UTF-8 (byte 0x{raw:02x}); save it as "
                        "UTF-8 (in Excel or Notepad: 'Save as', encoding UTF-8)"
                    ).format(raw=raw[exc.start]),
                    line,
                    column,
                )
            ]
        ) from exc
    if "\x00" in text:
        line, column = _line_column(text, text.index("\x00"))
        raise InputError(
            [
                Problem(
                    path,
                    _("the file holds NUL bytes: it is not a text file; save it as UTF-8 text"),
                    line,
                    column,
                )
            ]
        )
    return unicodedata.normalize("NFC", text)


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 saved without a BOM: text whose every other byte is NUL."""
    head = raw[:512]
    if len(head) < 8:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) >= half * 0.6 and min(even, odd) <= half * 0.05


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def parse_yaml(raw: bytes, path: str) -> YamlDocument:
    """Parse one YAML document from bytes; raise InputError with located problems."""
    text = decode_text(raw, path)
    loader = _Loader(text)
    try:
        return _build(loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or _("malformed YAML")
        what = _explain(problem, text, mark)
        context = f" ({exc.context})" if exc.context and what == problem else ""
        opened = exc.context_mark
        if context and opened is not None and mark is not None and opened.line != mark.line:
            context = " " + _("({context} that starts at line {line})").format(
                context=exc.context, line=opened.line + 1
            )
        raise InputError(
            [
                Problem(
                    path,
                    _("invalid YAML: {what}{context}").format(what=what, context=context),
                    line,
                    column,
                )
            ]
        ) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (control characters)
        # libyaml reports a byte offset into the UTF-8 text.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        line, column = _line_column(text, len(before))
        shown = f"U+{exc.character:04X}" if isinstance(exc.character, int) else _("a character")
        raise InputError(
            [
                Problem(
                    path,
                    _(
                        "invalid YAML: {shown} is not allowed in a YAML file ({reason}); delete it"
                    ).format(shown=shown, reason=exc.reason),
                    line,
                    column,
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever the library wrote
        raise InputError(
            [Problem(path, _("invalid YAML: {message}").format(message=message), 1, 1)]
        ) from exc
    finally:
        loader.dispose()


def _explain(problem: str, text: str, mark: Any) -> str:
    """libyaml's wording, with what to do for the mistakes people make most."""
    index = getattr(mark, "index", None)
    found = text[index] if isinstance(index, int) and 0 <= index < len(text) else ""
    if problem.startswith("found character that cannot start any token") and found == "\t":
        return _("{problem}: a tab; YAML indents with spaces only").format(problem=problem)
    if "maximum nesting depth" in problem:
        return _("lists and mappings nest more than 1,000 levels deep; flatten the file")
    return problem


_NO_KEY = object()  # a mapping waits for a key
_SKIP = object()  # the value that follows a rejected key is dropped


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = ("anchor", "container", "key", "mark", "seen", "start", "text")

    def __init__(
        self, container: Any, anchor: str | None, mark: tuple[int, int], start: int, text: int
    ) -> None:
        self.container = container
        self.anchor = anchor
        self.mark = mark
        self.start = start  # the expanded-node count when the container opened
        self.text = text  # the expanded-text count when the container opened
        self.key: Any = _NO_KEY
        self.seen: dict[str, tuple[int, int]] = {}


def _open_path(stack: list[_Frame]) -> Path:
    """The key path of the innermost open container (for problems found while parsing)."""
    parts: list[str | int] = []
    for frame in stack[:-1]:
        container = frame.container
        if isinstance(container, list):
            parts.append(len(container))
        else:  # inside a duplicate or non-text key the key is a marker, not text
            parts.append(frame.key if isinstance(frame.key, str) else "?")
    return tuple(parts)


class _Builder:
    """Plain data built straight from parser events, keeping every node's position: one
    method per kind of event (scalar, alias, start and end of a collection), and `place`
    puts what each one made into the open container.

    Aliases share the anchored object; the expanded size (nodes, and characters of text
    reached through aliases) is still counted so that an alias bomb is refused before
    anything walks it.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.doc = YamlDocument(path, None)
        self.problems = ProblemLog()
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, nodes, characters
        self.open_anchors: set[str] = set()
        self.uses_aliases = False
        self.expanded = 0  # nodes, aliases expanded
        self.text = 0  # characters of scalars, aliases expanded
        self.aliased_text = 0  # of which reached through aliases
        self.stack: list[_Frame] = []
        self.done = False

    def _at_key(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and top.key is _NO_KEY and isinstance(top.container, dict)

    def _refuse(self, message: str, mark: tuple[int, int]) -> InputError:
        return InputError([Problem(self.path, message, *mark)])

    def scalar(self, event: Any, mark: tuple[int, int]) -> None:
        value = event.value
        if not self._at_key() and not event.style and event.implicit[0] and _NULL.match(value):
            value = None
        elif event.style == '"' and not value.isascii():
            # Escapes (`"Vie\u0323\u0302t"`) can spell decomposed text that the file's own
            # normalisation never saw: names must compare equal however they were typed.
            value = unicodedata.normalize("NFC", value)
        chars = len(value) if value is not None else 0
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, chars)
        self.text += chars
        self.place(value, mark, 1)

    def alias(self, event: Any, mark: tuple[int, int]) -> None:
        name = event.anchor
        if name in self.open_anchors:
            raise self._refuse(
                _("recursive alias *{name}: a node contains itself").format(name=name), mark
            )
        if name not in self.anchors:  # the parser leaves aliases to the composer we skip
            raise self._refuse(
                _("unknown alias *{name}: no anchor &{name} comes before it").format(name=name),
                mark,
            )
        value, size, chars = self.anchors[name]
        self.uses_aliases = True
        self.text += chars
        self.aliased_text += chars
        if self.aliased_text > MAX_EXPANDED_TEXT:
            raise self._refuse(
                _("the document expands past {size} MB of text through aliases; refused").format(
                    size=MAX_EXPANDED_TEXT // 1_000_000
                ),
                mark,
            )
        self.place(value, mark, size)

    def start(self, event: Any, mark: tuple[int, int]) -> None:
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(container, event.anchor, mark, self.expanded, self.text))
        self.expanded += 1

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (
                frame.container,
                self.expanded - frame.start,
                self.text - frame.text,
            )
        self.place(frame.container, frame.mark, 0)

    def place(self, value: Any, mark: tuple[int, int], size: int) -> None:
        """Count `value` (`size` more nodes) and put it where the open container wants it:
        appended to a list, as a mapping's key, or as the value of the waiting key."""
        self.expanded += size
        if self.uses_aliases and self.expanded > MAX_EXPANDED_NODES:
            raise self._refuse(
                _("the document expands past {count} nodes through aliases; refused").format(
                    count=f"{MAX_EXPANDED_NODES:,}"
                ),
                mark,
            )
        if not self.stack:
            self.doc.data, self.doc.root, self.done = value, mark, True
            return
        top = self.stack[-1]
        parent = top.container
        if isinstance(parent, list):
            self.doc.values[(id(parent), len(parent))] = mark
            parent.append(value)
        elif top.key is _NO_KEY:
            self._key(top, value, mark)
        else:
            if top.key is not _SKIP:
                parent[top.key] = value
                self.doc.values[(id(parent), top.key)] = mark
            top.key = _NO_KEY

    def _key(self, top: _Frame, value: Any, mark: tuple[int, int]) -> None:
        """A mapping's key: plain text, once."""
        if not isinstance(value, str):
            self.problems.append(
                Problem(
                    self.path,
                    _("a key must be plain text, not a list or mapping"),
                    *mark,
                    format_key_path(_open_path(self.stack)),
                )
            )
            top.key = _SKIP
        elif value in top.seen:
            first = top.seen[value]
            where = (
                _("line {first}, again at line {again}").format(first=first[0], again=mark[0])
                if first[0] != mark[0]
                else _("line {line} column {first}, again at column {again}").format(
                    line=first[0], first=first[1], again=mark[1]
                )
            )
            self.problems.append(
                Problem(
                    self.path,
                    _("duplicate key {value!r}: first at {where}; each key may appear once").format(
                        value=value, where=where
                    ),
                    *mark,
                    format_key_path((*_open_path(self.stack), value)),
                )
            )
            top.key = _SKIP
        else:
            top.seen[value] = mark
            self.doc.keys[(id(top.container), value)] = mark
            top.key = value


def _build(loader: Any, path: str) -> YamlDocument:
    """Build the document from the parser's events (see _Builder)."""
    builder = _Builder(path)
    loader.get_event()  # stream start
    event = loader.get_event()
    if isinstance(event, yaml.StreamEndEvent):
        raise InputError([Problem(path, _("the file is empty"), 1, 1)])
    while True:
        event = loader.get_event()
        kind = type(event)
        start_mark = event.start_mark
        mark = (start_mark.line + 1, start_mark.column + 1)
        if kind is yaml.ScalarEvent:
            builder.scalar(event, mark)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            builder.start(event, mark)
        elif kind is yaml.AliasEvent:
            builder.alias(event, mark)
        elif kind is yaml.DocumentEndEvent:
            break
        else:  # the end of a mapping or sequence
            builder.end()
    event = loader.get_event()
    if not isinstance(event, yaml.StreamEndEvent):
        start = event.start_mark
        raise InputError(
            [
                Problem(
                    path,
                    _("the file holds more than one YAML document ('---'); keep one per file"),
                    start.line + 1,
                    start.column + 1,
                )
            ]
        )
    if builder.problems:
        raise InputError(builder.problems)
    assert builder.done
    return builder.doc
