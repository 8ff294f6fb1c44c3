"""The developer page tells the truth about the code: its table of modules is made from the
modules' own docstrings, and every module has one."""

from __future__ import annotations

from pathlib import Path

import pytest

from module_table import PACKAGE, first_line, replace_table

PAGE = Path(__file__).resolve().parents[2] / "docs" / "development.md"


def test_every_module_says_what_it_is() -> None:
    silent = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if not first_line(p)]
    assert silent == []


def test_the_table_of_modules_is_the_code_s(request: pytest.FixtureRequest) -> None:
    page = PAGE.read_text(encoding="utf-8")
    made = replace_table(page)
    if request.config.getoption("--update-golden"):
        PAGE.write_text(made, encoding="utf-8")
        return
    assert page == made, "docs/development.md's table of modules is stale: pytest --update-golden"


def test_the_code_cites_no_document_the_repository_lacks() -> None:
    """A docstring or comment says what the code does; the README and docs/ are the readers'
    contract, and the code points at nothing outside them."""
    cited = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "SPEC §" in line or "SPEC.md" in line
    ]
    assert cited == []
