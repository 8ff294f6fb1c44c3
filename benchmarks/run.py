"""Benchmarks of parindex against the floor of its declared stack.

    python benchmarks/run.py [--sizes 200,2000,20000] [--repeat 3] [--seed 1]
                             [--framework PATH] [--parindex PATH] [--profile N]
                             [--instructions] [--tables 100000,1000000]

Generates (or reuses, cached under benchmarks/out/) a synthetic province per size with
benchmarks/generate.py, then measures, each as the median wall time of --repeat runs after
one untimed warm-up run:

(a) `parindex rank DIR --criteria DIR/criteria --survey DIR/survey.csv --appraisal
    DIR/appraisal.csv --format csv` against the FLOOR: a `python -c` child that imports
    click, pydantic (BaseModel), yaml, rich.console and rich.table, validates one value with
    a one-field pydantic model (pydantic's first-use cost), and parses the same YAML files
    (criteria and every unit) with yaml.load(..., Loader=yaml.CSafeLoader);
(b) `parindex score ONE_UNIT.yaml --criteria DIR/criteria` against the same floor over that
    unit file and the criteria file (and, for reference, that floor without the model);
(c) `parindex --help`, and which of pydantic / rich / rich.table it imports;
(e) `parindex rank DIR ... -o r.xlsx --breakdown b.xlsx` against the same run writing
    `-o r.csv --breakdown b.csv`, at 2,000 units (the largest size ≤ 2,000 when 2,000 is not
    in --sizes), files written to a temporary directory;
(d) the peak memory of each command: the larger of the summed PSS of its process tree
    (worker processes included), sampled from /proc during the warm-up run, and the largest
    single-process RSS (GNU time's %M, else os.wait4's rusage);
(f) with --tables, reading large appraisal tables as CSV and as XLSX (benchmarks/tables.py).

Standard library only; the children run with the interpreter of the parindex script.
See benchmarks/README.md for the targets.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
GENERATOR = HERE / "generate.py"
DEFAULT_FRAMEWORK = REPO / "criteria" / "department.yaml"

Spot = tuple[str, str, int]  # function, file, line

# Targets (see README.md).
RANK_CPU_TARGET = 1.3  # rank of 2,000 units: CPU time (workers included) ≤ 1.3 × the floor's
RANK_WALL_TARGET = 0.9  # … and wall time ≤ 0.9 × the floor's (the floor runs on one core)
SCORE_TARGET = 1.15  # score of one unit ≤ 1.15 × floor
MEMORY_PER_1K_TARGET_MB = 40.0  # each step's marginal peak memory per 1,000 more units
XLSX_TARGET = 1.5  # rank -o r.xlsx --breakdown b.xlsx ≤ 1.5 × the same run writing CSV
STATUS_TARGET = 1.2  # status of 2,000 units ≤ 1.2 × rank's time on the same inputs
LINEAR_SLACK = 1.25  # marginal cost per 1,000 units may grow at most this much between steps
SHORT_REPEAT = 15  # at least this many timed runs of the sub-second commands (score, --help)

IMPORTS = """\
import sys
from pathlib import Path

import click
import rich.console
import rich.table
import yaml
from pydantic import BaseModel  # pydantic 2 is lazy: `import pydantic` alone skips its models
"""

# pydantic 2 loads the rest of its model machinery (pydantic.fields and the types and
# constraints it needs) with the first model class, and its plugin discovery (through
# importlib.metadata) with the first validator: costs of the stack, paid by any program
# that validates anything with it.
PYDANTIC_IN_USE = """\

class Probe(BaseModel):
    value: int


Probe.model_validate({"value": 1})
"""

PARSE = """\

docs = []
for arg in sys.argv[1:]:
    path = Path(arg)
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for file in files:
        docs.append(yaml.load(file.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader))
"""

FLOOR = IMPORTS + PYDANTIC_IN_USE + PARSE
IMPORTS_ONLY_FLOOR = IMPORTS + PARSE  # shown beside the score for reference


HELP_PROBE = """\
import contextlib, io, json, sys
from parindex.cli import main

out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(["--help"], prog_name="parindex", standalone_mode=False)
    except SystemExit:
        pass
mods = sorted(sys.modules)
pick = lambda *names: [m for m in mods if any(m == n or m.startswith(n + ".") for n in names)]
print(json.dumps({"modules": len(mods), "pydantic": pick("pydantic", "pydantic_core"),
                  "rich": pick("rich"), "rich_table": pick("rich.table"),
                  "yaml": pick("yaml"), "help_chars": len(out.getvalue())}))
