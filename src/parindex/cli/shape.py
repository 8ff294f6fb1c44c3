"""One shape for every command: click's options → one typed request → one app call → deliver.

A command's module declares its options and a small function that turns them into its request
(and refuses, as usage errors, the combinations no single option can see). `command` does the
rest, the same for every command: the shared option groups arrive as one `Sources` and one
`Written`, the request goes to `parindex.app.perform` with the progress bar watching, and what
comes back is delivered.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, cast

import click

from parindex import i18n
from parindex.app import perform
from parindex.app.outcome import Outcome
from parindex.app.requests import Request, Sources, Written
from parindex.cli.commands import COMMANDS
from parindex.cli.common import Stages, resolve_format
from parindex.cli.deliver import deliver, say
from parindex.cli.settings import fold
from parindex.errors import UsageError

if TYPE_CHECKING:
    from parindex.app.requests import Dialect

Body = Callable[..., Request]
ALL_FILES = ("csv", "json", "xlsx")


def command(name: str, *, writes: tuple[str, ...] = ALL_FILES) -> Callable[[Body], click.Command]:
    """The click command `name` (its help from the command list) whose callback builds the
    request with `body` and runs it. `body` takes `sources`, `written` and `lang` when it names
    them; `writes` are the extensions -o accepts (the usage error lists them)."""
    entry = COMMANDS[name]

    def decorate(body: Body) -> click.Command:
        wanted = frozenset(inspect.signature(body).parameters)

        def callback(**values: object) -> None:
            applied = fold(name, values)  # the year's settings, where no option was given
            request = body(**arguments(values, wanted, writes, applied))
            deliver(outcome_of(request))

        functools.update_wrapper(callback, body)  # keeps the options click's decorators added
        return click.command(name, help=entry.help)(callback)

    return decorate


def arguments(
    values: dict[str, object],
    wanted: Collection[str],
    writes: tuple[str, ...],
    applied: Collection[str] = (),
) -> dict[str, object]:
    """click's values as `body` takes them: the shared groups folded into one object each
    (`applied`: the settings that gave values)."""
    if "written" in wanted:
        values["written"] = written_from(values, writes)
    if "sources" in wanted:
        values["sources"] = sources_from(values, applied)
    if "lang" in wanted:
        values["lang"] = i18n.current()
    return values


def sources_from(values: dict[str, object], applied: Collection[str] = ()) -> Sources:
    """PATH... (or UNIT.yaml), --criteria and the tables, as one `Sources`. PATH... given
    while the roster comes from the settings: the paths are `partial`, some of the year's
    units."""
    unit = values.pop("unit", None)
    paths = (unit,) if isinstance(unit, str) else cast("tuple[str, ...]", values.pop("paths"))
    partial = "roster" in applied and "units" not in applied and unit is None
    return Sources(
        paths=paths,
        criteria=cast("str | None", values.pop("criteria", None)),
        appraisal=cast("tuple[str, ...]", values.pop("appraisal", ())),
        survey=cast("tuple[str, ...]", values.pop("survey", ())),
        strict=values.pop("strict", False) is True,
        roster=cast("str | None", values.pop("roster", None)),
        allow_absent=values.pop("allow_absent", False) is True,
        partial=partial,
    )


def written_from(values: dict[str, object], writes: tuple[str, ...]) -> Written:
    """--format, -o, --no-bom and --dialect as one `Written` (usage errors for -o)."""
    output = cast("str | None", values.pop("output"))
    fmt = resolve_format(cast("str | None", values.pop("fmt")), output, writes)
    return Written(
        fmt=fmt,
        output=output,
        bom=values.pop("no_bom", False) is not True,
        dialect=cast("Dialect", values.pop("dialect", "standard")),
    )


def outcome_of(request: Request) -> Outcome:
    """The one app call, with the progress bar watching; the app's usage errors (found once the
    inputs are read) reported as click's own, after what the run said before them."""
    with Stages() as stages:
        try:
            return perform(request, stages.watch)
        except UsageError as exc:
            say(exc.preceding)
            raise click.UsageError(str(exc)) from None
