"""Reading unit files, on every core when there are many: parse, classify, check.

Each file is read by the one loader (`loading`), whether in this process or in a worker;
workers only spread the files over the cores. Results come back in the order of the paths,
so the outcome never depends on which core finished first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from parindex.errors import InputError, Problem
from parindex.inputs.loading import (
    LoadedAssessment,
    LoadedFramework,
    build_assessment,
    classify,
    read_document,
)

PARALLEL_FROM = 200  # files; below this a pool costs more than it saves
CHUNK = 32


@dataclass(slots=True)
class FileResult:
    """What one positional YAML file turned out to be."""

    path: str
    kind: str  # assessment | framework | questionnaire | deferred | other | unreadable
    assessment: LoadedAssessment | None = None
    problems: list[Problem] = field(default_factory=list)
    broken: tuple[str, str] | None = None  # (unit id, framework id) of a failed assessment
    framework_id: str = ""  # what a deferred assessment waits for


def read_unit_file(
    path: str, frameworks: dict[str, LoadedFramework], strict: bool, *, defer: bool = True
) -> FileResult:
    """Read one file found among the paths; frameworks are only recognised (the caller loads
    them), assessments of an unknown framework are deferred until every framework is in."""
    try:
        doc = read_document(path)
    except InputError as exc:
        return FileResult(path, "unreadable", problems=exc.problems)
    kind = classify(doc)
    if kind in ("framework", "questionnaire"):
        return FileResult(path, kind)
    if kind is None:
        return FileResult(
            path,
            "other",
            problems=[
                doc.problem(
                    (),
                    "neither a framework (needs 'framework:' and 'criteria:'), a questionnaire "
                    "(needs 'questionnaire:') nor an assessment (needs 'unit:')",
                )
            ],
        )
    framework_id = doc.data.get("framework")
    if defer and (not isinstance(framework_id, str) or framework_id not in frameworks):
        return FileResult(path, "deferred", framework_id=str(framework_id))
    loaded, problems = build_assessment(doc, frameworks, strict=strict)
    broken = None
    if loaded is None:
        unit = doc.data.get("unit")
        unit_id = unit.get("id") if isinstance(unit, dict) else None
        if isinstance(unit_id, str):
            broken = (unit_id, str(framework_id))
    return FileResult(path, "assessment", loaded, problems, broken)


_worker_frameworks: dict[str, LoadedFramework] = {}
_worker_strict = False


def _start_worker(frameworks: dict[str, LoadedFramework], strict: bool) -> None:
    global _worker_strict
    _worker_frameworks.update(frameworks)
    _worker_strict = strict


def _read_in_worker(path: str) -> FileResult:
    return read_unit_file(path, _worker_frameworks, _worker_strict)


def workers_for(count: int) -> int:
    """How many processes to read `count` files with (PARINDEX_JOBS overrides)."""
    wanted = os.environ.get("PARINDEX_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if count < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


def read_unit_files(
    paths: Sequence[str],
    frameworks: dict[str, LoadedFramework],
    strict: bool,
    progress: Callable[[int], None] | None = None,
) -> Iterator[FileResult]:
    """read_unit_file over `paths`, in order, on several cores when it pays."""
    jobs = workers_for(len(paths))
    if jobs <= 1:
        for done, path in enumerate(paths, start=1):
            yield read_unit_file(path, frameworks, strict)
            if progress is not None:
                progress(done)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(frameworks, strict)
    ) as pool:
        for done, result in enumerate(pool.map(_read_in_worker, paths, chunksize=CHUNK), start=1):
            yield result
            if progress is not None:
                progress(done)
