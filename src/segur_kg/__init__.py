"""segur-kg: a knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs.

``segur_kg.__version__`` is the installed distribution's version; pyproject.toml is its one source.

In a notebook (docs/notebook-api.md): ``kg = segur_kg.open("dossiers/", demo=True)`` gives a
``KnowledgeGraph``; ``%load_ext segur_kg`` adds the ``%%sparql`` cell magic; ``segur_kg.set_language``
sets the language of messages and table headers. They are imported on first use, so that
``import segur_kg`` stays fast and pandas and IPython stay optional.
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


# The notebook API, by the module that holds each name and its name there.
_LAZY = {
    "open": ("segur_kg.kg", "open_graph"),
    "KnowledgeGraph": ("segur_kg.kg", "KnowledgeGraph"),
    "Table": ("segur_kg.kg.results", "Table"),
    "set_language": ("segur_kg.i18n", "set_language"),
    "load_ipython_extension": ("segur_kg.kg.magic", "load_ipython_extension"),
    "unload_ipython_extension": ("segur_kg.kg.magic", "unload_ipython_extension"),
}


def __getattr__(name: str):
    # Read on first use: importlib.metadata costs every command's start-up otherwise.
    if name == "__version__":
        return _version()
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "__version__", *_LAZY])
