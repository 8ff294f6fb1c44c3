"""The one folder parindex makes (`init`'s year): whole or not at all, never over something,
and the shipped frameworks it copies found in a checkout and in a built package."""

from __future__ import annotations

import builtins
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parindex.errors import OutputError
from parindex.inputs.shipped import CHECKOUT, PACKAGED, shipped_criteria
from parindex.outputs.files import check_new_folder, write_folder

REPO = Path(__file__).parents[2]
FILES = [("a.txt", b"a"), ("deep/er/b.txt", b"b"), ("c.txt", b"c")]


def test_the_folder_appears_with_everything_in_it(tmp_path: Path) -> None:
    target = tmp_path / "2026"
    write_folder(str(target), ["empty", "deep"], FILES)
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*")) == [
        "a.txt",
        "c.txt",
        "deep",
        "deep/er",
        "deep/er/b.txt",
        "empty",
    ]
    assert (target / "deep/er/b.txt").read_bytes() == b"b"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o777 & ~mask  # a folder as mkdir makes it
    assert os.listdir(tmp_path) == ["2026"]


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "2026").mkdir()
    write_folder(str(tmp_path / "2026"), [], FILES)
    assert (tmp_path / "2026" / "c.txt").read_bytes() == b"c"


def test_a_failure_on_the_way_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = builtins.open

    def failing(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("c.txt"):
            raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing)
    with pytest.raises(OutputError, match="No space left on device"):
        write_folder(str(tmp_path / "2026"), ["x"], FILES)
    assert os.listdir(tmp_path) == []  # neither the folder nor its temporary copy


def test_an_interruption_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: str, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_folder(str(tmp_path / "2026"), [], FILES)
    assert os.listdir(tmp_path) == []


def test_never_over_what_is_there(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    (tmp_path / "file").write_text("x")
    assert check_new_folder(str(tmp_path / "new")) is None
    assert check_new_folder(str(tmp_path / "full")).startswith("the folder is not empty")
    assert check_new_folder(str(tmp_path / "file")).startswith("exists and is not a folder")
    assert check_new_folder(str(tmp_path / "no" / "new")).startswith("the folder ")
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    assert check_new_folder(str(tmp_path / "link")).startswith("exists and is not a folder")
    for name in ("full", "file", "link"):
        with pytest.raises(OutputError):
            write_folder(str(tmp_path / name), [], FILES)
    assert sorted(os.listdir(tmp_path)) == ["file", "full", "link"]
    assert os.listdir(tmp_path / "full") == ["x"]


# --- the shipped frameworks -------------------------------------------------------------------


def test_the_checkout_s_frameworks_are_found_when_installed_editable() -> None:
    assert CHECKOUT == REPO / "criteria"
    assert not PACKAGED.exists()  # the editable install reads the checkout in place
    assert shipped_criteria() == str(CHECKOUT)


def test_the_package_s_copy_comes_first_and_none_is_none(tmp_path: Path) -> None:
    packaged, checkout = tmp_path / "pkg", tmp_path / "repo"
    for folder in (packaged, checkout):
        folder.mkdir()
        (folder / "department.yaml").write_text("framework: x\n")
    assert shipped_criteria((packaged, checkout)) == str(packaged)
    assert shipped_criteria((tmp_path / "none", checkout)) == str(checkout)
    (checkout / "department.yaml").unlink()
    assert shipped_criteria((tmp_path / "none", checkout)) is None


def test_a_built_package_carries_the_shipped_frameworks(tmp_path: Path) -> None:
    """setup.py's build step copies criteria/ into the package (what a wheel holds)."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(REPO / name, tree / name)
    for name in ("src", "criteria"):
        shutil.copytree(REPO / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    built = tmp_path / "lib"
    result = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(built)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shipped = sorted(
        str(p.relative_to(REPO / "criteria")) for p in (REPO / "criteria").rglob("*.yaml")
    )
    packaged = built / "parindex" / "criteria"
    assert sorted(str(p.relative_to(packaged)) for p in packaged.rglob("*.yaml")) == shipped
    assert "graft criteria" in (REPO / "MANIFEST.in").read_text()  # and the sdist has them


def test_the_working_folder_itself_is_filled_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "2026"
    here.mkdir(mode=0o750)
    before = here.stat()
    monkeypatch.chdir(here)
    write_folder(".", ["empty"], FILES)
    after = here.stat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)  # the same folder
    assert sorted(os.listdir(".")) == ["a.txt", "c.txt", "deep", "empty"]
    assert os.listdir(tmp_path) == ["2026"]


def test_a_failure_in_an_empty_folder_leaves_it_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "2026").mkdir()
    real_replace = os.replace
    calls = []

    def failing(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError, match="No space left on device"):
        write_folder(str(tmp_path / "2026"), ["x"], FILES)
    assert len(calls) == 3  # two entries were moved up before the third failed
    assert os.listdir(tmp_path / "2026") == []
