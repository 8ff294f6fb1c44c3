"""The frameworks and questionnaires shipped with parindex (the repository's `criteria/`):
inside the installed package (`parindex/criteria/`, put there when a wheel is built), or, in
a source checkout installed editable, the checkout's own `criteria/` beside `src/`."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the `parindex` package folder
PACKAGED = PACKAGE / "criteria"  # a wheel's copy (setup.py's build step puts it there)
CHECKOUT = PACKAGE.parents[1] / "criteria"  # src/parindex → the checkout's criteria/


def shipped_criteria(places: tuple[Path, ...] = (PACKAGED, CHECKOUT)) -> str | None:
    """The folder of the shipped frameworks, or None when this installation has none (a
    package built without them); the first of `places` that holds a framework file."""
    for place in places:
        if place.is_dir() and any(place.glob("*.yaml")):
            return str(place)
    return None
