"""A year's folder where every state of `status` occurs, made from the example province:
settings, forms (some missing, blank, wrong, incomplete), the roster and the tables."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).parents[1]
EXAMPLE = REPO / "examples" / "province-2025"

SETTINGS = """\
year = 2025
criteria = "criteria"
units = ["forms"]
roster = "roster.csv"
appraisal = ["council/appraisal.csv"]
survey = ["survey/survey.csv"]
id_map = "id-map.csv"
"""


def write_year(root: Path) -> Path:
    """The folder in `root`; what each unit's state is meant to be is said beside it."""
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(EXAMPLE / "forms", root / "forms")
    (root / "council").mkdir()
    (root / "survey").mkdir()
    shutil.copy(EXAMPLE / "council" / "appraisal-2025.csv", root / "council" / "appraisal.csv")
    shutil.copy(EXAMPLE / "survey" / "survey-2025.csv", root / "survey" / "survey.csv")
    shutil.copy(EXAMPLE / "roster.csv", root / "roster.csv")
    shutil.copy(EXAMPLE / "id-map.csv", root / "id-map.csv")
    (root / "parindex.toml").write_text(SETTINGS, encoding="utf-8")
    forms = root / "forms"
    # not submitted: no form at all, and a blank form
    (forms / "department" / "so-y-te.yaml").unlink()
    blank = forms / "department" / "so-ngoai-vu.yaml"
    text = blank.read_text(encoding="utf-8")
    head = text[: text.index("answers:")]
    blank.write_text(head + "answers: {}\n", encoding="utf-8")
    # invalid: an answer no rule takes; a file that is not YAML; a unit not on the roster
    wrong = forms / "department" / "so-tu-phap.yaml"
    wrong.write_text(
        wrong.read_text(encoding="utf-8").replace('value: "on_time"', 'value: "sớm"', 1),
        encoding="utf-8",
    )
    (forms / "commune" / "xa-phu-my.yaml").write_text(
        "unit: {id: xa-phu-my\nanswers: [\n", encoding="utf-8"
    )
    stranger = (forms / "department" / "so-noi-vu.yaml").read_text(encoding="utf-8")
    stranger = stranger.replace('id: "so-noi-vu"', 'id: "so-moi"').replace(
        'name: "Sở Nội vụ"', 'name: "Sở Mới"'
    )
    (forms / "department" / "so-moi.yaml").write_text(stranger, encoding="utf-8")
    # incomplete: an answer that earns points without the evidence it requires
    bare = forms / "department" / "so-cong-thuong.yaml"
    text = bare.read_text(encoding="utf-8")
    evidence = r'("1\.1\.1":\n(?:    .*\n)*?)    evidence:\n(?:      - .*\n)+'
    bare.write_text(re.sub(evidence, r"\1", text, count=1), encoding="utf-8")
    return root
