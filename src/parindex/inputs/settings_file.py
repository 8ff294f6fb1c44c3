"""Reading and checking `parindex.toml` (tomllib; tomli before Python 3.11): every problem
located at its line as `parindex.toml:LINE: error: KEY: …`, paths joined to the file's
folder."""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Mapping

from parindex.errors import InputError, Problem
from parindex.i18n import _
from parindex.inputs.settings import (
    CHOICES,
    FILE_NAME,
    FIRST_YEAR,
    KEYS,
    LAST_YEAR,
    PREVIOUS,
    Kind,
    Settings,
    SettingsError,
    Value,
)
from parindex.inputs.text import decode_text, read_bytes
from parindex.inputs.toml_lines import KeyLines, KeyPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def read(path: str) -> Settings:
    """Read and check the settings file `path` (as given or as `shown_path` shows it); raise
    InputError with every problem, each at its line."""
    text = decode_text(read_bytes(path), path)
    lines = KeyLines(text)
    if lines.repeated:  # TOML refuses them too, but names only the second line
        raise InputError(
            Problem(
                path,
                _("given twice (first at line {first}); keep one").format(first=first),
                row=line,
                table_column=".".join(key),
            )
            for key, first, line in lines.repeated
        )
    data = _parsed(text, path)
    base = os.path.dirname(path)
    return _Checker(path, lines, base).settings(data)


