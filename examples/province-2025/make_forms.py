"""Makes the example province's units' workbook forms (the form a unit fills in Excel) from
their YAML self-assessments, one per roster unit, with `parindex template`:

    python examples/province-2025/make_forms.py OUT_DIR [--lang vi|en]

OUT_DIR must exist and hold none of the forms (a form is never written over); keep it out of
examples/province-2025/, or the province would be read twice. For each framework of
criteria/ it runs

    parindex template criteria/FRAMEWORK.yaml --roster examples/province-2025/roster.csv \\
        --from examples/province-2025/forms -o OUT_DIR

so every unit gets OUT_DIR/<unit_id>.xlsx holding its answers, and the forms rank exactly as the
YAML files do:

    parindex rank OUT_DIR --appraisal examples/province-2025/council/appraisal-2025.csv \\
        --survey examples/province-2025/survey/survey-2025.csv
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FRAMEWORKS = ("department", "vertical-agency", "commune")


def commands(out: Path, lang: str) -> list[list[str]]:
    """The `parindex template` runs that make the forms."""
    return [
        [
            sys.executable,
            "-m",
            "parindex",
            "--lang",
            lang,
            "template",
            str(ROOT / "criteria" / f"{name}.yaml"),
            "--roster",
            str(HERE / "roster.csv"),
            "--from",
            str(HERE / "forms"),
            "-o",
            str(out),
        ]
        for name in FRAMEWORKS
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="an existing folder for the forms")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args(argv)
    for command in commands(args.out, args.lang):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
