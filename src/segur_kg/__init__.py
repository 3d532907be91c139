"""segur-kg: a knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs.

``segur_kg.__version__`` is the installed distribution's version; pyproject.toml is its one source.
"""

from __future__ import annotations

from functools import cache

DISTRIBUTION = "segur-kg"


@cache
def _version() -> str:
    """The version in the installed metadata; in a checkout that is not installed (``src/`` on the
    path), the version pyproject.toml gives."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        import tomllib

        from segur_kg.resources import checkout_dir

        checkout = checkout_dir()
        if checkout is None:
            raise
        with (checkout / "pyproject.toml").open("rb") as stream:
            return tomllib.load(stream)["project"]["version"]


def __getattr__(name: str) -> str:
    # Read on first use: importlib.metadata costs every command's start-up otherwise.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
