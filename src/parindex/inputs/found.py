"""Find and read every file of a run: the frameworks of the criteria directory and among the
paths, then the assessments that waited for them, each file's problems kept with its result.
The first half of `gather`, which `status` shares (it counts each file's problems against its
unit instead of stopping at them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.discovery import Request, find_files, named_files
from parindex.inputs.documents.loading import (
    LoadedFramework,
    build_framework,
    classify,
    read_document,
)
from parindex.inputs.documents.yamlbuild import YamlDocument
from parindex.inputs.reading import FileResult, read_unit_file, read_unit_files

# How far a run is: the stage ("reading", "scoring" or "writing"), then done of total.
Progress = Callable[[str, int, int], None]


def _parse(
    paths: Iterable[str], log: ProblemLog, unreadable: list[str] | None = None
) -> list[YamlDocument]:
    docs = []
    for path in paths:
        try:
            doc = read_document(path)
        except InputError as exc:
            log.extend(exc.problems)
            if unreadable is not None:
                unreadable.append(path)
            continue
        docs.append(doc)
    return docs


def _mentions_criteria(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"criteria:" in handle.read(1 << 20)
    except OSError:
        return False


class Found(NamedTuple):
    """What a run's paths hold, read: the frameworks (of the criteria directory and among the
    paths), each file's result (its problems kept with it), the questionnaires' documents,
    the ids of frameworks that failed, and every YAML file found."""

    frameworks: dict[str, LoadedFramework]
    results: list[FileResult]
    questionnaire_docs: list[YamlDocument]
    failed: set[str]
    files: list[str]


def read_found(request: Request, log: ProblemLog, progress: Progress | None = None) -> Found:
    """Find and read every file of the run: the first half of `gather`, which `status` shares
    (it counts each file's problems against its unit instead of stopping at them)."""
    criteria_files, path_files = find_files(request, log)
    failed: set[str] = set()  # ids of frameworks whose file has errors
    questionnaire_docs: list[YamlDocument] = []  # a questionnaire may live beside its framework
    unreadable: list[str] = []  # YAML files that did not parse: perhaps the frameworks
    frameworks = _criteria_frameworks(criteria_files, log, failed, questionnaire_docs, unreadable)
    tick = None
    if progress is not None:
        total = len(criteria_files) + len(path_files)
        tick = lambda done: progress("reading", len(criteria_files) + done, total)  # noqa: E731
    results = _read_paths(request, path_files, frameworks, failed, unreadable, log, tick)
    questionnaire_docs += _parse([r.path for r in results if r.kind == "questionnaire"], log)
    files = sorted(criteria_files + path_files)
    return Found(frameworks, results, questionnaire_docs, failed, files)


def _criteria_frameworks(
    criteria_files: list[str],
    log: ProblemLog,
    failed: set[str],
    questionnaire_docs: list[YamlDocument],
    unreadable: list[str],
) -> dict[str, LoadedFramework]:
    """The frameworks of the --criteria directory, which holds nothing else but their survey
    questionnaires (appended to `questionnaire_docs`, checked once the frameworks are in)."""
    framework_docs = []
    for doc in _parse(criteria_files, log, unreadable):
        kind = classify(doc)
        if kind == "framework":
            framework_docs.append(doc)
        elif kind == "questionnaire":
            questionnaire_docs.append(doc)
        else:
            log.add(
                doc.problem(
                    (),
                    _(
                        "an assessment in the criteria directory; keep frameworks "
                        "and unit assessments apart"
                    )
                    if kind == "assessment"
                    else _("not a framework (needs 'framework:' and 'criteria:')"),
                )
            )
    return _frameworks(framework_docs, log, failed=failed)


def _read_paths(
    request: Request,
    path_files: list[str],
    frameworks: dict[str, LoadedFramework],
    failed: set[str],
    unreadable: list[str],
    log: ProblemLog,
    tick: Callable[[int], None] | None,
) -> list[FileResult]:
    """Every file of the positional paths: frameworks among them are loaded first, then the
    assessments that were waiting for them (`frameworks` and `failed` grow)."""
    named = named_files(request)
    results = list(
        read_unit_files(
            path_files,
            frameworks,
            request.strict,
            tick,
            evidence=request.evidence,
            lenient=request.lenient,
            log=log,
            named=named,
        )
    )
    more = _parse([r.path for r in results if r.kind == "framework"], log, unreadable)
    frameworks.update(_frameworks(more, log, frameworks, failed=failed))
    # A unit file that does not parse is no framework; one that names `criteria:` may be.
    unreadable.extend(
        r.path for r in results if r.kind == "unreadable" and _mentions_criteria(r.path)
    )
    if not frameworks and unreadable and not failed:
        # A framework file that does not parse explains every unit waiting for a framework:
        # its own error is the one message, not "no frameworks found" and a line per row.
        failed.update(r.framework_id for r in results if r.kind == "deferred")
    # An assessment of a framework that failed to load is not checked: the framework's own
    # errors explain the run's failure, and "unknown framework" would mislead.
    _no_frameworks(request, results, frameworks, failed, log)
    return [
        read_unit_file(
            r.path,
            frameworks,
            request.strict,
            defer=False,
            evidence=request.evidence,
            lenient=request.lenient,
            named=r.path in named,
        )
        if r.kind == "deferred" and r.framework_id not in failed
        else r
        for r in results
    ]


def _no_frameworks(
    request: Request,
    results: list[FileResult],
    frameworks: dict[str, LoadedFramework],
    failed: set[str],
    log: ProblemLog,
) -> None:
    """Assessments wait for frameworks and none was found: one line, not one "unknown
    framework" per unit (the usual cause is running parindex away from the folder that
    holds criteria/); the frameworks they wait for join `failed`."""
    missing_dir = request.criteria_given and not Path(request.criteria).is_dir()  # said above
    if frameworks or failed or missing_dir or not any(r.kind == "deferred" for r in results):
        return
    where = (
        _("{directory!r} does not exist here").format(directory=request.criteria)
        if not Path(request.criteria).is_dir()
        else _("none in {directory!r}").format(directory=request.criteria)
    )
    log.add(
        Problem(
            request.criteria,
            _(
                "no frameworks found ({where}); run parindex from the folder "
                "that holds criteria/, or pass --criteria DIR"
            ).format(where=where),
        )
    )
    failed.update(r.framework_id for r in results if r.kind == "deferred")


def _frameworks(
    docs: list[YamlDocument],
    log: ProblemLog,
    known: dict[str, LoadedFramework] | None = None,
    *,
    failed: set[str],
) -> dict[str, LoadedFramework]:
    frameworks: dict[str, LoadedFramework] = {}
    for doc in docs:
        framework, problems = build_framework(doc)
        log.extend(problems)
        if framework is None:
            framework_id = doc.data.get("framework") if isinstance(doc.data, dict) else None
            if isinstance(framework_id, str):
                failed.add(framework_id)
            continue
        other = frameworks.get(framework.framework) or (known or {}).get(framework.framework)
        if other is not None:
            log.add(
                doc.problem(
                    ("framework",),
                    _(
                        "framework id {framework!r} is already defined in {path}; "
                        "ids must be unique"
                    ).format(framework=framework.framework, path=other.path),
                )
            )
            continue
        frameworks[framework.framework] = LoadedFramework(framework, doc.path)
    return frameworks
