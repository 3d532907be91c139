"""The perimeter explorer of ``segur-kg serve``: pages (``/explore``) and their JSON (``/api/``), over the
engine's results, in French and English, without SPARQL. See docs/explorer.md."""

from segur_kg.explorer.routes import explorer_routes

__all__ = ["explorer_routes"]
