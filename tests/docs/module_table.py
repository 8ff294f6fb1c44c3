"""The developer page's table of modules, made from the package itself: one row per module,
in the order of the package tree, with the first line of the module's docstring. The page
holds it between two markers; `test_docs.py` fails when the two drift apart."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "parindex"
BEGIN = "<!-- modules: made by tests/docs/module_table.py; pytest --update-golden rewrites it -->"
END = "<!-- modules: end -->"


def first_line(path: Path) -> str:
    """The first paragraph of a module's docstring, on one line ('' when it has none)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def modules() -> list[tuple[str, str]]:
    """(path under src/parindex, what it says it is) for every module and package."""
    rows = []
    for path in sorted(PACKAGE.rglob("*.py"), key=_order):
        name = path.relative_to(PACKAGE).as_posix()
        if name.endswith("__init__.py"):
            name = name[: -len("__init__.py")] or "parindex/"
        rows.append((name, first_line(path).replace("|", "\\|")))
    return rows


def _order(path: Path) -> tuple[tuple[str, ...], bool, str]:
    """Packages before their modules; a folder's own modules before its sub-folders."""
    parts = path.relative_to(PACKAGE).parts
    return (parts[:-1], path.name != "__init__.py", path.name)


def table() -> str:
    lines = ["| module | what it is |", "|---|---|"]
    lines += [f"| `{name}` | {text} |" for name, text in modules()]
    return "\n".join([BEGIN, *lines, END])


def replace_table(page: str) -> str:
    """`page` with its table made anew."""
    start, end = page.index(BEGIN), page.index(END) + len(END)
    return page[:start] + table() + page[end:]
