"""The pages and JSON answers that ``segur-kg serve`` adds beside the SPARQL protocol: each room of
the server (the explorer, the query page's API, the reference pages) declares its routes here as
:class:`Route` objects, and :mod:`segur_kg.server.http` dispatches to them.

A handler gets a :class:`Request` and returns a ``Reply`` (status, content type, bytes) and, when it
is a page, the headers the page needs (its Content-Security-Policy). Handlers run in the server's
own process, never in the isolated query workers: they read the graph through the engine and the
store, and run no SPARQL text a client sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from segur_kg.server.protocol import Reply


@dataclass(frozen=True, slots=True)
class Request:
    """What a handler may read of a GET request: the path, the query string's parameters (each a list,
    as ``urllib.parse.parse_qs`` gives them), the headers, the language asked for (``?lang=``, else
    ``Accept-Language``, else the server's) and the server (its store, its pool, its caches)."""

    path: str
    params: dict[str, list[str]]
    headers: Any
    lang: str
    server: Any

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.params.get(name)
        return values[-1] if values else default


Handler = Callable[[Request], "Reply | tuple[Reply, dict[str, str]]"]


@dataclass(frozen=True, slots=True)
class Route:
    """``path`` exactly, or every path under it when ``prefix`` (``/api/`` answers ``/api/x/y``)."""

    path: str
    handler: Handler
    prefix: bool = False
    methods: tuple[str, ...] = field(default=("GET", "HEAD"))

    def matches(self, path: str) -> bool:
        return path.startswith(self.path) if self.prefix else path == self.path


def find(routes: list[Route], path: str) -> Route | None:
    """The route of ``path``: an exact route first, else the longest prefix."""
    exact = [route for route in routes if not route.prefix and route.matches(path)]
    if exact:
        return exact[0]
    prefixed = sorted((route for route in routes if route.prefix and route.matches(path)), key=lambda r: -len(r.path))
    return prefixed[0] if prefixed else None


__all__ = ["Handler", "Request", "Route", "find"]
