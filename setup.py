"""The build step that bundles the repository's data folders into the package.

pyproject.toml holds the metadata; this file only adds it. The ontology, shapes, reference data,
query library, demo dossiers and JSON Schema stay at the repository's root, where analysts and
editors look for them; every wheel carries a copy under ``segur_kg/_data/`` in the same layout,
which segur_kg.resources reads. MANIFEST.in puts the same folders into the sdist, so that a wheel
built from the sdist has them too (tests/packaging/ holds the two lists equal).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGE = "segur_kg"
BUNDLE_FOLDER = "_data"  # segur_kg.resources.BUNDLE_FOLDER
BUNDLED_FOLDERS = ("ontology", "shapes", "data/reference", "data/examples", "queries", "schema")
SKIPPED_NAMES = ("__pycache__", ".DS_Store")


def bundled_files() -> list[Path]:
    """The files to bundle, relative to the repository's root: every file of the bundled folders,
    hidden files and caches left out."""
    found = []
    for folder in BUNDLED_FOLDERS:
        source = ROOT / folder
        if not source.is_dir():
            raise SystemExit(f"setup.py: the folder {folder}/ is missing: a wheel without it would not work")
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and not any(p.startswith(".") or p in SKIPPED_NAMES for p in relative.parts):
                found.append(relative)
    return found


class BuildPyWithData(build_py):
    """build_py, then a copy of the bundled folders into the built package. Not in an editable
    install: the package then reads the checkout itself."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            for relative in bundled_files():
                target = self._bundled_target(relative)
                self.mkpath(str(target.parent))
                self.copy_file(str(ROOT / relative), str(target), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if self.editable_mode:
            return outputs
        return [*outputs, *(str(self._bundled_target(relative)) for relative in bundled_files())]

    def _bundled_target(self, relative: Path) -> Path:
        return Path(self.build_lib, PACKAGE, BUNDLE_FOLDER, relative)


setup(cmdclass={"build_py": BuildPyWithData})
