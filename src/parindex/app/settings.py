"""The year's settings (`parindex.toml`) as the cli takes them: the file a run uses, read and
checked. The cli asks before it parses anything (the settings may choose the language)."""

from __future__ import annotations

from parindex.inputs.settings import KEYS as KEYS
from parindex.inputs.settings import PREVIOUS as PREVIOUS
from parindex.inputs.settings import Settings as Settings
from parindex.inputs.settings import SettingsError as SettingsError
from parindex.inputs.settings import find_settings, read_settings, shown_path


def settings_for(config: str | None, *, use: bool = True) -> Settings | None:
    """The settings of a run: the file `config` (--config) when given, else the nearest
    `parindex.toml` in the working directory or above it; None under --no-config (`use`
    false) or when there is none. InputError when the file is wrong."""
    if not use:
        return None
    if config is not None:
        return read_settings(config)
    found = find_settings()
    return read_settings(shown_path(found)) if found is not None else None
