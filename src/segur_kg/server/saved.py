"""The saved queries of the query page: the ``*.rq`` files of the library as ``/queries`` lists them
(with each parameter's name, datatype, default and documentation), and a saved query bound to the
values a request gives, by the command line's own code (:func:`segur_kg.queries.binding.bind` and
``inject``): the text that runs is the one ``segur-kg query NAME -p k=v`` runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from segur_kg.errors import InputError
from segur_kg.messages import msg

# A .rq file larger than this is left out of the page's list (the server's request body cap).
MAX_SAVED_BYTES = 1_000_000
# Query-string parameters of the page and of the API that are not the query's own.
PAGE_PARAMETERS = ("lang", "name", "run", "query")


class SavedQueryRefused(Exception):
    """A saved query that cannot be bound: its HTTP status and the one line that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class BoundQuery:
    """A saved query with its parameters bound: the text to run, and the date of the engine's decisions
    it reads (``derived_as_of``, None when it reads none)."""

    name: str
    text: str
    derived_as_of: date | None


def _readable(folder: Path) -> list[Any]:
    # Imported here: the worker processes import this package too, and need nothing of the library.
    from segur_kg.queries.library import parse_header, query_files

    found = []
    for path in query_files(folder) if folder.is_dir() else []:
        try:
            if path.stat().st_size > MAX_SAVED_BYTES:
                continue
            found.append(parse_header(path.read_text(encoding="utf-8"), path))
        except (OSError, UnicodeDecodeError, InputError):
            continue
    return found


def saved_queries(folder: Path) -> list[dict[str, Any]]:
    """The ``*.rq`` files of ``folder`` as the page lists them (``/queries``), their headers read by the
    query library; a file that cannot be read, is over :data:`MAX_SAVED_BYTES` or declares a parameter
    wrongly is left out."""
    return [
        {
            "name": query.name,
            "title": {"fr": query.title("fr"), "en": query.title("en")},
            "question": {"fr": query.questions.get("fr", ""), "en": query.questions.get("en", "")},
            "params": [param.declaration() for param in query.params],
            "parameters": [
                {
                    "name": param.name,
                    "datatype": param.datatype,
                    "default": param.default,
                    "optional": param.optional,
                    "doc": {"fr": param.doc_in("fr"), "en": param.doc_in("en")},
                }
                for param in query.params
            ],
            "needs": "derived" if query.needs_derived else "",
            "text": query.text,
        }
        for query in _readable(folder)
    ]


def bind_saved(folder: Path, name: str, params: dict[str, list[str]]) -> BoundQuery:
    """The saved query ``name`` of ``folder`` bound to ``params`` (a query string's, the page's own
    parameters left out), as ``segur-kg query NAME -p k=v`` binds it; an unknown query (404) or a bad
    value (400, naming the parameter and what was expected) raises :class:`SavedQueryRefused`."""
    from segur_kg.queries.binding import as_of, bind, inject

    query = next((q for q in _readable(folder) if q.name == name), None)
    if query is None:
        raise SavedQueryRefused(404, msg("server.unknown-saved-query", name=name))
    given: dict[str, str] = {}
    for key, values in params.items():
        if key in PAGE_PARAMETERS:
            continue
        if len(values) != 1:
            raise SavedQueryRefused(400, msg("server.saved-parameter-twice", name=key))
        given[key] = values[0].strip()
    try:
        bound = bind(query, given)
        text = inject(query.text, bound, query.name)
    except InputError as exc:
        raise SavedQueryRefused(
            400, msg("server.saved-parameter-refused", name=exc.place or query.name, reason=exc.message)
        ) from None
    return BoundQuery(query.name, text, as_of(query, bound) if query.needs_derived else None)


__all__ = ["BoundQuery", "SavedQueryRefused", "bind_saved", "saved_queries"]
