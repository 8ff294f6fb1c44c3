"""click's own words in the run's language, usage errors that suggest only what a command
accepts, and --help/--version when standard output fails: never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from golden_support import REPO, run_cli

E = "examples/province-2025"
VI = {"PARINDEX_LANG": "vi", "COLUMNS": "160"}
EN = {"PARINDEX_LANG": "en", "COLUMNS": "160"}
# click's English, which a Vietnamese line must not hold
CLICK_ENGLISH = (
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "[required]",
    "INTEGER RANGE",
    "FLOAT RANGE",
    "TEXT",
    "integer range",
    "float range",
)


def _english_in(text: str) -> list[str]:
    return [word for word in CLICK_ENGLISH if word in text]


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["sensitivity", "--help"],
        ["template", "--help"],
        ["worksheet", "--help"],
        ["report", "--help"],
        ["score"],
    ],
    ids=["help", "sensitivity-help", "template-help", "worksheet-help", "report-help", "usage"],
)
def test_click_words_are_vietnamese_under_vi_and_english_under_en(args: list[str]) -> None:
    vi = run_cli(args, env=VI)
    assert _english_in(vi.stdout + vi.stderr) == []
    assert "Cách dùng: parindex " in vi.stdout + vi.stderr
    assert "[TÙY CHỌN]" in vi.stdout + vi.stderr
    en = run_cli(args, env=EN)
    assert "Usage: parindex " in en.stdout + en.stderr
    assert "[OPTIONS]" in en.stdout + en.stderr


def test_the_type_names_in_help_and_messages_follow_the_language() -> None:
    vi = run_cli(["sensitivity", "--help"], env=VI).stdout
    assert "--runs SỐ NGUYÊN" in vi and "--spread SỐ THẬP PHÂN" in vi
    assert "[bắt buộc]" in run_cli(["worksheet", "--help"], env=VI).stdout
    assert "--unit-id VĂN BẢN" in run_cli(["template", "--help"], env=VI).stdout
    assert "LỆNH [THAM SỐ]..." in run_cli(["--help"], env=VI).stdout
    en = run_cli(["sensitivity", "--help"], env=EN).stdout
    assert "--runs INTEGER RANGE" in en and "--spread FLOAT RANGE" in en
    assert "[required]" in run_cli(["worksheet", "--help"], env=EN).stdout
    wrong = run_cli(["sensitivity", E, "--runs", "x"], env=VI)
    assert wrong.exit_code == 2
    assert "'x' không phải số nguyên hợp lệ." in wrong.stderr
    assert _english_in(wrong.stderr) == []
    wrong = run_cli(["sensitivity", E, "--runs", "x"], env=EN)
    assert "'x' is not a valid integer range." in wrong.stderr


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan"])
def test_spread_nan_is_a_usage_error(value: str) -> None:
    result = run_cli(["sensitivity", E, "--spread", value, "--runs", "5"], env=EN)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Invalid value for '--spread': {value!r} is not a valid float range." in result.stderr
    vi = run_cli(["sensitivity", E, "--spread", value, "--runs", "5"], env=VI)
    assert vi.exit_code == 2
    assert f"{value!r} không phải số thập phân hợp lệ." in vi.stderr


def test_report_names_its_extensions_in_the_language(tmp_path: os.PathLike[str]) -> None:
    target = os.path.join(tmp_path, "x.txt")
    vi = run_cli(["report", E, "-o", target], env=VI)
    assert vi.exit_code == 2
    assert "phần mở rộng '.txt' không được hỗ trợ; hãy dùng .html hoặc .docx" in vi.stderr
    assert "unknown extension" not in vi.stderr
    en = run_cli(["report", E, "-o", target], env=EN)
    assert f"-o {target}: unknown extension '.txt'; use .html or .docx" in en.stderr


def test_sensitivity_suggests_only_what_it_writes() -> None:
    en = run_cli(["sensitivity", E, "-o", "x.txt"], env=EN)
    assert en.exit_code == 2
    assert "-o x.txt: unknown extension '.txt'; use .csv or .json" in en.stderr
    assert ".xlsx" not in en.stderr
    vi = run_cli(["sensitivity", E, "-o", "x.txt"], env=VI)
    assert "hãy dùng .csv hoặc .json" in vi.stderr and ".xlsx" not in vi.stderr
    # the commands that write workbooks still offer them
    assert "use .csv, .json or .xlsx" in run_cli(["rank", E, "-o", "x.txt"], env=EN).stderr


# --- --help and --version print from click's eager options: a failing stdout is one line --


def _sh(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PARINDEX_LANG": "en", "PYTHONIOENCODING": ""}
    return subprocess.run(
        ["sh", "-c", command], cwd=REPO, capture_output=True, text=True, env=env, timeout=60
    )


PARINDEX = f"{sys.executable} -m parindex"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", ["--help", "--version", "rank --help"])
def test_help_and_version_to_a_full_disk_say_so_in_one_line(args: str) -> None:
    done = _sh(f"{PARINDEX} {args} > /dev/full")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr == "error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("args", ["--help", "--version"])
def test_help_and_version_with_stdout_closed_say_so_in_one_line(args: str) -> None:
    done = _sh(f"{PARINDEX} {args} >&-")
    assert done.returncode == 1
    assert done.stderr == "error: cannot write to standard output: standard output is closed\n"


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_to_a_reader_gone_end_quietly(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader went away before anything was written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "parindex", *args],
            cwd=REPO,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PARINDEX_LANG": "en"},
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.returncode == 0
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "nằm ngoài khoảng từ 1 đến 1000000"), ("en", "is not in the range 1<=x<=1000000")],
)
def test_a_number_out_of_its_range_is_said_in_words(lang: str, said: str) -> None:
    """click's "1<=x<=1000000" in the reader's words; English exactly as click writes it."""
    result = run_cli(["--lang", lang, "sensitivity", "x", "--runs", "0"])
    assert result.exit_code == 2
    assert said in result.stderr
