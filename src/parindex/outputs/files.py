"""Output files written whole or not at all, never over an input, never into a missing folder;
and the one folder parindex makes (`init`'s year), made whole or not at all."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from parindex.errors import OutputError, shown
from parindex.i18n import _


def check_output(path: str, inputs: Iterable[str]) -> Path:
    """Refuse an output over an input, into a missing directory, onto something that is not a
    regular file (a FIFO, a device) or under a name the file system cannot hold (too long);
    return where the bytes go: through a symbolic link, the file it points to, so the link
    stays a link."""
    try:
        return _checked(path, inputs)
    except OSError as exc:  # a name longer than the file system allows, a loop of links, …
        raise OutputError(
            _("{path}: cannot write: {reason}").format(path=shown(path), reason=exc.strerror or exc)
        ) from exc


def _checked(path: str, inputs: Iterable[str]) -> Path:
    name = shown(path)
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(path))
    resolved = target.resolve()
    for given in inputs:
        if Path(given).resolve() == resolved:
            raise OutputError(_("{path}: refusing to write over an input file").format(path=name))
    parent = target.parent.resolve()
    if parent.exists() and not parent.is_dir():
        raise OutputError(
            _("{path}: {parent!r} is a file, not a directory").format(
                path=name, parent=shown(str(Path(path).parent))
            )
        )
    if not parent.is_dir():
        raise OutputError(
            _(
                "{path}: the directory {parent!r} does not exist (parindex creates no directories)"
            ).format(path=name, parent=shown(str(Path(path).parent)))
        )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot write: {reason}").format(path=name, reason=exc.strerror or exc)
        ) from exc
    if stat.S_ISDIR(mode):
        raise OutputError(_("{path}: is a directory").format(path=name))
    if not stat.S_ISREG(mode):
        raise OutputError(
            _(
                "{path}: is not a regular file (a FIFO, socket or device); "
                "parindex writes only regular files"
            ).format(path=name)
        )
    return target


_OUR_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp\Z")
NAME_MAX = 255  # bytes in a file name, on every file system parindex is used on
_TEMP_ROOM = 24  # bytes a temporary name adds: dots, a process id, mkstemp's letters, ".tmp"


def _stem(target: Path) -> str:
    """The target's name as its temporary files carry it: whole, or, when that would make
    them longer than a file name may be, its start and a digest of the whole name."""
    raw = os.fsencode(target.name)
    if len(raw) + _TEMP_ROOM <= NAME_MAX:
        return target.name
    digest = hashlib.sha256(raw).hexdigest()[:12]
    start = raw[: NAME_MAX - _TEMP_ROOM - len(digest) - 1].decode("utf-8", errors="ignore")
    return f"{start}~{digest}"


def sweep_stale(target: Path) -> None:
    """Remove temporary files beside `target` left by an earlier parindex run that was killed
    before it could clean up (ours only: named after the target, with a process id that no
    longer runs)."""
    try:
        entries = os.listdir(target.parent)
    except OSError:
        return
    for entry in entries:
        match = _OUR_TEMP.match(entry)
        if match is None or match["name"] != _stem(target) or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(target.parent / entry)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _temp_for(target: Path) -> tuple[int, str]:
    try:
        handle, temp = tempfile.mkstemp(
            prefix=f".{_stem(target)}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot write here: {reason}").format(
                path=shown(str(target)), reason=exc.strerror or exc
            )
        ) from exc
    return handle, temp


def write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file whole or none of them: each into a temporary file beside it, and only
    when all are written, renamed into place. A failure (a full disk), Ctrl-C or SIGTERM
    removes the temporary files; a rename that fails after others succeeded puts those
    back as they were (a ranking that cannot be written leaves no new breakdown behind)."""
    temps: list[str] = []
    done: list[tuple[Path, str | None]] = []  # renamed targets and a link to what they held
    at = files[0][0] if files else Path()  # the file being written, for the message
    try:
        for target, data in files:
            at = target
            sweep_stale(target)
            handle, temp = _temp_for(target)
            temps.append(temp)
            _fill(handle, temp, data)
        for (target, _data), temp in zip(files, list(temps), strict=True):
            at = target
            backup = _keep(target) if len(files) > 1 else None
            os.replace(temp, target)
            temps.remove(temp)
            done.append((target, backup))
        for _target, backup in done:
            if backup:
                os.unlink(backup)
    except BaseException as exc:
        for temp in temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        for target, backup in done:
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(target)
                elif backup:
                    os.replace(backup, target)
        if isinstance(exc, OSError):
            raise OutputError(
                _("{path}: cannot write: {reason}").format(
                    path=shown(str(at)), reason=exc.strerror or exc
                )
            ) from exc
        raise


