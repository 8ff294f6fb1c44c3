"""The example province's explanation round (giải trình), from the council's first round to
the workbook of its second, written into a folder of your choice (fictional data):

    python examples/province-2025/explanation_round.py OUT

1. OUT/council/round-1.csv — the council's first round: the rows of round 1 of
   council/appraisal-2025.csv (which also holds the second round the council decided after
   the replies).
2. OUT/notices/ — `parindex notice`: the preliminary result of every unit the first round
   corrected, one workbook each (kết quả thẩm định sơ bộ).
3. OUT/replies/ — two of them filled in as the units would, in a spreadsheet program: Sở Xây
   dựng and Sở Y tế each disagree with one correction, with an explanation and further
   evidence, and agree with the others.
4. `parindex validate` and `parindex status` with the replies: what came back, checked.
5. OUT/council/round-2.xlsx — `parindex worksheet --replies`: the council's workbook for the
   second round, each reply beside the correction it answers.

Every parindex command runs inside this year's folder, as you would type it there: the
settings (parindex.toml) give the forms, the survey and the roster, and `--appraisal` names
the first round in place of the council's table the settings name. Each is printed first.
"""

from __future__ import annotations

import csv
import os
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
KEY_ROW = 7  # a notice's title block takes the rows above its (hidden) key row
# What the two units answer: criterion → (answer, explanation, evidence one per line);
# every other correction of theirs they agree with.
REPLIES = {
    "so-xay-dung": {
        "1.1.1": (
            "Không đồng ý",
            "Do hợp nhất Sở Giao thông vận tải vào Sở Xây dựng, UBND tỉnh đã gia hạn thời hạn "
            "ban hành kế hoạch CCHC năm 2025 đến ngày 31/01/2025; Sở ban hành Kế hoạch ngày "
            "18/01/2025, trong thời hạn được gia hạn.",
            "Công văn số 112/UBND-NC ngày 06/01/2025 của UBND tỉnh về gia hạn\n"
            "Kế hoạch số 23/KH-SXD ngày 18/01/2025 về cải cách hành chính năm 2025",
        ),
    },
    "so-y-te": {
        "3.2.3": (
            "Không đồng ý",
            "330 hồ sơ bị tính quá hạn là hồ sơ tạm dừng chờ người dân bổ sung theo phiếu yêu "
            "cầu bổ sung, hoàn thiện hồ sơ hợp lệ; đề nghị không tính các hồ sơ này vào số hồ "
            "sơ phải giải quyết trong kỳ.",
            "Danh sách 330 phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (trích xuất từ Hệ thống "
            "thông tin giải quyết TTHC tỉnh)\n"
            "Báo cáo số 415/BC-SYT ngày 22/12/2025 về tình hình giải quyết TTHC năm 2025",
        ),
    },
}
AGREE = "Đồng ý"


def parindex(*args: str) -> None:
    """Run a parindex command inside the year's folder, printing it first."""
    sys.stdout.write("$ parindex " + " ".join(shlex.quote(a) for a in args) + "\n")
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "parindex", *args], cwd=HERE, check=True)


def here(path: Path) -> str:
    """`path` as typed inside the year's folder: relative when it is beside the folder (as
    `../round`), else in full."""
    beside = HERE.parent in path.parents
    return os.path.relpath(path, HERE) if beside else str(path)


def round_one(source: Path, target: Path) -> None:
    """The rows of the council's first round (an empty round is round 1)."""
    with source.open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    with target.open("w", encoding="utf-8", newline="") as table:
        writer = csv.DictWriter(table, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(row for row in rows if row["round"] in ("", "1"))


def fill(notice: Path, reply: Path, answers: dict[str, tuple[str, str, str]]) -> None:
    """The notice filled in as its unit would, and saved as `reply`."""
    from openpyxl import load_workbook

    book = load_workbook(notice)
    sheet = book.worksheets[0]  # the notice's one sheet
    keys = [cell.value for cell in sheet[KEY_ROW]]
    for row in sheet.iter_rows(min_row=KEY_ROW + 2):
        criterion = row[keys.index("criterion")].value
        if criterion is None:
            continue
        agree, explanation, evidence = answers.get(criterion, (AGREE, "", ""))
        row[keys.index("agree")].value = agree
        row[keys.index("explanation")].value = explanation or None
        row[keys.index("evidence")].value = evidence or None
    book.save(reply)


def main(out: Path) -> None:
    for folder in ("council", "notices", "replies"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    first = out / "council" / "round-1.csv"
    round_one(HERE / "council" / "appraisal-2025.csv", first)
    first_round = ["--appraisal", here(first)]
    parindex("notice", *first_round, "-o", here(out / "notices"))
    for unit_id, answers in REPLIES.items():
        fill(out / "notices" / f"{unit_id}.xlsx", out / "replies" / f"{unit_id}.xlsx", answers)
    replies = ["--replies", here(out / "replies")]
    parindex("validate", *first_round, *replies)
    parindex("status", *first_round, *replies)
    parindex("worksheet", *first_round, *replies, "-o", here(out / "council" / "round-2.xlsx"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]).resolve())
