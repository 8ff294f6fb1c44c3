"""The user guide's pictures, made from the example province as a person would see them:

    python docs/make_images.py [OUT]      (default: docs/images)

- `phieu-tu-danh-gia.png`: the first printed page of Sở Nội vụ's workbook form, prefilled from
  its answers in the example (`parindex template --from`);
- `thong-bao-ket-qua.png`: the first printed page of the notice to Sở Xây dựng of the council's
  first round (`parindex notice`, as examples/province-2025/explanation_round.py makes it).

Each workbook is printed to PDF by LibreOffice (headless `soffice`, a profile of its own) and
the page drawn by `pdftoppm` (poppler-utils), 110 dots per inch. Run from anywhere with the
project installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "province-2025"
DPI = "110"


def parindex(*args: str, cwd: Path) -> None:
    """One parindex command, in Vietnamese, stopping the script when it fails."""
    command = [sys.executable, "-m", "parindex", "--lang", "vi", *args]
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


def first_page(workbook: Path, png: Path, work: Path) -> None:
    """`workbook`'s first printed page as the picture `png`."""
    profile = (work / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(workbook),
        ],
        check=True,
        capture_output=True,
    )
    pdf = work / f"{workbook.stem}.pdf"
    stem = work / workbook.stem
    subprocess.run(
        ["pdftoppm", "-r", DPI, "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    shutil.move(f"{stem}.png", png)


def make_images(out: Path) -> list[Path]:
    """Both pictures written into `out` (made when missing); their paths."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parindex-images-") as name:
        work = Path(name)
        form = work / "so-noi-vu.xlsx"
        framework = REPO / "criteria" / "department.yaml"
        source = EXAMPLE / "forms" / "department" / "so-noi-vu.yaml"
        parindex("template", str(framework), "--from", str(source), "-o", str(form), cwd=work)
        round_one = work / "round"
        subprocess.run(
            [sys.executable, str(EXAMPLE / "explanation_round.py"), str(round_one)],
            check=True,
            capture_output=True,
        )
        made = [out / "phieu-tu-danh-gia.png", out / "thong-bao-ket-qua.png"]
        first_page(form, made[0], work)
        first_page(round_one / "notices" / "so-xay-dung.xlsx", made[1], work)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"
    for path in make_images(target):
        print(path)
