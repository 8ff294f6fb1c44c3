"""Which files a run reads: the request, the YAML files found under its paths (nothing
skipped silently), and the fingerprints of every input for the JSON record."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from parindex.errors import Problem, ProblemLog
from parindex.i18n import _

YAML_SUFFIXES = (".yaml", ".yml")
FORM_SUFFIX = ".xlsx"  # a unit's workbook form
# Workbooks of other formats: perhaps a form saved in the wrong format, never read.
OTHER_WORKBOOKS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")
LOCK_PREFIX = "~$"  # Excel's lock file beside a workbook that is open


class Request(NamedTuple):
    """What to read: positional paths and the table options of a command."""

    paths: Sequence[str]
    criteria: str = "criteria"
    criteria_given: bool = False
    appraisal: Sequence[str] = ()
    survey: Sequence[str] = ()
    roster: str | None = None
    allow_absent: bool = False
    strict: bool = False
    single_unit: bool = False  # `score`: one assessment; table rows for others are ignored
    need_assessments: bool = True  # `validate` may check frameworks alone
    evidence: bool = False  # keep each answer's evidence documents (`worksheet` shows them)
    # The paths are some of the year's units (`validate FILE` beside a roster): the roster's
    # other units are not absent, and table rows naming them are skipped.
    partial: bool = False
    # `status`: an answer without the evidence it requires is counted, not refused (the form
    # still scores; `validate` reports it).
    lenient: bool = False


_NEAR_MISS = re.compile(r"\.ya?ml\b|\.ya?ml\s*$", re.IGNORECASE)


def _yaml_files(
    directory: Path, log: ProblemLog, strict: bool = False, forms: bool = False
) -> list[Path]:
    """Every *.yaml/*.yml file under `directory` (and with `forms`, every *.xlsx workbook),
    symbolic links to directories followed.

    Nothing is skipped silently: a link loop, an unreadable directory, a name that looks
    like an intended YAML file (`x.yaml.txt`, `x.yaml ` with a trailing space) and a workbook
    of another format (`.xls`, `.ods`: a warning, an error under `strict`) are reported.
    A dangling link named *.yaml is kept, so that reading it reports it.
    """
    found: list[Path] = []
    seen: dict[tuple[int, int], str] = {}

    def unreadable(error: OSError) -> None:
        log.add(
            Problem(
                str(error.filename or directory),
                _("cannot read this directory: {reason}").format(
                    reason=error.strerror or str(error)
                ),
            )
        )

    for root, dirs, files in os.walk(directory, onerror=unreadable, followlinks=True):
        try:
            info = os.stat(root)
        except OSError as exc:
            unreadable(exc)
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            log.add(
                Problem(
                    root,
                    _(
                        "a symbolic link loop: this is the directory {first!r} again; "
                        "not read twice"
                    ).format(first=seen[key]),
                )
            )
            dirs[:] = []
            continue
        seen[key] = root
        dirs.sort()
        found += _yaml_files_in(root, files, log, strict, forms)
    return sorted(found)


def _yaml_files_in(
    root: str, files: list[str], log: ProblemLog, strict: bool = False, forms: bool = False
) -> list[Path]:
    """The *.yaml/*.yml files (and with `forms`, the *.xlsx ones) among `files` of the
    directory `root`; a name that looks like an intended YAML file is reported, not read."""
    found = []
    wanted = (*YAML_SUFFIXES, FORM_SUFFIX) if forms else YAML_SUFFIXES
    for name in sorted(files):
        path = Path(root, name)
        suffix = os.path.splitext(name)[1].lower()
        if suffix in wanted:
            if name.startswith(LOCK_PREFIX) and suffix == FORM_SUFFIX:
                log.add(_lock_file(path))
            elif path.is_file() or (path.is_symlink() and not path.exists()) or not _stat_ok(path):
                found.append(path)
        elif forms and suffix in OTHER_WORKBOOKS:
            log.add(
                Problem(
                    str(path),
                    _other_workbook(suffix),
                    severity="error" if strict else "warning",
                )
            )
        elif _NEAR_MISS.search(name):
            log.add(
                Problem(
                    str(path),
                    _(
                        "looks like a YAML file but its name does not end in .yaml or "
                        ".yml, so it was not read; rename it to read it"
                    ),
                    severity="warning",
                )
            )
    return found


def _lock_file(path: Path) -> Problem:
    return Problem(
        str(path),
        _("the lock file Excel keeps beside a workbook that is open, so it was not read"),
        severity="note",
    )


def _other_workbook(suffix: str) -> str:
    """What a workbook of a format parindex does not read is told."""
    return _(
        "a workbook saved as {suffix}, which parindex does not read; if it is a unit's form, "
        "open it and save it as 'Excel Workbook (.xlsx)'"
    ).format(suffix=suffix)


def _stat_ok(path: Path) -> bool:
    """False for a file whose kind cannot even be asked (it is read, and reading says why)."""
    try:
        path.stat()
    except OSError:
        return False
    return True


def find_files(request: Request, log: ProblemLog) -> tuple[list[str], list[str]]:
    """(framework-directory files, files from the positional paths), each sorted, no repeats."""
    criteria_files: list[str] = []
    criteria_dir = Path(request.criteria)
    if criteria_dir.is_dir():
        criteria_files = [str(p) for p in _yaml_files(criteria_dir, log)]
    elif request.criteria_given and criteria_dir.exists():
        message = _("a file, not a directory: --criteria names the folder of the frameworks")
        log.add(Problem(request.criteria, message))
    elif request.criteria_given:
        log.add(Problem(request.criteria, _("the --criteria directory does not exist")))
    seen = {Path(p).resolve() for p in criteria_files}
    # Tables named in options are no forms, wherever they are.
    tables = {_resolved(p) for p in (*request.appraisal, *request.survey, request.roster) if p}
    path_files: list[str] = []
    for given in request.paths:
        path = Path(given)
        if path.is_dir():
            found = _yaml_files(path, log, request.strict, forms=True)
            found = [
                f for f in found if f.suffix.lower() != FORM_SUFFIX or _resolved(f) not in tables
            ]
            if not found:
                log.add(
                    Problem(
                        given,
                        _(
                            "no YAML files (*.yaml, *.yml) or workbook forms (*.xlsx) in this "
                            "directory; put the units' forms here (parindex init makes one per "
                            "unit) or name the folder that holds them"
                        ),
                    )
                )
        elif path.is_file():
            suffix = path.suffix.lower()
            if suffix not in (*YAML_SUFFIXES, FORM_SUFFIX):
                message = (
                    _other_workbook(suffix)
                    if suffix in OTHER_WORKBOOKS
                    else _(
                        "neither a YAML file (*.yaml, *.yml) nor a unit's workbook form "
                        "(*.xlsx); appraisal and survey tables are passed with --appraisal "
                        "and --survey"
                    )
                )
                log.add(Problem(given, message))
                continue
            found = [path]
        else:
            log.add(Problem(given, _("no such file or directory")))
            continue
        for file in found:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                path_files.append(str(file))
    return criteria_files, path_files


def _resolved(path: str | Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a link loop: compared as written
        return Path(path)


def named_files(request: Request) -> frozenset[str]:
    """The files given on the command line (as `find_files` lists them), not found in a
    folder."""
    return frozenset(str(Path(p)) for p in request.paths if Path(p).is_file())


def count_files(request: Request) -> int:
    """How many YAML files a run will read (to size a progress bar)."""
    return sum(len(group) for group in find_files(request, ProblemLog()))


def hash_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(path, SHA-256) of every input, sorted, for the JSON output's record of what was read."""
    return [
        (_printable_path(p), hashlib.sha256(Path(p).read_bytes()).hexdigest())
        for p in sorted(set(paths))
    ]


def _printable_path(path: str) -> str:
    """The path as text any file can hold: the bytes of a name that is not UTF-8 escaped."""
    return os.fsencode(Path(path).as_posix()).decode("utf-8", "backslashreplace")
