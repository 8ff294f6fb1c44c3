"""parindex: score and rank the Public Administration Reform Index (Chỉ số CCHC)."""

from __future__ import annotations

__version__ = "0.1.0"
