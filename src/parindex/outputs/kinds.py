"""The output formats, a closed set: what `--format` and `-o FILE.ext` may choose."""

from __future__ import annotations

from typing import Literal

FileFormat = Literal["csv", "json", "xlsx"]
TableFormat = Literal["csv", "xlsx"]  # what --breakdown writes
OutputFormat = Literal["table", "csv", "json", "xlsx"]
SUFFIXES: dict[str, FileFormat] = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
