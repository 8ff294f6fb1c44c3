"""Output files written whole or not at all, never over an input, never into a missing folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from parindex.errors import OutputError
from parindex.i18n import _


def check_output(path: str, inputs: Iterable[str]) -> Path:
    """Refuse an output over an input or into a missing directory; return the target."""
    target = Path(path)
    resolved = target.resolve()
    for given in inputs:
        if Path(given).resolve() == resolved:
            raise OutputError(_("{file}: refusing to write over an input file").format(file=path))
    parent = target.parent.resolve()
    if parent.exists() and not parent.is_dir():
        raise OutputError(
            _("{file}: {directory!r} is a file, not a directory").format(
                file=path, directory=str(target.parent)
            )
        )
    if not parent.is_dir():
        raise OutputError(
            _(
                "{file}: the directory {directory!r} does not exist (parindex creates no "
                "directories)"
            ).format(file=path, directory=str(target.parent))
        )
    if target.is_dir():
        raise OutputError(_("{file}: is a directory").format(file=path))
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(
            _("{file}: cannot write here: {reason}").format(file=target, reason=exc.strerror or exc)
        ) from exc
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
            raise OutputError(
                _("{file}: cannot write: {reason}").format(file=target, reason=exc.strerror or exc)
            ) from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def csv_bytes(text: str, bom: bool) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")
