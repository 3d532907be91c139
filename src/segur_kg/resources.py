"""Where segur-kg's own files are: the ontology, the shapes, the reference data, the query library,
the demo dossiers, the dossier JSON Schema and the web page.

The project's home holds them in the repository's layout (``ontology/``, ``shapes/``,
``data/reference/``, ``data/examples/``, ``queries/``, ``schema/``). It is ``$SEGUR_KG_HOME`` if
set (an override), else the copy bundled in the installed package (``segur_kg/_data``, written by
setup.py's build step into every wheel), else the checkout the package is imported from (an
editable install, ``make test``). Every module asks here; nothing else computes these paths.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

HOME_VARIABLE = "SEGUR_KG_HOME"
# The folder of the package that holds the bundled files in a wheel (setup.py's BUNDLE_FOLDER writes it).
BUNDLE_FOLDER = "_data"


def _is_home(path: Path) -> bool:
    return (path / "ontology" / "segur.ttl").is_file() and (path / "data" / "reference").is_dir()


def bundled_home() -> Path | None:
    """The files bundled in the installed package, or None (a checkout, or a package that is not on
    the file system: a zip import has no paths to give)."""
    bundle = files("segur_kg") / BUNDLE_FOLDER
    return bundle if isinstance(bundle, Path) and _is_home(bundle) else None


def checkout_dir() -> Path | None:
    """The source checkout this package is imported from (an editable install, or ``src/`` on the
    path), or None for an installed wheel. For the developer tools that read the checkout's other
    folders (``docs/``, ``tests/``, ``src/``), which no wheel carries."""
    package = Path(__file__).resolve().parent
    for parent in package.parents:
        if _is_home(parent) and (parent / "pyproject.toml").is_file():
            return parent
    return None


def source_checkout() -> Path:
    """The checkout for developer tools that write into it (the rule index, the JSON Schema), or a
    SystemExit saying they run in a checkout: an installed wheel has none."""
    home = checkout_dir()
    if home is None:
        raise SystemExit("this tool writes into the segur-kg source checkout: run it from one (pip install -e .)")
    return home


@lru_cache(maxsize=1)
def project_home() -> Path:
    env = os.environ.get(HOME_VARIABLE)
    if env:
        return Path(env)
    home = bundled_home() or checkout_dir()
    # Neither: an incomplete installation. The bundle's path makes the first file missing name it.
    return home if home is not None else Path(str(files("segur_kg"))) / BUNDLE_FOLDER


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


def schema_dir() -> Path:
    """The dossier format's JSON Schema (``schema/dossier.schema.json``)."""
    return project_home() / "schema"


def pages_dir() -> Path:
    """The reference pages generated at build time (the ontology documented, ``html/ontology.fr.html``):
    in a wheel only; a checkout has none and generates them (segur_kg.doc_pages.bundle)."""
    return project_home() / "html"


def web_dir() -> Traversable:
    """The web page's files, inside the package."""
    return files("segur_kg") / "web"
