"""A use case's main output, as the file -o names or as the text for stdout."""

from __future__ import annotations

from parindex.app.outcome import Outcome, OutputFile
from parindex.app.requests import Written
from parindex.outputs.files import csv_bytes


def file_bytes(made: str | bytes, fmt: str, bom: bool) -> bytes:
    """What a file of `fmt` holds: CSV with a BOM unless --no-bom, everything else as made."""
    if isinstance(made, bytes):
        return made
    return csv_bytes(made, bom) if fmt == "csv" else made.encode("utf-8")


def main_output(outcome: Outcome, made: str | bytes, written: Written) -> Outcome:
    """`made` (the command's document in `written.fmt`) into `outcome`: the file -o names, or
    the text for stdout."""
    if written.output is not None:
        outcome.files.append(OutputFile(written.output, file_bytes(made, written.fmt, written.bom)))
    else:
        outcome.stdout = made if isinstance(made, str) else made.decode()
    return outcome
