"""The year's settings, `parindex.toml`: found in the working directory or the nearest folder
above it, and what a checked file holds. Every run looks for the file; reading and checking
it (`settings_file`, with the TOML reader) is loaded only when there is one.

A listed file that does not exist is not an error here: it is one for the commands that read
it (`Settings.missing`), and `status` only reports it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from parindex.errors import InputError, Problem

FILE_NAME = "parindex.toml"
PREVIOUS = "previous"

Kind = Literal["year", "path", "paths", "flag", "text", "lang", "dialect"]
KEYS: dict[str, Kind] = {
    "year": "year",
    "criteria": "path",
    "units": "paths",
    "roster": "path",
    # roster units whose form is blank or missing rank last as not submitted: what `init`
    # writes, so that a fresh folder ranks at once (removed before the final ranking)
    "allow_absent": "flag",
    "appraisal": "paths",
    "survey": "paths",
    "responses": "paths",
    "replies": "paths",
    "id_map": "path",
    "decision": "text",
    "lang": "lang",
    "dialect": "dialect",
}
CHOICES = {"lang": ("vi", "en"), "dialect": ("standard", "excel-vi")}
FIRST_YEAR, LAST_YEAR = 1000, 9999

Value = str | int | bool | tuple[str, ...] | tuple[tuple[int, str], ...]


class SettingsError(InputError):
    """A settings file with problems; `lang` is its language setting when that one is right
    (its problems are then said in it)."""

    def __init__(self, problems: list[Problem], lang: str | None = None) -> None:
        super().__init__(problems)
        self.lang = lang


class Settings:
    """A checked `parindex.toml`: `values` by key, paths already joined to the file's folder
    (`previous` as (year, path) pairs, oldest first); `missing` the problems of listed files
    that do not exist, by key; `path` the file as shown to people."""

    __slots__ = ("missing", "path", "values")

    def __init__(
        self, path: str, values: dict[str, Value], missing: dict[str, list[Problem]]
    ) -> None:
        self.path = path
        self.values = values
        self.missing = missing

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        return value if isinstance(value, str) else None

    @property
    def year(self) -> int | None:
        value = self.values.get("year")
        return value if isinstance(value, int) else None

    @property
    def previous(self) -> tuple[tuple[int, str], ...]:
        value = self.values.get(PREVIOUS, ())
        if not isinstance(value, tuple):
            return ()
        return tuple(pair for pair in value if isinstance(pair, tuple))


def find_settings(start: str | None = None) -> str | None:
    """The `parindex.toml` of the folder `start` (default the working directory) or of the
    nearest folder above it; None when there is none."""
    here = Path(start or os.getcwd()).absolute()
    for folder in (here, *here.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return str(candidate)
    return None


def shown_path(path: str) -> str:
    """A settings file found by the search, as people read it: relative to the working
    directory (`parindex.toml`, `../parindex.toml`)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows): the whole path
        return path


def read_settings(path: str) -> Settings:
    """Read and check the settings file `path` (as given or as `shown_path` shows it); raise
    SettingsError with every problem, each at its line."""
    from parindex.inputs.settings_file import read  # ~6 ms of TOML and checks, for a file only

    return read(path)
