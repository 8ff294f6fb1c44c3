"""What the cli does with an app's `Outcome`, the same for every command: warnings on stderr,
then a new folder made whole (`init`), every file checked and all written or none ("wrote
FILE" for each), then the notes, the views on stdout, the text for stdout, and the exit
code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import click

from parindex.app.outcome import Outcome, OutputFile
from parindex.errors import OutputError, shown
from parindex.i18n import _
from parindex.outputs.files import check_output, write_all, write_folder


def deliver(outcome: Outcome) -> None:
    say(outcome.warnings)
    if outcome.folder is not None:
        folder = outcome.folder
        write_folder(folder.path, folder.folders, [(f.target, f.data) for f in folder.files])
    if outcome.files:
        write_files(outcome.files, outcome.guard)
    say(outcome.notes)
    if outcome.views:
        # The rich views and the models they draw, loaded only when there is something to
        # draw (`schema`, the file writers and every `--help` do without them).
        from parindex.cli.views import draw

        draw(outcome.views)
    if outcome.stdout:
        click.echo(outcome.stdout, nl=False)
    if outcome.exit_code:
        click.get_current_context().exit(outcome.exit_code)


def say(lines: Iterable[str]) -> None:
    """Lines on stderr, as they are (each already safe for a terminal)."""
    for line in lines:
        click.echo(line, err=True)


def write_files(files: Sequence[OutputFile], guard: Sequence[str]) -> None:
    """Check every file (never over an input of `guard`, never over an existing file a file
    refuses to replace), then write all of them or none, then say so."""
    targets = []
    refused = []  # each existing file a file refuses to replace is named, then none is written
    for file in files:
        target = check_output(file.target, guard)
        if file.refuse_existing is not None and target.exists():
            refused.append(file.refuse_existing)
        targets.append((target, file.data))
    if refused:
        error = OutputError(refused[-1])
        error.preceding = tuple(shown(f"error: {message}") for message in refused[:-1])
        raise error
    write_all(targets)
    for file in files:
        click.echo(shown(_("wrote {file}").format(file=file.target)), err=True)
