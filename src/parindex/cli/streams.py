"""Standard output and error that never end a run in a traceback.

Output is UTF-8 whatever the locale says (a cp1258, latin-1 or C locale cannot hold
Vietnamese); a write that fails is turned into `OutputFailed` (an `OutputError`), which the
group's handler reports in one line — or, for a reader that stopped reading
(`parindex rank … | head -1`), not at all.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from types import FrameType
from typing import TextIO

from parindex.errors import OutputError, shown
from parindex.i18n import _


class OutputFailed(OutputError):
    """Writing to standard output failed; `error` is the operating system's reason."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error

    @property
    def reader_gone(self) -> bool:
        """The reader closed the pipe: nothing is wrong, the rest is just not wanted."""
        return isinstance(self.error, BrokenPipeError) or self.error.errno == errno.EPIPE


class _Guarded(io.TextIOWrapper):
    """A text stream whose failed writes raise OutputFailed instead of a bare OSError."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise OutputFailed(exc) from exc

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise OutputFailed(exc) from exc


class _Closed(io.TextIOBase):
    """Standard output closed before the run started (`parindex … >&-`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OutputFailed(OSError(errno.EBADF, "standard output is closed"))

    def isatty(self) -> bool:
        return False


def _utf8(stream: TextIO, guarded: bool) -> TextIO:
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # not a regular text stream (a test's capture): leave it alone
        return stream
    with_errors = "backslashreplace"
    cls = _Guarded if guarded else io.TextIOWrapper
    line_buffering = bool(getattr(stream, "line_buffering", False))
    stream.flush()
    return cls(buffer, encoding="utf-8", errors=with_errors, line_buffering=line_buffering)


def setup() -> None:
    """UTF-8 standard streams (stdout guarded), and SIGTERM handled like Ctrl-C so that a
    killed run still removes its temporary files."""
    sys.stdout = _Closed() if sys.stdout is None else _utf8(sys.stdout, guarded=True)
    if sys.stderr is not None:
        sys.stderr = _utf8(sys.stderr, guarded=False)
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def quiet_stdout() -> None:
    """After a reader went away: send what is left to /dev/null, so the final flush at exit
    cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    finally:
        os.close(devnull)
    sys.stdout = io.TextIOWrapper(open(os.devnull, "wb"), encoding="utf-8")  # noqa: SIM115


def finish() -> int | None:
    """Flush standard output at the end of a run: None when it went well, else the exit code
    (0 for a reader that stopped reading, 1 for a failed write, reported)."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OutputFailed as exc:
        return report(exc)
    return None


def report(exc: OutputFailed) -> int:
    """Say why the output failed (unless the reader simply stopped); the exit code."""
    if exc.reader_gone:
        quiet_stdout()
        return 0
    message = _("error: cannot write to standard output: {reason}").format(reason=shown(str(exc)))
    if sys.stderr is not None:
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except OSError:
            pass
    quiet_stdout()
    return 1
