"""How many processes a run may use, and workers that end with the process that started them.

`PARINDEX_JOBS` asks for a number of processes; a run never starts more than the machine's
cores or its chunks of work (10,000 asked with 260 units once started about 5,000). A value
that is no whole number of 1 or more is named once in a warning and the default is used.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from parindex.i18n import _

VARIABLE = "PARINDEX_JOBS"
MOST = 1_000_000  # a larger value is a slip of the keyboard, not a number of processes


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def requested() -> tuple[int | None, str]:
    """PARINDEX_JOBS as a whole number of 1 or more (None when unset or unusable), and the
    warning for a value that is set but unusable ("" otherwise)."""
    text = os.environ.get(VARIABLE, "")
    if not text.strip():
        return None, ""
    wanted = text.strip()
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= MOST:
        return int(wanted), ""
    return None, _(
        "{value!r} is not a number of processes: give a whole number from 1 to {most} (at "
        "most the cores are used); running with the default, every core for a large run"
    ).format(value=text if len(text) <= 40 else text[:40] + "…", most=f"{MOST:,}")


def processes(tasks: int, *, parallel: bool) -> int:
    """Processes for `tasks` pieces of work: PARINDEX_JOBS when set, else every core when
    the work is `parallel` (large enough to pay); never more than the cores or the pieces."""
    wanted, _warning = requested()
    if wanted is None:
        wanted = cores() if parallel else 1
    return max(1, min(wanted, cores(), tasks))


def die_with_parent(parent: int) -> None:
    """Make this (worker) process end when `parent` does, even when it is killed outright:
    Linux's parent-death signal, else a thread that watches the parent."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the signal was asked for
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