"""

STACK_PROBE = """\
import json, platform, sys
from importlib import metadata
import yaml
versions = {}
for name in ("parindex", "click", "pydantic", "pydantic_core", "PyYAML", "rich"):
    try:
        versions[name] = metadata.version(name)
    except metadata.PackageNotFoundError:
        versions[name] = None
print(json.dumps({"python": platform.python_version(), "implementation":
                  platform.python_implementation(), "executable": sys.executable,
                  "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
                  "versions": versions}))
"""


# --- running children ----------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    cpu: float  # user + system, the child and every process it waited for
    rss_mb: float  # largest resident set of any one process of the run
    tree_mb: float | None = None  # peak of the summed PSS of the process tree (sampled runs)
    processes: int = 1  # most processes seen at once in the tree (sampled runs)


@dataclass
class Series:
    samples: list[Sample] = field(default_factory=list)
    sampled: Sample | None = None  # the warm-up run, whose memory was sampled

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss(self) -> float:
        return max(s.rss_mb for s in [*self.samples, *([self.sampled] if self.sampled else [])])

    @property
    def mb(self) -> float:
        """Peak memory of the run: the larger of the process tree's summed PSS (sampled) and
        the largest single-process RSS."""
        if self.sampled is not None and self.sampled.tree_mb is not None:
            return max(self.sampled.tree_mb, self.rss)
        return self.rss

    @property
    def processes(self) -> int:
        return self.sampled.processes if self.sampled is not None else 1

    @property
    def spread(self) -> float:
        return max(s.seconds for s in self.samples) - min(s.seconds for s in self.samples)


class ChildFailed(Exception):
    pass


# Peak RSS comes from GNU time (%M) when present: the rusage of a child spawned from this
# process (vfork) also counts this process's own high-water mark, about 20-30 MB.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants (/proc, Linux) until stopped.

    PSS shares each page among the processes mapping it, so forked workers are not counted
    twice for what they share with their parent. The interval grows from 10 ms to 100 ms
    with the run's length, as reading smaps_rollup of a large process costs a few ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.processes = 1
        self.done = threading.Event()

    @staticmethod
    def tree(pid: int) -> list[int]:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            try:
                for task in os.listdir(f"/proc/{current}/task"):
                    with open(f"/proc/{current}/task/{task}/children") as stream:
                        todo.extend(int(child) for child in stream.read().split())
            except OSError:
                continue
        return found

    @staticmethod
    def pss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as stream:
                for line in stream:
                    if line.startswith("Pss:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def run(self) -> None:
        started = time.perf_counter()
        while not self.done.is_set():
            pids = self.tree(self.pid)
            if GNU_TIME and len(pids) > 1:
                pids = pids[1:]  # not /usr/bin/time itself
            self.processes = max(self.processes, len(pids))
            self.peak_kb = max(self.peak_kb, sum(self.pss_kb(p) for p in pids))
            elapsed = time.perf_counter() - started
            self.done.wait(min(0.1, max(0.01, elapsed / 50)))


SAMPLING = Path("/proc/self/smaps_rollup").exists() and Path("/proc/self/task").is_dir()


def run_child(
    cmd: Sequence[str],
    stdout: IO[bytes] | int = subprocess.DEVNULL,
    *,
    sample: bool = False,
    env: dict[str, str] | None = None,
) -> Sample:
    """Run one child: wall seconds, CPU seconds (user + system) and its memory in MB; with
    `sample`, also the peak memory of its whole process tree (workers included)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as mem:
        argv = [GNU_TIME, "-f", "%M", "-o", mem.name, *cmd] if GNU_TIME else list(cmd)
        started = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=err,
            env=None if env is None else {**os.environ, **env},
        )
        sampler = TreeMemory(proc.pid) if sample and SAMPLING else None
        if sampler is not None:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if sampler is not None:
            sampler.done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-3000:]
            raise ChildFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n{tail}")
        peak_kb = float(usage.ru_maxrss)
        if GNU_TIME:
            lines = mem.read().split()
            peak_kb = float(lines[-1]) if lines else peak_kb
    result = Sample(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024)
    if sampler is not None:
        result.tree_mb = sampler.peak_kb / 1024
        result.processes = sampler.processes
    return result


