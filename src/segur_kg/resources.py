"""Where segur-kg's own files are: the ontology, the shapes, the reference data, the query library,
the demo dossiers and the web page.

They are read from the project's home: ``$SEGUR_KG_HOME`` if set, else the checkout this package
is installed from (editable install), else the current folder. Every module asks here, so that
packaging them (issue 16) changes this module alone.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

HOME_VARIABLE = "SEGUR_KG_HOME"


def _is_home(path: Path) -> bool:
    return (path / "ontology" / "segur.ttl").is_file() and (path / "data" / "reference").is_dir()


@lru_cache(maxsize=1)
def project_home() -> Path:
    env = os.environ.get(HOME_VARIABLE)
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        if _is_home(parent):
            return parent
    return Path.cwd()


def ontology_path() -> Path:
    return project_home() / "ontology" / "segur.ttl"


def shapes_dir() -> Path:
    return project_home() / "shapes"


def reference_dir() -> Path:
    return project_home() / "data" / "reference"


def examples_dir() -> Path:
    return project_home() / "data" / "examples"


def example_dossiers() -> list[Path]:
    """The bundled valid dossiers (``data/examples/*.yaml``; ``invalid/`` is not part of the bundle)."""
    return sorted(examples_dir().glob("*.yaml"))


def invalid_examples_dir() -> Path:
    return examples_dir() / "invalid"


def queries_dir() -> Path:
    return project_home() / "queries"


def web_dir() -> Traversable:
    """The web page's files, inside the package."""
    return files("segur_kg") / "web"
