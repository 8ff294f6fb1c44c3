"""The `parindex` command line: options → one typed request → one app call → deliver.

Each command lives in a small module of this package (`cli/shape.py` gives every one the same
shape); the group below imports only the module of the command that runs. `parindex --help`
is written from the command list (`cli/commands.py`) and imports no command module, so it
loads neither the scoring stack nor rich's tables.
"""

from __future__ import annotations

import gc
import gettext
import importlib
import os
import sys
from collections.abc import Sequence

import click

from parindex import __version__, i18n
from parindex.cli import settings, streams
from parindex.cli.commands import COMMANDS
from parindex.cli.streams import OutputFailed
from parindex.errors import InputError, ParindexError, shown
from parindex.i18n import Lang, _

LANG_HELP = i18n.N_("Language of everything printed: vi (default) or en.")


class ParindexGroup(click.Group):
    """Lists the commands from the command list, loads each command's module on demand, and
    maps every ParindexError to its message on stderr and its exit code, in one place."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their one-line help, from the command list alone."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=_(entry.help)).get_short_help_str(limit))
            for name, entry in COMMANDS.items()
        ]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # The language is known before anything is parsed, so that click's own words (usage
        # errors, --help) are in it too, whether --lang comes before or after the command;
        # the year's settings, which may choose it, are read first.
        i18n.use(language_of(args))
        lang = language_of(args, settings.load(ctx, args))
        if lang != i18n.current():  # read again: what they say, in their language
            i18n.use(lang)
            settings.load(ctx, args)
        translate_help(self)
        try:  # --help and --version print here, before any command is invoked
            return super().parse_args(ctx, args)
        except OutputFailed as exc:
            ctx.exit(reported(exc))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        command = getattr(importlib.import_module(f"{__name__}.{entry.module}"), cmd_name)
        assert isinstance(command, click.Command)
        if not any(param.name == "lang" for param in command.params):
            command.params.append(_lang_after_command())
        settings.config_options(command)
        translate_help(command)
        return command

    def invoke(self, ctx: click.Context) -> None:
        try:
            super().invoke(ctx)
        except ParindexError as exc:
            ctx.exit(reported(exc))


def reported(exc: ParindexError) -> int:
    """The group's handler: `exc` said on stderr (after the lines the run said before it);
    the exit code."""
    for line in exc.preceding:
        click.echo(line, err=True)
    if isinstance(exc, OutputFailed):
        return streams.report(exc)
    if isinstance(exc, InputError):
        for problem in exc.problems:
            click.echo(problem.render(), err=True)
    else:
        click.echo(shown(f"error: {exc}"), err=True)  # the token stays: tools look for it
    return exc.exit_code


def language_of(args: Sequence[str], configured: str | None = None) -> Lang:
    """The run's language: the last `--lang` anywhere on the command line, else PARINDEX_LANG,
    else `configured` (the settings' `lang`), else vi (a value click would refuse is left for
    click to report)."""
    given = ""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            given = args[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    for chosen in (given, os.environ.get("PARINDEX_LANG", ""), configured or ""):
        for lang in i18n.LANGUAGES:
            if chosen == lang:
                return lang
    return i18n.DEFAULT


def _lang_after_command() -> click.Option:
    """`--lang` accepted after the command too (`language_of` has already applied it)."""
    return click.Option(
        ["--lang"],
        type=click.Choice(list(i18n.LANGUAGES)),
        default=None,
        expose_value=False,
        help=LANG_HELP,
    )


def translate_help(command: click.Command) -> None:
    """The help of `command` and its options in the run's language, click's own words of the
    usage line included. click reads them when it formats; the English source is kept so that
    every run translates from it."""
    if hasattr(command, "_help_option"):  # click ≥ 8.2 keeps --help's option, words included
        command._help_option = None
    command.options_metavar = _("[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    for part in (command, *command.params):
        source = part.__dict__.setdefault("_help_source", getattr(part, "help", None))
        if source:
            setattr(part, "help", _(source))  # noqa: B010 - Argument declares no `help`
        shown = part.__dict__.setdefault("_metavar_source", getattr(part, "metavar", None))
        if shown:  # FILE, DIR, PATH... as the help and click's messages name them
            setattr(part, "metavar", _(shown))  # noqa: B010 - a Command declares no `metavar`


@click.group(
    cls=ParindexGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=i18n.N_(
        "Score and rank the Public Administration Reform Index (Chỉ số CCHC) of a province."
    ),
)
@click.option(
    "--lang",
    type=click.Choice(list(i18n.LANGUAGES)),
    default=i18n.DEFAULT,
    show_default=True,
    envvar="PARINDEX_LANG",
    help=LANG_HELP,
)
@click.option(
    "--config", metavar=i18n.N_("FILE"), expose_value=False, default=None, help=settings.CONFIG_HELP
)
@click.option("--no-config", is_flag=True, expose_value=False, help=settings.NO_CONFIG_HELP)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help=i18n.N_("Show the version and exit."),
)
@click.pass_context
def main(ctx: click.Context, lang: Lang) -> None:
    # `lang` is only what came before the command; `language_of` saw the whole line.
    ctx.obj = {"lang": i18n.current()}


def _print_version(ctx: click.Context) -> None:
    """`--version` in the run's language (click's own option words its message at import)."""
    message = _("%(prog)s, version %(version)s")
    click.echo(message % {"prog": ctx.find_root().info_name, "version": __version__})
    ctx.exit()


def _speak_through_catalog() -> None:
    """click's own words ("Usage:", "Options:", "Missing argument", …) come from gettext's
    default domain; they are looked up in parindex's catalog instead, in the run's language
    (their Vietnamese is in the catalog, marked in `click_texts`)."""
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = i18n._  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


_speak_through_catalog()


GC_YOUNG = 10_000  # allocations between passes of the garbage collector (Python's default: 700)


def run() -> None:
    """The `parindex` console script (and `python -m parindex`): one command per process.

    A run builds millions of small dicts, lists and tuples that live until it ends and hold
    no cycles; the collector's default pace (a young-generation pass every 700 allocations)
    walked them over and over, a tenth of `rank`'s time. Passes come every 10,000 instead,
    after what the imports built is frozen out of them. On exit the interpreter would walk
    every object it holds in a last collection, a tenth of what `score` costs; frozen objects
    are left to the operating system instead. Outputs are complete and closed by then
    (written atomically, stdout flushed at exit).
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    streams.setup()
    code: int | str | None = 0
    try:
        main(prog_name="parindex")
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # outside a command (Ctrl-C while click starts): no traceback
        code = 130
    finally:
        gc.freeze()
    failed = streams.finish()
    sys.exit(code if failed is None or code not in (0, None) else failed)
