"""The guide's pictures can be made again: docs/make_images.py prints Sở Nội vụ's form and
Sở Xây dựng's notice through LibreOffice, as the pictures in docs/images were made."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "docs" / "make_images.py"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftoppm) is not installed",
)
def test_the_guide_s_pictures_are_made_from_the_example(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_images", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.make_images(tmp_path)
    assert [p.name for p in made] == ["phieu-tu-danh-gia.png", "thong-bao-ket-qua.png"]
    for path in made:
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 20_000  # a page drawn, not an empty one
        assert (REPO / "docs" / "images" / path.name).is_file()  # the guide shows it
