"""A real spreadsheet and word processor in the loop: files opened and saved again (or printed
to PDF) by headless LibreOffice, each call in a profile of its own so that parallel runs never
share one; the test is skipped, saying why, where LibreOffice is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or (
    "/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None
)


def convert(files: Sequence[Path], tmp_path: Path, to: str = "xlsx") -> list[Path]:
    """Each of `files` converted by LibreOffice to `to` (`xlsx`: opened and saved again;
    `pdf`: printed), into a folder of its own under `tmp_path`, in the order given."""
    if SOFFICE is None:
        pytest.skip(f"LibreOffice (soffice) is not installed: nothing is saved as {to} by it")
    call = uuid.uuid4().hex
    out = tmp_path / f"{to}-{call}"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / f'lo-{call}').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    made = [out / f"{f.stem}.{to}" for f in files]
    assert done.returncode == 0 and all(m.exists() for m in made), done.stderr.decode(
        errors="replace"
    )
    return made


def resave_all(files: Sequence[Path], tmp_path: Path) -> list[Path]:
    """Each workbook opened and saved again by LibreOffice: other bytes, the same name."""
    made = convert(files, tmp_path)
    for original, again in zip(files, made, strict=True):
        assert again.read_bytes() != original.read_bytes()
    return made


def resave(path: Path, tmp_path: Path) -> Path:
    """One workbook opened and saved again by LibreOffice."""
    return resave_all([path], tmp_path)[0]
