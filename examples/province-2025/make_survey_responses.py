"""Writes survey/responses-2025.csv: the example province's raw survey forms (fictional).

    python examples/province-2025/make_survey_responses.py

Deterministic (a fixed seed). Each unit gets about the minimum number of forms of each
respondent group of its questionnaire (criteria/questionnaires/), answered around an
invented level per unit and criterion; a few answers are left blank, two forms are blank
altogether, three units have a group below its minimum, and two units leave some survey
criteria unanswered (they stay pending). The survey table is then made by parindex:

    cd examples/province-2025 && parindex survey -o survey/survey-2025.csv

(the settings of the folder, parindex.toml, name the questionnaires, the responses and the
roster).
"""

from __future__ import annotations

import csv
import io
import random
import sys
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SEED = 2025
QUESTIONNAIRES = {
    "department": "department.yaml",
    "vertical-agency": "vertical-agency.yaml",
    "commune": "commune.yaml",
}
# (unit, group) → forms, below the group's minimum
SHORT = {
    ("so-xay-dung", "lanh-dao-phong"): 3,
    ("xa-na-meo", "nguoi-dan"): 7,
    ("thue-tinh", "lanh-dao"): 2,
}
# (unit, criterion) nobody answered: the criterion stays pending for the unit
UNANSWERED = {("so-ngoai-vu", "6.4"), ("xa-pa-co", "2.3.3"), ("xa-pa-co", "6.3")}
EXTERNAL = ("Tỷ lệ", "Hài lòng", "Đánh giá của người dân", "Người dân", "Đánh giá của doanh")
BLANK_SHARE = 0.03


def levels(rng: random.Random, units: list[dict[str, str]]) -> dict[tuple[str, str], float]:
    """An invented level (% of the points) per unit and criterion, steady within a unit."""
    out = {}
    for unit in units:
        base = rng.uniform(62, 92)
        for criterion in CRITERIA[unit["group"]]:
            out[(unit["unit_id"], criterion)] = min(100.0, max(20.0, rng.gauss(base, 8)))
    return out


def answer(rng: random.Random, scale: dict[str, float], level: float) -> str:
    """An answer whose expected share is near `level`: between the two nearest shares."""
    target = min(100.0, max(0.0, rng.gauss(level, 10)))
    shares = sorted(scale.items(), key=lambda kv: kv[1])
    for (low_key, low), (high_key, high) in pairwise(shares):
        if low <= target <= high:
            return high_key if rng.random() < (target - low) / (high - low) else low_key
    return shares[-1][0]


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / "criteria" / "questionnaires" / name).read_text("utf-8"))


QUESTIONNAIRE = {group: load(name) for group, name in QUESTIONNAIRES.items()}
CRITERIA = {g: sorted({q["criterion"] for q in d["questions"]}) for g, d in QUESTIONNAIRE.items()}


def main() -> None:
    rng = random.Random(SEED)
    units = list(csv.DictReader((HERE / "roster.csv").open(encoding="utf-8-sig")))
    level = levels(rng, units)
    width = max(len(d["questions"]) for d in QUESTIONNAIRE.values())
    forms = []
    for unit in units:
        document = QUESTIONNAIRE[unit["group"]]
        groups = document["groups"]
        for number, group in enumerate(groups):
            count = SHORT.get((unit["unit_id"], group["id"]), group["min"] + rng.randint(0, 3))
            external = number == len(groups) - 1
            for _ in range(count):
                cells = []
                for question in document["questions"]:
                    scale = question.get("answers") or document["answers"]
                    asked = question["text"].startswith(EXTERNAL) == external or (
                        "thuận tiện" in question["text"]
                    )
                    key = (unit["unit_id"], question["criterion"])
                    if not asked or key in UNANSWERED or rng.random() < BLANK_SHARE:
                        cells.append("")
                    else:
                        cells.append(answer(rng, scale, level[key]))
                cells += [""] * (width - len(cells))
                forms.append([unit["unit_name"], group["name"], *cells])
    rng.shuffle(forms)  # in the order they came back
    for index in (17, 404):
        forms[index][2:] = [""] * width  # returned empty
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["Dấu thời gian", "respondent_id", "unit_id", "group"]
        + [f"Q{i}" for i in range(1, width + 1)]
    )
    start = datetime(2025, 11, 3, 7, 30)
    for number, form in enumerate(forms, start=1):
        stamp = start + timedelta(minutes=7 * number + rng.randint(0, 6))
        writer.writerow([stamp.strftime("%d/%m/%Y %H:%M:%S"), f"PKS-{number:04d}", *form])
    target = HERE / "survey" / "responses-2025.csv"
    target.write_text(out.getvalue(), encoding="utf-8", newline="")
    sys.stdout.write(f"{len(forms)} forms\n")


if __name__ == "__main__":
    main()
