"""The year's settings on the command line: `--config FILE` and `--no-config`, the file read
before anything is parsed (it may choose the language), and its values folded in as the
defaults of a command's options, each replaced by the option when it is given.

A setting gives its value to the option of the same meaning (`PARAMS`): a command takes the
settings of the options it has, so `rank` takes `units`, `appraisal`, `previous`…, and `score`
takes `criteria` and the tables but not `units`. A listed file that does not exist is an error
for a command that takes it, and a note for `status`, which reports the year as it stands.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import click
from click.core import ParameterSource

from parindex.app.settings import PREVIOUS, Settings, SettingsError, settings_for
from parindex.errors import InputError, ParindexError, Problem, shown
from parindex.i18n import N_, _

# settings key → the option (or argument) it gives a default to
PARAMS = {
    "units": "paths",
    "criteria": "criteria",
    "appraisal": "appraisal",
    "survey": "survey",
    "roster": "roster",
    "allow_absent": "allow_absent",
    "id_map": "id_map",
    "previous": "previous",
    "decision": "decision",
    "dialect": "dialect",
    "replies": "replies",
    "responses": "files",
}
# arguments a command needs: the settings may give them, else click's "Missing argument"
REQUIRED = ("paths", "files")
# commands that report a listed file that is missing instead of stopping at it
REPORTS_MISSING = frozenset({"status"})
# commands that make a year's settings rather than read them (`init` beside or below an
# earlier year's folder takes nothing from it but what --from names)
MAKES_SETTINGS = frozenset({"init"})
META = "parindex.settings"  # where the group leaves the settings (or their error) for commands

CONFIG_HELP = N_("Settings file to use instead of the nearest parindex.toml.")
NO_CONFIG_HELP = N_("Ignore parindex.toml: only the options given count.")


def config_options(command: click.Command) -> None:
    """--config and --no-config on `command` (read from the whole command line before it is
    parsed, wherever they stand); not on a command that makes settings rather than reads
    them."""
    if command.name in MAKES_SETTINGS:
        return
    names = {param.name for param in command.params}
    if "config" not in names:
        command.params.append(
            click.Option(
                ["--config"], metavar=N_("FILE"), expose_value=False, default=None, help=CONFIG_HELP
            )
        )
    if "no_config" not in names:
        command.params.append(
            click.Option(["--no-config"], is_flag=True, expose_value=False, help=NO_CONFIG_HELP)
        )


def chosen(args: Sequence[str]) -> tuple[str | None, bool]:
    """--config FILE (the last one) and whether settings are used at all (--no-config)."""
    config = None
    use = True
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--config" and i + 1 < len(args):
            config = args[i + 1]
        elif arg.startswith("--config="):
            config = arg.partition("=")[2]
        elif arg == "--no-config":
            use = False
    if config is not None and not use:
        raise click.UsageError(_("--config and --no-config: give one"))
    return config, use


def load(ctx: click.Context, args: Sequence[str]) -> str | None:
    """Read the run's settings and keep them for its command (a wrong file is kept as its
    error, raised when a command runs: `--help` still works beside a broken file); the
    language they choose, if any."""
    try:
        config, use = chosen(args)
    except click.UsageError as exc:
        ctx.meta[META] = exc
        return None
    try:
        settings = settings_for(config, use=use)
    except SettingsError as exc:
        ctx.meta[META] = exc
        return exc.lang
    except ParindexError as exc:
        ctx.meta[META] = exc
        return None
    ctx.meta[META] = settings
    return settings.text("lang") if settings is not None else None


def fold(name: str, values: dict[str, object]) -> frozenset[str]:
    """The settings folded into command `name`'s values where no option was given; the keys
    that were (the note naming the file is said first). Raises the settings' own error, and
    InputError for a listed file that is missing (a note for `status`)."""
    ctx = click.get_current_context()
    if name in MAKES_SETTINGS:
        return frozenset()
    stored = ctx.meta.get(META)
    if isinstance(stored, (ParindexError, click.UsageError)):
        raise stored
    applied = set()
    if isinstance(stored, Settings):
        note = _("settings from {path}").format(path=stored.path)
        _say([shown(f"note: {note}")])
        problems: list[Problem] = []
        for key, param in PARAMS.items():
            if param in values and key in stored.values and _unset(ctx, param):
                values[param] = _value(stored, key, name, problems)
                applied.add(key)
        if problems:
            raise InputError(problems)
    given_by = {PARAMS[key] for key in applied}  # (status keeps a setting whose files are gone)
    for param in REQUIRED:
        if param in values and not values[param] and param not in given_by:
            wanted = next(p for p in ctx.command.params if p.name == param)
            raise click.MissingParameter(ctx=ctx, param=wanted)
    return frozenset(applied)


def given(param: str) -> bool:
    """Whether the option `param` of the running command was given on the command line (a
    value from the settings was not)."""
    return not _unset(click.get_current_context(), param)


def _say(lines: Iterable[str]) -> None:
    for line in lines:
        click.echo(line, err=True)


def _unset(ctx: click.Context, param: str) -> bool:
    return ctx.get_parameter_source(param) in (None, ParameterSource.DEFAULT)


def _value(settings: Settings, key: str, command: str, problems: list[Problem]) -> object:
    """The setting as its option holds it; its missing files added to `problems`, or, for a
    command that reports them, said as notes and left out."""
    missing = settings.missing.get(key, [])
    value = settings.values[key]
    if key == PREVIOUS:
        value = tuple(f"{year}={path}" for year, path in settings.previous)
    if not missing:
        return value
    if command not in REPORTS_MISSING:
        problems.extend(missing)
        return value
    _say(
        Problem(p.path, p.message, row=p.row, table_column=p.table_column, severity="note").render()
        for p in missing
    )
    if isinstance(value, tuple):  # the files that are there
        texts = [v for v in value if isinstance(v, str)]
        return tuple(
            v for v in texts if os.path.exists(v.partition("=")[2] if key == PREVIOUS else v)
        )
    return None
