"""`python -m parindex`: the same command line as the `parindex` script."""

from __future__ import annotations

from parindex.cli import run

run()
