"""The `parindex` command line: options → one app call → print → exit code.

Each command lives in a small module of this package; `main` imports one only when it is run
(or listed by --help), so `parindex --help` loads neither the scoring stack nor rich tables.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

import click

from parindex import i18n
from parindex.i18n import Lang

# command name → module of this package that defines it
COMMANDS = {
    "score": "unit",
    "gaps": "unit",
    "rank": "ranking",
    "validate": "framework",
    "show": "framework",
    "schema": "framework",
    "template": "framework",
    "survey": "survey",
    "sensitivity": "sensitivity",
    "worksheet": "worksheet",
}


class ParindexGroup(click.Group):
    """Loads each command's module on demand, and maps every ParindexError to its message on
    stderr and its exit code, in one place."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(importlib.import_module(f"{__name__}.{module}"), cmd_name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from parindex.cli.streams import OutputFailed, report
        from parindex.errors import InputError, ParindexError, shown

        try:
            return super().invoke(ctx)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.render(), err=True)
            ctx.exit(exc.exit_code)
        except ParindexError as exc:
            click.echo(shown(f"error: {exc}"), err=True)
            ctx.exit(exc.exit_code)
        except OutputFailed as exc:
            ctx.exit(report(exc))


@click.group(cls=ParindexGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    envvar="PARINDEX_LANG",
    help="Language of table headers and labels.",
)
@click.version_option(package_name="parindex")
@click.pass_context
def main(ctx: click.Context, lang: Lang) -> None:
    """Score and rank the Public Administration Reform Index (Chỉ số CCHC) of a province."""
    i18n.use(lang)
    ctx.obj = {"lang": lang}


def run() -> None:
    """The `parindex` console script (and `python -m parindex`): one command per process.

    On exit the interpreter would walk every object it holds in a last garbage collection,
    a tenth of what `score` costs; frozen objects are left to the operating system instead.
    Outputs are complete and closed by then (written atomically, stdout flushed at exit).
    """
    from parindex.cli import streams

    streams.setup()
    code: Any = 0
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
