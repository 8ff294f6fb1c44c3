"""Output targets the file system refuses, added to the corpus by _make_corpus.py: a located
`error:` line and exit 1, never a traceback, nothing written."""

SH = "../_shared/units --criteria ../_shared/criteria"
TOO_LONG = "a" * 300  # bytes in one file name: more than any file system holds


def add(case):
    case("output-name-too-long", f"rank {SH} -o {TOO_LONG}.csv", {})
    case("output-folder-name-too-long", f"worksheet {SH} -o {TOO_LONG}/w.xlsx", {})
