"""The build's one step that pyproject.toml cannot say: the frameworks and questionnaires the
repository ships (`criteria/`, beside `src/`) travel inside the package as `parindex/criteria/`,
so that `parindex init` finds them in an installed wheel as it does in a source checkout
(an editable install reads the checkout's own folder; see `parindex/inputs/shipped.py`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = Path(__file__).parent / "criteria"


class BuildWithCriteria(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not SHIPPED.is_dir():
            return
        target = Path(self.build_lib) / "parindex" / "criteria"
        shutil.rmtree(target, ignore_errors=True)
        for source in sorted(SHIPPED.rglob("*.yaml")):
            copy = target / source.relative_to(SHIPPED)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildWithCriteria})
