"""Output files written whole or not at all, never over an input, never into a missing folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from parindex.errors import OutputError


def check_output(path: str, inputs: Iterable[str]) -> Path:
    """Refuse an output over an input or into a missing directory; return the target."""
    target = Path(path)
    resolved = target.resolve()
    for given in inputs:
        if Path(given).resolve() == resolved:
            raise OutputError(f"{path}: refusing to write over an input file")
    parent = target.parent.resolve()
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{path}: {str(target.parent)!r} is a file, not a directory")
    if not parent.is_dir():
        raise OutputError(
            f"{path}: the directory {str(target.parent)!r} does not exist "
            "(parindex creates no directories)"
        )
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def csv_bytes(text: str, bom: bool) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")
