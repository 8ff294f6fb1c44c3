"""Reading unit files, on every core when there are many: parse, classify, check.

Each file is read by the one loader (`loading`), whether in this process or in a worker;
workers only spread the files over the cores. Results come back in the order of the paths,
so the outcome never depends on which core finished first.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parindex import i18n, jobs
from parindex.errors import InputError, Problem
from parindex.i18n import Lang, _
from parindex.inputs.documents.loading import (
    LoadedAssessment,
    LoadedFramework,
    build_assessment,
    classify,
    read_document,
)
from parindex.inputs.forms.form_file import read_form_file

if TYPE_CHECKING:
    from concurrent.futures import Executor

XLSX = ".xlsx"
PARALLEL_FROM = 200  # files; below this a pool costs more than it saves
CHUNK = 32


@dataclass(slots=True)
class FileResult:
    """What one positional YAML file turned out to be."""

    path: str
    # assessment | framework | questionnaire | deferred | other | unreadable | ignored (a
    # workbook found in a folder that is no unit's form)
    kind: str
    assessment: LoadedAssessment | None = None
    problems: list[Problem] = field(default_factory=list)
    broken: tuple[str, str] | None = None  # (unit id, framework id) of a failed assessment
    framework_id: str = ""  # what a deferred assessment waits for


def read_unit_file(
    path: str,
    frameworks: dict[str, LoadedFramework],
    strict: bool,
    *,
    defer: bool = True,
    evidence: bool = True,
    lenient: bool = False,
    named: bool = False,
) -> FileResult:
    """Read one file found among the paths; frameworks are only recognised (the caller loads
    them), assessments of an unknown framework are deferred until every framework is in.
    `lenient`: missing evidence does not keep the assessment from loading. A workbook is a
    unit's form, or not (`named`: given on the command line rather than found in a folder)."""
    if path.lower().endswith(XLSX):
        read = read_form_file(
            path,
            frameworks,
            strict,
            defer=defer,
            evidence=evidence,
            lenient=lenient,
            named=named,
        )
        return FileResult(
            path, read.kind, read.assessment, read.problems, read.broken, read.framework_id
        )
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
                    _(
                        "neither a framework (needs 'framework:' and 'criteria:'), a "
                        "questionnaire (needs 'questionnaire:') nor an assessment (needs 'unit:')"
                    ),
                )
            ],
        )
    framework_id = doc.data.get("framework")
    unit = doc.data.get("unit")
    unit_id = unit.get("id") if isinstance(unit, dict) else None
    # Whose file this is, should it never load: its table rows are then not "unknown units".
    broken = (unit_id, str(framework_id)) if isinstance(unit_id, str) else None
    if defer and (not isinstance(framework_id, str) or framework_id not in frameworks):
        return FileResult(path, "deferred", broken=broken, framework_id=str(framework_id))
    loaded, problems = build_assessment(
        doc, frameworks, strict=strict, evidence=evidence, lenient=lenient
    )
    return FileResult(path, "assessment", loaded, problems, broken if loaded is None else None)


_worker_frameworks: dict[str, LoadedFramework] = {}
_worker_options = {"strict": False, "evidence": True, "lenient": False}
_worker_named: set[str] = set()


def _start_worker(
    frameworks: dict[str, LoadedFramework],
    strict: bool,
    evidence: bool,
    lang: Lang,
    parent: int,
    lenient: bool = False,
    named: frozenset[str] = frozenset(),
) -> None:
    jobs.die_with_parent(parent)  # a killed run leaves no worker behind
    _worker_frameworks.update(frameworks)
    _worker_options.update(strict=strict, evidence=evidence, lenient=lenient)
    _worker_named.update(named)
    i18n.use(lang)  # explanations and messages are written in the worker, in the run's language


def _read_chunk_in_worker(paths: Sequence[str]) -> list[FileResult]:
    strict, evidence = _worker_options["strict"], _worker_options["evidence"]
    lenient = _worker_options["lenient"]
    return [
        read_unit_file(
            path,
            _worker_frameworks,
            strict,
            evidence=evidence,
            lenient=lenient,
            named=path in _worker_named,
        )
        for path in paths
    ]


def workers_for(count: int) -> int:
    """How many processes to read `count` files with: PARINDEX_JOBS when set, else every core
    from PARALLEL_FROM files; never more than the cores or the chunks of CHUNK files."""
    return jobs.processes(-(-count // CHUNK), parallel=count >= PARALLEL_FROM)


def _pool(
    workers: int,
    frameworks: dict[str, LoadedFramework],
    strict: bool,
    evidence: bool,
    lenient: bool = False,
    named: frozenset[str] = frozenset(),
) -> Executor:
    """`workers` processes that read unit files, each ending when this process ends, however
    it ends (killed outright included)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(frameworks, strict, evidence, i18n.current(), os.getpid(), lenient, named),
    )


def read_unit_files(
    paths: Sequence[str],
    frameworks: dict[str, LoadedFramework],
    strict: bool,
    progress: Callable[[int], None] | None = None,
    *,
    evidence: bool = True,
    lenient: bool = False,
    log: list[Problem] | None = None,
    named: frozenset[str] = frozenset(),
) -> Iterator[FileResult]:
    """read_unit_file over `paths`, in order, on several cores when it pays.

    With N processes, this one is one of them: the files go in chunks, every Nth chunk read
    here and the others by N − 1 workers, so no core waits idle and only the workers' share
    of the results is pickled back.

    What was read before and each chunk's results are frozen out of the garbage collector's
    passes (`gc.freeze`): they hold no reference cycles and live until the run ends, yet
    every pass walked all of them again (at 20,000 units in one process the collector's
    time fell from 2.7 s to 1.1 s), and a pass in a forked worker copied every page it
    shares with this process.

    A PARINDEX_JOBS that is no number of processes is named in `log` (a warning); `named`
    are the files given on the command line (the others were found in folders)."""
    gc.freeze()
    _wanted, warning = jobs.requested()
    if warning and log is not None:
        log.append(Problem(jobs.VARIABLE, warning, severity="warning"))

    def read(path: str) -> FileResult:
        return read_unit_file(
            path, frameworks, strict, evidence=evidence, lenient=lenient, named=path in named
        )

    processes = workers_for(len(paths))
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    if processes <= 1:
        for start, chunk in zip(range(0, len(paths), CHUNK), chunks, strict=True):
            for done, path in enumerate(chunk, start=start + 1):
                yield read(path)
                if progress is not None:
                    progress(done)
            gc.freeze()
        return
    with _pool(processes - 1, frameworks, strict, evidence, lenient, named) as pool:
        theirs = {
            index: pool.submit(_read_chunk_in_worker, chunk)
            for index, chunk in enumerate(chunks)
            if index % processes
        }
        done = 0
        for index, chunk in enumerate(chunks):
            results = theirs.pop(index).result() if index % processes else map(read, chunk)
            for result in results:
                done += 1
                yield result
                if progress is not None:
                    progress(done)
            gc.freeze()