def _parsed(text: str, path: str) -> dict[str, object]:
    try:
        data: dict[str, object] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        found = re.search(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$", reason)
        line = None
        if found:
            reason = reason[: found.start()]
            line = int(found.group(1)) if found.group(1) else max(text.count("\n"), 1)
        raise InputError(
            [
                Problem(
                    path,
                    _("not valid TOML: {reason} (`key = value` lines; text in quotes)").format(
                        reason=reason.rstrip(".")
                    ),
                    row=line,
                )
            ]
        ) from exc
    return data


class _Checker:
    """Every key of one settings file checked against what it may hold."""

    def __init__(self, path: str, lines: KeyLines, base: str) -> None:
        self.path = path
        self.lines = lines
        self.base = base
        self.problems: list[Problem] = []
        self.missing: dict[str, list[Problem]] = {}

    def problem(self, key: KeyPath, message: str) -> None:
        self.problems.append(
            Problem(self.path, message, row=self.lines.line_of(key), table_column=".".join(key))
        )

    def settings(self, data: Mapping[str, object]) -> Settings:
        values: dict[str, Value] = {}
        for key, value in data.items():
            kind = KEYS.get(key)
            if kind is not None:
                checked = self.value(key, kind, value)
                if checked is not None:
                    values[key] = checked
            elif key != PREVIOUS:
                self.unknown(key)
        year = values.get("year")
        if PREVIOUS in data:
            values[PREVIOUS] = self.previous(
                data[PREVIOUS], year if isinstance(year, int) else None
            )
        if values.get("allow_absent") is True and "roster" not in data:
            self.problem(
                ("allow_absent",),
                _(
                    "speaks of the units of the roster, and no roster is set; add "
                    'roster = "roster.csv" or remove this line'
                ),
            )
        if self.problems:
            lang = values.get("lang")
            raise SettingsError(self.problems, lang if isinstance(lang, str) else None)
        return Settings(self.path, values, self.missing)

    def unknown(self, key: str) -> None:
        if key.isdigit():
            self.problem(
                (key,),
                _(
                    "a year of earlier rankings belongs under [previous] (a line of its own "
                    "above the years)"
                ),
            )
            return
        near = difflib.get_close_matches(key, [*KEYS, PREVIOUS], n=1, cutoff=0.6)
        hint = (" " + _("(did you mean {key!r}?)").format(key=near[0])) if near else ""
        self.problem(
            (key,),
            _("not a setting{hint}; the settings are {keys} and the table [previous]").format(
                hint=hint, keys=", ".join(KEYS)
            ),
        )

    def value(self, key: str, kind: Kind, value: object) -> Value | None:
        """The value of one top-level setting, or None (and a problem) when it is wrong."""
        if kind == "year":
            return self.year(key, value)
        if kind in ("lang", "dialect"):
            choices = CHOICES[kind]
            if isinstance(value, str) and value in choices:
                return value
            self.problem(
                (key,),
                _("{value} is not one of {choices}").format(
                    value=_toml(value), choices=", ".join(f'"{c}"' for c in choices)
                ),
            )
            return None
        if kind == "flag":
            if isinstance(value, bool):
                return value
            self.problem(
                (key,),
                _("{value} is not true or false; write {key} = true or {key} = false").format(
                    value=_toml(value), key=key
                ),
            )
            return None
        if kind == "text":
            if isinstance(value, str):
                return value
            self.problem(
                (key,),
                _('expected text in quotes, e.g. decision = "Quyết định số 123/QĐ-UBND"'),
            )
            return None
        if kind == "path":
            return self.path_value(key, value)
        return self.paths_value(key, value)

    def year(self, key: str, value: object) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            pass
        elif FIRST_YEAR <= value <= LAST_YEAR:
            return value
        hint = _(" (without quotes)") if isinstance(value, str) else ""
        self.problem(
            (key,),
            _("{value} is not a year; write a whole number{hint}, e.g. year = 2026").format(
                value=_toml(value), hint=hint
            ),
        )
        return None

    def path_value(self, key: str, value: object) -> str | None:
        if isinstance(value, str) and value.strip():
            return self.resolved((key,), key, value)
        message = (
            _("expected one path, not a list, e.g. {key} = {example}")
            if isinstance(value, list)
            else _("expected a path in quotes, e.g. {key} = {example}")
        )
        self.problem((key,), message.format(key=key, example=_EXAMPLES.get(key, '"…"')))
        return None

    def paths_value(self, key: str, value: object) -> tuple[str, ...] | None:
        example = _EXAMPLES.get(key, '["…"]')
        if not isinstance(value, list):
            self.problem(
                (key,),
                _("expected a list of paths in brackets, e.g. {key} = {example}").format(
                    key=key, example=example
                ),
            )
            return None
        paths = []
        for number, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                self.problem(
                    (key,),
                    _("item {number} is not a path in quotes, e.g. {key} = {example}").format(
                        number=number, key=key, example=example
                    ),
                )
                continue
            paths.append(self.resolved((key,), key, item))
        return tuple(paths)

    def previous(self, value: object, year: int | None) -> tuple[tuple[int, str], ...]:
        """[previous]: one earlier ranking per year, each year once and before `year`."""
        if not isinstance(value, dict):
            self.problem(
                (PREVIOUS,),
                _(
                    "expected a table of years: [previous] on a line of its own, then lines "
                    'such as 2025 = "../2025/results/ranking-2025.csv"'
                ),
            )
            return ()
        pairs: dict[int, str] = {}
        named: dict[int, str] = {}  # each year → the key it was first written as
        for name, path in value.items():
            key = (PREVIOUS, name)
            if name in KEYS or name == PREVIOUS:
                self.problem(
                    key,
                    _(
                        "{name!r} is a setting, not a year: it belongs above [previous] (every "
                        "line after [previous] is one of its years)"
                    ).format(name=name),
                )
                continue
            whole = re.fullmatch(r"[0-9]+", name) is not None
            if isinstance(path, dict) or not whole or not FIRST_YEAR <= int(name) <= LAST_YEAR:
                written = ".".join([name, *path]) if isinstance(path, dict) else name
                message = _("{name!r} is not a year; the keys of [previous] are years such as 2025")
                self.problem(key, message.format(name=written))
                continue
            if not isinstance(path, str) or not path.strip():
                self.problem(
                    key,
                    _("expected the path of an earlier parindex ranking, in quotes"),
                )
                continue
            when = int(name)
            if year is not None and when >= year:
                self.problem(
                    key,
                    _("{when} is not before this year ({year}, the setting year)").format(
                        when=when, year=year
                    ),
                )
                continue
            if when in named:  # 2024 and "02024": two keys to TOML, one year
                first = self.lines.line_of((PREVIOUS, named[when]))
                message = _("given twice (first at line {first}); keep one")
                self.problem(key, message.format(first=first))
                continue
            named[when] = name
            pairs[when] = self.resolved(key, PREVIOUS, path)
        return tuple(sorted(pairs.items()))

    def resolved(self, where: KeyPath, key: str, value: str) -> str:
        """`value` joined to the settings' folder; recorded in `missing` if nothing is there."""
        path = value if os.path.isabs(value) else os.path.normpath(os.path.join(self.base, value))
        if not os.path.exists(path):
            message = _(
                "{value!r} does not exist (paths in {file} are relative to its folder)"
            ).format(value=value, file=FILE_NAME)
        elif key == "criteria" and not os.path.isdir(path):
            message = _(
                "{value!r} is a file; criteria names the folder that holds the frameworks"
            ).format(value=value)
        else:
            return path
        self.missing.setdefault(key, []).append(
            Problem(self.path, message, row=self.lines.line_of(where), table_column=".".join(where))
        )
        return path


_EXAMPLES = {
    "criteria": '"criteria"',
    "roster": '"roster.csv"',
    "id_map": '"id-map.csv"',
    "units": '["forms"]',
    "appraisal": '["council/appraisal-2026.xlsx"]',
    "survey": '["survey/survey-2026.csv"]',
    "responses": '["survey/responses-2026.xlsx"]',
    "replies": '["replies"]',
}


def _toml(value: object) -> str:
    """A value as TOML writes it, for a message: text in quotes, true/false, lists."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return _("a table")
    return str(value)
