"""How fast a province's workbook forms are made and read.

    python benchmarks/forms.py [--units 2000] [--repeat 3] [--seed 1] [--framework PATH]
                               [--parindex PATH]

Generates (or reuses, cached under benchmarks/out/ as run.py does) a synthetic province with
benchmarks/generate.py and a roster of its units, then measures, as the median of --repeat
runs after one untimed warm-up (wall time and CPU time, workers included):

(a) `parindex template FRAMEWORK --roster ROSTER -o DIR`: a blank form per unit;
(b) the same `--from UNITS`: each form prefilled from its unit's YAML file (how the forms
    read in (c) are made, once, and cached);
(c) `parindex rank FORMS …` over the workbook forms against `parindex rank DIR …` over the
    same units' YAML files (the same appraisal and survey tables), alternating; the two must
    print the same ranking, byte for byte.

Targets (README.md): (c) ≤ 3 × the YAML run's CPU time (2 × is the moonshot); (a) ≤ 30 s
for 2,000 forms on 2 cores. Run it with the interpreter parindex is installed in.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from run import (
    DEFAULT_FRAMEWORK,
    OUT,
    Series,
    find_parindex,
    interpreter_of,
    measure,
    province,
    rank_args,
    run_child,
    table,
)

RANK_TARGET = 3.0  # rank over workbook forms ≤ 3 × the same run over YAML forms (CPU)
TEMPLATE_TARGET = 30.0  # seconds for 2,000 blank forms with --roster
# the generator's unit block: `unit:`, then its `id:`, `name:` and `group:` lines, quoted
_UNIT = re.compile(r'unit:\s*\n\s*id: "([^"]*)"\s*\n\s*name: "([^"]*)"\s*\n\s*group: "([^"]*)"')


def roster_of(directory: Path) -> Path:
    """The roster of the generated units (`unit_id,unit_name,group`), written once."""
    path = directory / "roster.csv"
    if path.is_file():
        return path
    rows = []
    for unit in sorted((directory / "units").glob("*.yaml")):
        head = unit.read_text(encoding="utf-8")[:400]
        found = _UNIT.search(head)
        if found is None:
            raise SystemExit(f"no unit line in {unit}")
        rows.append(found.groups())
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "unit_name", "group"])
        writer.writerows(rows)
    return path


def template_args(framework: Path, roster: Path, out: Path, units: Path | None) -> list[str]:
    args = ["template", str(framework), "--roster", str(roster), "-o", str(out)]
    return [*args, "--from", str(units)] if units is not None else args


def timed_templates(
    parindex: str, framework: Path, roster: Path, units: Path | None, repeat: int
) -> Series:
    """`template --roster` into a fresh folder each run (forms are never written over)."""
    series = Series()
    with tempfile.TemporaryDirectory(prefix="parindex-forms-") as scratch:
        for run in range(repeat + 1):
            out = Path(scratch) / f"run-{run}"
            out.mkdir()
            sample = run_child([parindex, *template_args(framework, roster, out, units)])
            if run == 0:
                series.sampled = sample  # the warm-up
            else:
                series.samples.append(sample)
            shutil.rmtree(out)
    return series


def forms_of(parindex: str, directory: Path, framework: Path, roster: Path) -> Path:
    """The province's units as workbook forms (prefilled from their YAML), made once."""
    forms = OUT / f"{directory.name}-forms"
    stamp = forms / ".made"
    if stamp.is_file() and stamp.read_text() == (directory / "manifest.json").read_text():
        return forms
    shutil.rmtree(forms, ignore_errors=True)
    forms.mkdir(parents=True)
    subprocess.run(
        [parindex, *template_args(framework, roster, forms, directory / "units")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stamp.write_text((directory / "manifest.json").read_text())
    return forms


def forms_rank_args(directory: Path, forms: Path) -> list[str]:
    """`rank_args` with the folder of forms in place of the province's folder."""
    args = rank_args(directory)
    return [args[0], str(forms), *args[2:]]


def same_ranking(parindex: str, directory: Path, forms: Path) -> bool:
    outputs = [
        subprocess.run([parindex, *args], check=True, capture_output=True, text=False).stdout
        for args in (rank_args(directory), forms_rank_args(directory, forms))
    ]
    return outputs[0] == outputs[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--framework", type=Path, default=DEFAULT_FRAMEWORK)
    parser.add_argument("--parindex", default=None)
    args = parser.parse_args(argv)

    parindex = find_parindex(args.parindex)
    directory = province(interpreter_of(parindex), args.units, args.seed, args.framework)
    framework = directory / "criteria" / args.framework.name
    roster = roster_of(directory)

    blank = timed_templates(parindex, framework, roster, None, args.repeat)
    prefilled = timed_templates(parindex, framework, roster, directory / "units", args.repeat)
    forms = forms_of(parindex, directory, framework, roster)
    identical = same_ranking(parindex, directory, forms)
    series = measure(
        {
            "yaml": [parindex, *rank_args(directory)],
            "forms": [parindex, *forms_rank_args(directory, forms)],
        },
        args.repeat,
    )
    yaml, xlsx = series["yaml"], series["forms"]
    cpu_ratio = xlsx.cpu / yaml.cpu
    rows = [
        [
            f"template --roster ({args.units:,} blank forms)",
            f"{blank.seconds:.2f}",
            f"{blank.cpu:.2f}",
            f"≤ {TEMPLATE_TARGET:.0f} s",
            _ok(blank.seconds <= TEMPLATE_TARGET),
        ],
        [
            f"template --roster --from ({args.units:,} prefilled)",
            f"{prefilled.seconds:.2f}",
            f"{prefilled.cpu:.2f}",
            "",
            "",
        ],
        [f"rank over {args.units:,} YAML forms", f"{yaml.seconds:.2f}", f"{yaml.cpu:.2f}", "", ""],
        [
            f"rank over {args.units:,} workbook forms",
            f"{xlsx.seconds:.2f}",
            f"{xlsx.cpu:.2f}",
            f"CPU {cpu_ratio:.2f} × (≤ {RANK_TARGET:.0f} ×)",
            _ok(cpu_ratio <= RANK_TARGET),
        ],
    ]
    print(table(["measurement", "wall s", "CPU s", "against", "ok"], rows))
    print(
        f"median of {args.repeat} runs; wall ratio {xlsx.seconds / yaml.seconds:.2f} ×; "
        f"peak memory {yaml.mb:.0f} MB (YAML) and {xlsx.mb:.0f} MB (forms); the two "
        f"rankings {'are' if identical else 'ARE NOT'} byte-identical"
    )
    return 0 if identical else 1


def _ok(passed: bool) -> str:
    return "yes" if passed else "NO"


if __name__ == "__main__":
    raise SystemExit(main())