def measure(
    commands: dict[str, list[str]], repeat: int, warm: dict[str, Sample] | None = None
) -> dict[str, Series]:
    """Alternate the commands (A B A B ...) so drifting machine load hits them alike.

    Each command first runs once untimed with its memory sampled, unless `warm` holds that
    run already."""
    warm = dict(warm or {})
    for name, cmd in commands.items():
        if name not in warm:
            warm[name] = run_child(cmd, sample=True)
    series = {name: Series(sampled=warm[name]) for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            series[name].samples.append(run_child(cmd))
    return series


VALGRIND = shutil.which("valgrind")


def instructions(cmd: Sequence[str]) -> float:
    """Millions of instructions a command executes (valgrind's cachegrind, no cache
    simulation): unlike seconds, the same on a busy machine as on a quiet one."""
    assert VALGRIND is not None
    done = subprocess.run(
        [VALGRIND, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = re.search(r"I\s+refs:\s*([\d,]+)", done.stderr)
    if found:
        return int(found.group(1).replace(",", "")) / 1e6
    raise ChildFailed(f"valgrind counted nothing: {' '.join(cmd)}\n{done.stderr[-3000:]}")


# --- provinces --------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def province(python: str, units: int, seed: int, framework: Path) -> Path:
    """The generated province of `units` units, reused when generate.py and the framework
    are unchanged since it was made."""
    directory = OUT / f"province-{units}-seed{seed}-{framework.stem}"
    manifest_path = directory / "manifest.json"
    wanted = {
        "units": units,
        "seed": seed,
        "generator": _sha256(GENERATOR)[:16],
        "framework_sha256": _sha256(framework),
    }
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return directory
    print(f"  generating {units:,} units in {directory.relative_to(REPO)} ...", end="", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            python,
            str(GENERATOR),
            str(directory),
            "--units",
            str(units),
            "--seed",
            str(seed),
            "--framework",
            str(framework),
            "--force",
        ],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    print(f" {time.perf_counter() - started:.1f} s")
    return directory


# --- the machine ------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def source_state() -> str:
    """The commit parindex is measured at, and whether src/ differs from it (read-only git)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = (
            subprocess.run(
                ["git", "-C", str(REPO), "diff", "--quiet", "HEAD", "--", "src"],
                capture_output=True,
            ).returncode
            != 0
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"commit {head}" + (" + uncommitted changes in src/" if dirty else ", src/ clean")


def source_fingerprint() -> str:
    """A hash of parindex's sources, to notice when they change during a run."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "parindex").rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def interpreter_of(script: str) -> str:
    """The Python a console script runs with (its #! line), else this one."""
    try:
        with open(script, "rb") as stream:
            first = stream.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!"):
        candidate = first[2:].strip().split()[0]
        if Path(candidate).is_file() and "python" in Path(candidate).name:
            return candidate
    return sys.executable


def find_parindex(given: str | None) -> str:
    if given:
        return given
    beside = Path(sys.executable).parent / "parindex"
    if beside.is_file():
        return str(beside)
    found = shutil.which("parindex")
    if found:
        return found
    raise SystemExit("parindex not found: run with the venv's python or pass --parindex PATH")


# --- printing ---------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(
        h.rjust(w) if i else h.ljust(w)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    out = [line, "  ".join("-" * w for w in widths)]
    out.extend(
        "  ".join(
            c.rjust(w) if i else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )
    return "\n".join("  " + text for text in out)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "MISSED")


def marginal(points: list[tuple[int, float]]) -> list[tuple[int, int, float]]:
    """(from, to, cost per 1,000 extra units) between consecutive sizes."""
    return [(a, b, (vb - va) / (b - a) * 1000) for (a, va), (b, vb) in itertools.pairwise(points)]


def linear(steps: list[tuple[int, int, float]]) -> bool | None:
    """Linear (or better): no step costs more per 1,000 units than LINEAR_SLACK × the first."""
    if len(steps) < 2:
        return None
    first = max(steps[0][2], 1e-9)
    return all(step[2] <= first * LINEAR_SLACK for step in steps[1:])


# --- profile ----------------------------------------------------------------------------------


LIBRARIES = ("pydantic/", "pydantic_core/", "rich/", "click/", "yaml/", "typing_extensions")


def hot_spots(frame: dict[str, Any]) -> tuple[Counter[Spot], Counter[Spot], float]:
    """Self and inclusive seconds per (function, file, line) from pyinstrument's JSON tree,
    and the seconds spent importing the libraries (outermost module bodies).

    A synthetic `[self]` child is time of its parent; a function that recurses counts once
    per stack in the inclusive figure."""
    own: Counter[Spot] = Counter()
    inclusive: Counter[Spot] = Counter()
    imports = 0.0
    Work = tuple[dict[str, Any], Spot | None, frozenset[Spot], bool]
    stack: list[Work] = [(frame, None, frozenset(), False)]
    while stack:
        node, parent, path, importing = stack.pop()
        children = node.get("children", [])
        if node["function"] == "[self]" and parent is not None:
            own[parent] += node["time"]
            continue
        spot = (node["function"], node["file_path_short"], node["line_no"])
        own[spot] += node["time"] - sum(child["time"] for child in children)
        if spot not in path:
            inclusive[spot] += node["time"]
        if not importing and spot[0] == "<module>" and spot[1].startswith(LIBRARIES):
            imports += node["time"]
            importing = True
        stack.extend((child, spot, path | {spot}, importing) for child in children)
    return own, inclusive, imports


def profile(python: str, directory: Path, top: int = 15) -> None:
    check = subprocess.run([python, "-c", "import pyinstrument"], capture_output=True)
    if check.returncode != 0:
        print(f"\nprofile: pyinstrument is not installed ({python} -m pip install pyinstrument)")
        return
    with tempfile.TemporaryDirectory() as temp:
        session = Path(temp) / "rank.pyisession"
        report = Path(temp) / "rank.json"
        # pyinstrument sees one process: read the files in it, not in worker processes.
        run_child(
            [
                python,
                "-m",
                "pyinstrument",
                "-r",
                "pyisession",
                "-o",
                str(session),
                "-m",
                "parindex",
                *rank_args(directory),
            ],
            env={"PARINDEX_JOBS": "1"},
        )
        # --show-all: by default frames under 1 % of the total are folded into their callers,
        # which would hide small functions that are called from many places.
        subprocess.run(
            [
                python,
                "-m",
                "pyinstrument",
                "--load",
                str(session),
                "-r",
                "json",
                "--show-all",
                "-o",
                str(report),
            ],
            check=True,
            capture_output=True,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
        kept = OUT / f"profile-rank-{directory.name}.pyisession"
        shutil.copyfile(session, kept)
    total = data["root_frame"]["time"]
    own, inclusive, imports = hot_spots(data["root_frame"])
    units = sum(1 for _ in (directory / "units").glob("*.yaml"))
    print(
        f"\nprofile of `parindex rank` over {units:,} units, PARINDEX_JOBS=1 (one process): "
        f"pyinstrument, {total:.2f} s "
        f"sampled, {data['sample_count']:,} samples (session kept in "
        f"{kept.relative_to(REPO)}; view with pyinstrument --load)"
    )
    print("  hot spots (self time: the function's own code, C calls it makes included)")
    print(
        table(
            ["function", "file:line", "% of time", "seconds"],
            [
                [name, f"{file}:{line}", f"{seconds / total * 100:.1f}%", f"{seconds:.3f}"]
                for (name, file, line), seconds in own.most_common(top)
            ],
        )
    )
    print("  parindex functions by inclusive time")
    ours = [
        (spot, seconds)
        for spot, seconds in inclusive.most_common()
        if spot[1].startswith("parindex/") and spot[0] not in ("<module>", "invoke")
    ]
    print(
        table(
            ["function", "file:line", "% of time", "seconds"],
            [
                [name, f"{file}:{line}", f"{seconds / total * 100:.1f}%", f"{seconds:.3f}"]
                for (name, file, line), seconds in ours[:top]
            ],
        )
    )
    print(
        f"  importing pydantic, rich, click and yaml: {imports:.3f} s "
        f"({imports / total * 100:.1f}%)"
    )


# --- the run ----------------------------------------------------------------------------------


def rank_args(directory: Path) -> list[str]:
    return [
        "rank",
        str(directory),
        "--criteria",
        str(directory / "criteria"),
        "--survey",
        str(directory / "survey.csv"),
        "--appraisal",
        str(directory / "appraisal.csv"),
        "--format",
        "csv",
    ]


def status_args(directory: Path) -> list[str]:
    """`status` over the same inputs as `rank_args`, its CSV on stdout."""
    return ["status", *rank_args(directory)[1:]]


def file_args(directory: Path, out: Path, suffix: str) -> list[str]:
    """rank writing its ranking and its breakdown as files of `suffix` into `out`."""
    args = rank_args(directory)[:-2]  # without --format csv
    return [*args, "-o", str(out / f"r.{suffix}"), "--breakdown", str(out / f"b.{suffix}")]


def warm_rank(parindex: str, directory: Path, units: int) -> Sample:
    """One untimed, memory-sampled run: warms caches and checks there is a row per unit."""
    with tempfile.TemporaryFile() as out:
        sample = run_child([parindex, *rank_args(directory)], stdout=out, sample=True)
        out.seek(0)
        rows = out.read().decode("utf-8").count("\r\n") - 1
    if rows != units:
        raise SystemExit(f"parindex rank printed {rows} rows for {units} units")
    return sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="200,2000,20000",
        help="comma-separated numbers of units (default 200,2000,20000; "
        "add 50000 for the large run)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--framework", type=Path, default=DEFAULT_FRAMEWORK)
    parser.add_argument("--parindex", default=None, help="the parindex script to measure")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of score and its floors with "
        "valgrind (steady on a busy machine; ~10 s per command)",
    )
    parser.add_argument(
        "--tables",
        default="",
        metavar="ROWS",
        help="also read appraisal tables of these many rows, as CSV and as XLSX "
        "(e.g. 100000,1000000; see benchmarks/tables.py)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=None,
        metavar="N",
        help="also profile `parindex rank` over N units with pyinstrument",
    )
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes numbers separated by commas, e.g. 200,2000,20000")
    if not sizes or sizes[0] < 1 or args.repeat < 1:
        parser.error("--sizes must be positive and --repeat at least 1")
    try:
        args.tables = sorted({int(s.replace("_", "")) for s in args.tables.split(",") if s.strip()})
    except ValueError:
        parser.error("--tables takes numbers of rows separated by commas, e.g. 100000,1000000")
    framework = args.framework.resolve()
    # Children cache their bytecode, as an installed parindex would, but under
    # benchmarks/out/ (never beside the sources); PYTHONDONTWRITEBYTECODE would make every run
    # recompile parindex's modules, a cost no user pays twice.
    bytecode = "cached in benchmarks/out/pycache (PYTHONPYCACHEPREFIX)"
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        bytecode += "; PYTHONDONTWRITEBYTECODE was set here, not passed to the children"
    os.environ["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    parindex = find_parindex(args.parindex)
    python = interpreter_of(parindex)
    try:
        return _main(args, sizes, framework, parindex, python, bytecode)
    except ChildFailed as exc:
        print(f"\nerror: a benchmark child failed: {exc}", file=sys.stderr)
        return 1


def _main(
    args: argparse.Namespace,
    sizes: list[int],
    framework: Path,
    parindex: str,
    python: str,
    bytecode: str,
) -> int:
    stack = json.loads(
        subprocess.run(
            [python, "-c", STACK_PROBE], capture_output=True, text=True, check=True
        ).stdout
    )
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = os.getloadavg()
    versions = ", ".join(f"{k} {v}" for k, v in stack["versions"].items() if v)
    print("parindex benchmarks")
    print(
        f"  machine   {os.cpu_count()} CPUs (nproc {affinity}), {cpu_model()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        f"  python    {stack['implementation']} {stack['python']} ({stack['executable']}), "
        f"libyaml {'yes' if stack['libyaml'] else 'NO'}"
    )
    print(f"  stack     {versions}")
    print(f"  load      {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min) at start")
    short = max(args.repeat, SHORT_REPEAT)
    print(
        f"  method    median wall time of {args.repeat} run(s) ({short} for score and --help) "
        f"after a warm-up whose memory is sampled; framework {framework.name}, seed "
        f"{args.seed}"
    )
    source = source_fingerprint()
    print(f"  source    {source_state()}; src/parindex/*.py hash {source}")
    print(f"  bytecode  {bytecode}")
    if os.environ.get("PARINDEX_JOBS"):
        print(f"  jobs      PARINDEX_JOBS={os.environ['PARINDEX_JOBS']} (set in this environment)")

    directories = {n: province(python, n, args.seed, framework) for n in sizes}

    # (a) + (d): rank against the floor, per size.
    rank: dict[int, tuple[Series, Series]] = {}
    for n, directory in directories.items():
        print(f"  measuring rank over {n:,} units ...", flush=True)
        warm = {"rank": warm_rank(parindex, directory, n)}
        floor_cmd = [python, "-c", FLOOR, str(directory)]
        got = measure(
            {"rank": [parindex, *rank_args(directory)], "floor": floor_cmd}, args.repeat, warm
        )
        rank[n] = (got["rank"], got["floor"])

    # (e): the same rank writing XLSX files against writing CSV files.
    small = [n for n in sizes if n <= 2000]
    xlsx_size = 2000 if 2000 in sizes else (small[-1] if small else sizes[0])
    print(f"  measuring rank -o .xlsx/.csv over {xlsx_size:,} units ...", flush=True)
    with tempfile.TemporaryDirectory() as written:
        out = Path(written)
        files = measure(
            {
                "xlsx": [parindex, *file_args(directories[xlsx_size], out, "xlsx")],
                "csv": [parindex, *file_args(directories[xlsx_size], out, "csv")],
            },
            args.repeat,
        )
        written_bytes = {
            s: (out / f"r.{s}").stat().st_size + (out / f"b.{s}").stat().st_size
            for s in ("xlsx", "csv")
        }

    # (g): status against rank on the same inputs (every form read, none stopping the others).
    print(f"  measuring status vs rank over {xlsx_size:,} units ...", flush=True)
    board = measure(
        {
            "status": [parindex, *status_args(directories[xlsx_size])],
            "rank": [parindex, *rank_args(directories[xlsx_size])],
        },
        args.repeat,
    )

    # (b): score of one unit against its floor.
    first = directories[sizes[0]]
    unit = first / "units" / "unit-00001.yaml"
    criteria_file = first / "criteria" / framework.name
    score_cmd = [parindex, "score", str(unit), "--criteria", str(first / "criteria")]
    score_floor = [python, "-c", FLOOR, str(criteria_file), str(unit)]
    imports_floor = [python, "-c", IMPORTS_ONLY_FLOOR, str(criteria_file), str(unit)]
    print("  measuring score, --help ...", flush=True)
    got = measure({"score": score_cmd, "floor": score_floor, "imports": imports_floor}, short)
    score, score_base, score_imports = got["score"], got["floor"], got["imports"]

    # (c): --help, its imports, and the interpreter's own start-up for scale.
    help_cmd = [parindex, "--help"]
    got = measure(
        {
            "help": help_cmd,
            "python": [python, "-c", "pass"],
            "click": [python, "-c", "import click"],
        },
        short,
    )
    probe = json.loads(
        subprocess.run(
            [python, "-c", HELP_PROBE], capture_output=True, text=True, check=True
        ).stdout
    )

    # (f): large appraisal tables, read by `validate` over the first province.
    tables: dict[tuple[int, str], tuple[float, float]] = {}
    base_validate = 0.0
    if args.tables:
        import tables as big_tables  # benchmarks/tables.py

        validate = [parindex, "validate", str(first), "--criteria", str(first / "criteria")]
        base_validate = measure({"validate": validate}, args.repeat)["validate"].seconds
        for count in args.tables:
            table_paths = big_tables.table_files(first, count, OUT / "tables")
            for kind, path in table_paths.items():
                print(f"  measuring a {count:,}-row {kind.upper()} table ...", flush=True)
                timed = measure({kind: [*validate, "--appraisal", str(path)]}, args.repeat)
                tables[(count, kind)] = (timed[kind].seconds, timed[kind].mb)

    # --- report ------------------------------------------------------------------------
    print()
    print(
        "(a) rank --format csv vs floor (imports, one pydantic model, CSafeLoader over the "
        "same YAML files); (d) peak memory"
    )
    rows = []
    for n in sizes:
        r, f = rank[n]
        rows.append(
            [
                f"{n:,}",
                f"{r.seconds:.3f}",
                f"{f.seconds:.3f}",
                f"{r.seconds / f.seconds:.2f}x",
                f"{r.cpu:.2f}",
                f"{r.cpu / f.cpu:.2f}x",
                f"{r.seconds / n * 1000:.3f}",
                f"{f.seconds / n * 1000:.3f}",
                f"{r.spread:.2f}",
                f"{r.processes}",
                f"{r.mb:.0f}",
                f"{r.rss:.0f}",
                f"{f.mb:.0f}",
            ]
        )
    print(
        table(
            [
                "units",
                "rank s",
                "floor s",
                "rank/floor",
                "rank cpu s",
                "cpu ratio",
                "rank s/1k",
                "floor s/1k",
                "spread s",
                "procs",
                "rank MB",
                "max RSS",
                "floor MB",
            ],
            rows,
        )
    )
    print(
        "  (MB: peak memory of the run, the larger of the process tree's summed PSS, workers "
        "included, and max RSS,\n   the largest single process; procs: most processes at "
        "once; spread: slowest − fastest timed run)"
    )
    time_steps = marginal([(n, rank[n][0].seconds) for n in sizes])
    floor_steps = marginal([(n, rank[n][1].seconds) for n in sizes])
    mem_steps = marginal([(n, rank[n][0].mb) for n in sizes])
    if time_steps:
        print("  marginal cost per 1,000 more units (linearity):")
        print(
            table(
                ["step", "rank s/1k", "floor s/1k", "rank MB/1k"],
                [
                    [f"{a:,} → {b:,}", f"{t:.3f}", f"{fl:.3f}", f"{m:.1f}"]
                    for (a, b, t), (_, _, fl), (_, _, m) in zip(
                        time_steps, floor_steps, mem_steps, strict=True
                    )
                ],
            )
        )
    print()
    print(
        "(b) score ONE_UNIT.yaml (table on stdout) vs floor (imports, one pydantic model, "
        "that unit + criteria)"
    )
    print(
        table(
            [
                "command",
                "seconds",
                "floor s",
                "ratio",
                "cpu ratio",
                "MB",
                "floor MB",
                "imports-only floor s",
                "ratio to it",
            ],
            [
                [
                    "score",
                    f"{score.seconds:.3f}",
                    f"{score_base.seconds:.3f}",
                    f"{score.seconds / score_base.seconds:.2f}x",
                    f"{score.cpu / score_base.cpu:.2f}x",
                    f"{score.mb:.0f}",
                    f"{score_base.mb:.0f}",
                    f"{score_imports.seconds:.3f}",
                    f"{score.seconds / score_imports.seconds:.2f}x",
                ]
            ],
        )
    )
    if args.instructions:
        if VALGRIND is None:
            print("  instructions: valgrind is not installed")
        else:
            counts = [instructions(cmd) for cmd in (score_cmd, score_floor, imports_floor)]
            print(
                f"  instructions (valgrind): score {counts[0]:,.0f} M, floor {counts[1]:,.0f} M "
                f"({counts[0] / counts[1]:.2f}x), imports-only floor {counts[2]:,.0f} M "
                f"({counts[0] / counts[2]:.2f}x)"
            )
    print()
    print(
        f"(e) rank -o r.xlsx --breakdown b.xlsx vs -o r.csv --breakdown b.csv, {xlsx_size:,} units"
    )
    xlsx, csv_run = files["xlsx"], files["csv"]
    print(
        table(
            ["files", "seconds", "cpu s", "MB", "bytes written"],
            [
                [
                    name,
                    f"{series.seconds:.3f}",
                    f"{series.cpu:.2f}",
                    f"{series.mb:.0f}",
                    f"{written_bytes[name]:,}",
                ]
                for name, series in (("xlsx", xlsx), ("csv", csv_run))
            ],
        )
    )
    print(
        f"  xlsx/csv: wall {xlsx.seconds / csv_run.seconds:.2f}x, "
        f"cpu {xlsx.cpu / csv_run.cpu:.2f}x (target ≤ {XLSX_TARGET}x)"
    )
    print()
    print("(c) --help")
    helped, bare, click_only = got["help"], got["python"], got["click"]
    print(
        table(
            ["command", "seconds", "MB"],
            [
                ["parindex --help", f"{helped.seconds:.3f}", f"{helped.mb:.0f}"],
                ["python -c pass", f"{bare.seconds:.3f}", f"{bare.mb:.0f}"],
                ["python -c 'import click'", f"{click_only.seconds:.3f}", f"{click_only.mb:.0f}"],
            ],
        )
    )
    print(
        f"  modules after --help: {probe['modules']}; pydantic: "
        f"{'YES (' + str(len(probe['pydantic'])) + ' modules)' if probe['pydantic'] else 'no'}"
        f"; rich: {'YES (' + str(len(probe['rich'])) + ' modules)' if probe['rich'] else 'no'}"
        f"; rich.table: {'YES' if probe['rich_table'] else 'no'}; "
        f"yaml: {'YES' if probe['yaml'] else 'no'}"
    )

    print()
    print(f"(g) status vs rank --format csv, {xlsx_size:,} units, the same inputs")
    status_run, rank_run = board["status"], board["rank"]
    print(
        table(
            ["command", "seconds", "cpu s", "MB", "procs"],
            [
                [name, f"{r.seconds:.3f}", f"{r.cpu:.2f}", f"{r.mb:.0f}", f"{r.processes}"]
                for name, r in (("status", status_run), ("rank", rank_run))
            ],
        )
    )
    status_ratio = status_run.seconds / rank_run.seconds
    print(
        f"  status/rank: wall {status_ratio:.2f}x, cpu {status_run.cpu / rank_run.cpu:.2f}x "
        f"(target ≤ {STATUS_TARGET}x)"
    )

    table_checks: list[tuple[str, str, bool | None]] = []
    if args.tables:
        import tables as big_tables

        print()
        print(f"(f) appraisal tables read by `validate` over {sizes[0]:,} units")
        table_checks = big_tables.report(args.tables, tables, base_validate, table)

    print()
    print("targets")
    base = 2000 if 2000 in rank else None
    checks: list[tuple[str, str, bool | None]] = []
    if base is not None:
        r, f = rank[base]
        checks.append(
            (
                f"rank of {base:,} units: CPU ≤ {RANK_CPU_TARGET}× the floor's",
                f"{r.cpu / f.cpu:.2f}×",
                r.cpu / f.cpu <= RANK_CPU_TARGET,
            )
        )
        checks.append(
            (
                f"rank of {base:,} units: wall ≤ {RANK_WALL_TARGET}× the floor's",
                f"{r.seconds / f.seconds:.2f}×",
                r.seconds / f.seconds <= RANK_WALL_TARGET,
            )
        )
    else:
        checks.append(("rank of 2,000 units vs floor", "2,000 not in --sizes", None))
    xlsx_ratio = files["xlsx"].seconds / files["csv"].seconds
    checks.append(
        (
            f"rank -o .xlsx --breakdown .xlsx of {xlsx_size:,} units ≤ {XLSX_TARGET}× the same "
            "run writing .csv",
            f"{xlsx_ratio:.2f}× (cpu {files['xlsx'].cpu / files['csv'].cpu:.2f}×)",
            xlsx_ratio <= XLSX_TARGET if xlsx_size == 2000 else None,
        )
    )
    checks.append(
        (
            f"status of {xlsx_size:,} units ≤ {STATUS_TARGET}× rank's time, same inputs",
            f"{status_ratio:.2f}× (cpu {status_run.cpu / rank_run.cpu:.2f}×)",
            status_ratio <= STATUS_TARGET if xlsx_size == 2000 else None,
        )
    )
    ratio = score.seconds / score_base.seconds
    checks.append((f"score ≤ {SCORE_TARGET}× its floor", f"{ratio:.2f}×", ratio <= SCORE_TARGET))
    clean = not probe["pydantic"] and not probe["rich_table"]
    checks.append(
        (
            "--help imports neither pydantic nor rich.table",
            f"pydantic {'yes' if probe['pydantic'] else 'no'}, rich.table "
            f"{'yes' if probe['rich_table'] else 'no'}",
            clean,
        )
    )
    checks.append(
        (
            f"memory grows linearly (each step ≤ {LINEAR_SLACK}× the first, per unit)",
            ", ".join(f"{m:.1f}" for *_, m in mem_steps) + " MB/1k" if mem_steps else "one size",
            linear(mem_steps),
        )
    )
    checks.append(
        (
            f"memory per 1,000 more units ≤ {MEMORY_PER_1K_TARGET_MB:.0f} MB (each step)",
            ", ".join(f"{m:.1f}" for *_, m in mem_steps) + " MB/1k" if mem_steps else "one size",
            max(m for *_, m in mem_steps) <= MEMORY_PER_1K_TARGET_MB if mem_steps else None,
        )
    )
    checks.append(
        (
            f"time linear {sizes[0]:,} → {sizes[-1]:,} (each step ≤ {LINEAR_SLACK}× "
            "the first, per unit)",
            ", ".join(f"{t:.3f}" for *_, t in time_steps) + " s/1k" if time_steps else "one size",
            linear(time_steps),
        )
    )
    checks += table_checks
    print(
        table(
            ["target", "measured", "verdict"],
            [[name, value, verdict(ok)] for name, value, ok in checks],
        )
    )
    print(
        f"  for reference: score is {score.seconds / score_imports.seconds:.2f}× the "
        "imports-only floor, the floor as the score target was first stated, before\n"
        "  pydantic's first model and validator were counted in it (see benchmarks/README.md,"
        " Targets)"
    )
    load = os.getloadavg()
    print(f"  load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")
    if source_fingerprint() != source:
        print(
            f"  WARNING: src/parindex changed during the run (now {source_fingerprint()}; "
            f"{source_state()}): the sizes may have measured different code"
        )

    if args.profile:
        profile(python, province(python, args.profile, args.seed, framework))
    return 0


if __name__ == "__main__":
    sys.exit(main())