def _keep(target: Path) -> str | None:
    """A hard link to the file `target` holds now, so that it can be put back: None when
    there is none (a new file is removed again), "" when it cannot be kept."""
    if not target.exists():
        return None
    backup = f"{target.parent}/.{_stem(target)}.{os.getpid()}.keep.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(backup)
    try:
        os.link(target, backup)
    except OSError:  # no hard links here: the earlier file cannot be kept, nor removed
        return ""
    return backup


def _fill(handle: int, temp: str, data: bytes) -> None:
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    # mkstemp makes the file private (0600); give it the mode a plain open() would.
    os.chmod(temp, 0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_new_folder(path: str) -> str | None:
    """Why the folder `path` cannot be made (None: it can): it must not exist, or be an empty
    folder, and the folder above it must exist (only the year's folder itself is made)."""
    target = Path(path)
    try:
        if target.is_symlink() or target.exists():
            if not target.is_dir():
                return _("exists and is not a folder; give a new folder")
            if any(target.iterdir()):
                return _(
                    "the folder is not empty; init makes a new year's folder, or fills an "
                    "empty one, and never writes among files that are already there: give the "
                    "name of a folder that does not exist yet"
                )
            return None
        parent = target.absolute().parent
        if not parent.is_dir():
            return _(
                "the folder {parent!r} does not exist; init makes the year's folder only, "
                "inside a folder that exists"
            ).format(parent=str(Path(path).parent))
    except OSError as exc:
        return _("cannot read: {reason}").format(reason=exc.strerror or exc)
    return None


def write_folder(path: str, folders: Sequence[str], files: Sequence[tuple[str, bytes]]) -> None:
    """Make the folder `path` holding `folders` and `files` (paths inside it), whole or not
    at all: everything is written into a temporary folder first — beside a new folder, then
    renamed into place; inside an empty one (`init .`: the folder, its owner and its mode
    stay), then moved up. A failure, Ctrl-C or SIGTERM removes all that was made."""
    refusal = check_new_folder(path)
    if refusal is not None:
        raise OutputError(f"{shown(path)}: {refusal}")
    target = Path(path).absolute()
    existing = target.is_dir()
    stage = Path(_stage(path, target if existing else target.parent, target.name))
    moved: list[Path] = []
    try:
        for folder in folders:
            (stage / folder).mkdir(parents=True, exist_ok=True)
        for inside, data in files:
            file = stage / inside
            file.parent.mkdir(parents=True, exist_ok=True)
            with open(file, "xb") as stream:
                stream.write(data)
        if not existing:
            os.replace(stage, target)
            return
        for entry in sorted(stage.iterdir()):
            os.replace(entry, target / entry.name)
            moved.append(target / entry.name)
        stage.rmdir()
    except BaseException as exc:
        for made in [stage, *moved]:
            if made.is_dir() and not made.is_symlink():
                shutil.rmtree(made, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    made.unlink()
        if isinstance(exc, OSError):
            raise OutputError(
                _("{path}: cannot write: {reason}").format(
                    path=shown(path), reason=exc.strerror or exc
                )
            ) from exc
        raise


def _stage(path: str, where: Path, name: str) -> str:
    """A temporary folder in `where` for the folder `path` to be made, as a folder made plainly
    is (mkdtemp makes it private)."""
    try:
        stage = tempfile.mkdtemp(prefix=f".{name}.{os.getpid()}.", suffix=".tmp", dir=where)
        os.chmod(stage, 0o777 & ~_umask())
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot write here: {reason}").format(
                path=shown(path), reason=exc.strerror or exc
            )
        ) from exc
    return stage


def csv_bytes(text: str, bom: bool) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")
