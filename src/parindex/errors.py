"""The errors parindex reports to its user, and the located problems they carry.

Every error meant for a person is a `ParindexError`: an input that is wrong (`InputError`, each
problem located), an output that cannot be written (`OutputError`, and the cli's
`OutputFailed` for standard output), or options that do not go together once the inputs are
read (`UsageError`). The cli's group handler turns each into its message on stderr and its
exit code; nothing else ends a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]  # a note: worth knowing, nothing wrong
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# What must never reach a terminal raw: C0/C1 controls (escape sequences start with ESC or
# CSI), line and paragraph separators, bidirectional overrides, and the lone surrogates that
# stand for the bytes of a file name that is not UTF-8.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name, as Python decoded it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: str, *, keep_newlines: bool = False) -> str:
    """`text` safe for a terminal: control characters (ESC included) written as escapes
    (`\\e`, `\\x07`, `\\u202e`), so that input text can never move the cursor, retitle the
    window or split one message over several lines."""
    pattern = _UNSAFE_KEEP_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub(_escape_char, text)


def format_key_path(parts: Sequence[str | int]) -> str:
    """Render a key path the way users read it: `answers["1.10"].value`, `criteria[0].max`."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            out.append(f".{part}" if out else part)
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Problem:
    """One located message about an input file.

    YAML problems have a line and column and a key path; table (CSV/XLSX) problems have a row
    and a column name; problems about a whole file have neither.
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    key: str = ""
    severity: Severity = "error"
    row: int | None = None
    table_column: str = ""
    code: str = ""  # "missing": an unanswered criterion; "no_evidence": required evidence absent

    def render(self) -> str:
        """`FILE:LINE:COL: error: KEY.PATH: message` or `FILE:ROW: error: COLUMN: message`."""
        where = self.path
        subject = self.key
        if self.row is not None:
            where = f"{self.path}:{self.row}"
            subject = self.table_column
        elif self.line is not None:
            where = f"{self.path}:{self.line}:{self.column or 1}"
        head = f"{where}: {self.severity}: "
        # One problem, one line, even when a library's message spans several; nothing from
        # an input (a name, a key, a file name) reaches the terminal raw.
        message = " ".join(self.message.splitlines())
        line = f"{head}{subject}: {message}" if subject else f"{head}{message}"
        return shown(line)

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.row or self.line or 0, self.column or 0)


class ParindexError(Exception):
    """Base of every error parindex reports to its user; `exit_code` is what the CLI returns.

    `preceding` holds the lines a run had to say before it failed (the warnings about inputs
    read before an output could not be made): the cli prints them first, as a run that went on
    would have.
    """

    exit_code = 1
    preceding: tuple[str, ...] = ()


class InputError(ParindexError):
    """One or more input files are wrong; carries every located problem found."""

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        self.problems = sorted(problems, key=lambda p: p.sort_key)
        self.warnings = sorted(warnings, key=lambda p: p.sort_key)
        super().__init__("\n".join(p.render() for p in self.problems))


class OutputError(ParindexError):
    """An output cannot be written (refused, unwritable, missing directory)."""


class UsageError(ParindexError):
    """Options that do not go together, found only once the inputs are read (`rank --by-field`
    of a field no framework has): the cli reports it as it reports its own usage errors."""

    exit_code = 2


class ProblemLog(list[Problem]):
    """The one collector of problems: every loader appends to it, so that every problem of
    every file is reported, not just the first; `raise_if_errors` ends the run with them."""

    def add(self, problem: Problem) -> None:
        self.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity != "error"]

    def raise_if_errors(self) -> None:
        """Raise one InputError holding every error (warnings stay in the log)."""
        if self.errors:
            raise InputError(self.errors, self.warnings)
