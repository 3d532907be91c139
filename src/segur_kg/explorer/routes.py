"""The explorer's routes: each view is one function that builds its dict from the request
(:mod:`segur_kg.explorer.views`), answered as JSON under ``/api/`` and rendered as a page under
``/explore`` (:mod:`segur_kg.explorer.pages`). A user's mistake is one line: 400 naming the parameter
and what was expected, 404 naming the identifier. docs/explorer.md lists the routes and fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlencode

from segur_kg.explorer import pages
from segur_kg.explorer.views import STATUSES, NotFound, explorer_of
from segur_kg.ingest.tables import parse_date
from segur_kg.messages import msg
from segur_kg.server.protocol import Reply
from segur_kg.server.routes import Request, Route

JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
# The pages run no script and load only this server's style sheet; their forms send only here.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'",
}
MAX_SEARCH_LENGTH = 200


class Refusal(Exception):
    """A request the explorer cannot answer: its HTTP status and the one line that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def as_of(request: Request) -> date:
    """``?as_of=YYYY-MM-DD``; today when absent, as the CLI without ``--as-of``."""
    text = (request.param("as_of") or "").strip()
    if not text:
        return date.today()

    def refuse(_message: str) -> Refusal:
        return Refusal(400, msg("explorer.bad-date", parameter="as_of", value=text))

    return parse_date(text, refuse)


def choice(request: Request, name: str, allowed: list[str] | tuple[str, ...]) -> str:
    value = (request.param(name) or "").strip()
    if value and value not in allowed:
        raise Refusal(400, msg("explorer.bad-choice", parameter=name, value=value, expected=", ".join(allowed)))
    return value


def identifier(request: Request, prefix: str) -> str:
    ident = unquote(request.path[len(prefix) :]).strip()
    if not ident:
        raise Refusal(404, msg("explorer.unknown-page", path=request.path))
    return ident


# ---- the views: the request's parameters, then the dict


def overview_view(request: Request) -> dict:
    return explorer_of(request.server).overview(as_of(request))


def candidatures_view(request: Request) -> dict:
    explorer = explorer_of(request.server)
    dispositifs = sorted(d.ident for d in explorer.engine.f.dispositifs.values())
    couloirs = sorted({d.couloir for d in explorer.engine.f.dispositifs.values()})
    return explorer.candidatures(
        as_of(request),
        status=choice(request, "status", STATUSES),
        dispositif=choice(request, "dispositif", dispositifs),
        couloir=choice(request, "couloir", couloirs),
    )


def candidature_view(request: Request, prefix: str) -> dict:
    day = as_of(request)
    return explorer_of(request.server).candidature(identifier(request, prefix), day)


def nru_view(request: Request, prefix: str) -> dict:
    day = as_of(request)
    return explorer_of(request.server).nru(identifier(request, prefix), day)


def search_view(request: Request) -> dict:
    text = request.param("q") or ""
    if len(text) > MAX_SEARCH_LENGTH:
        raise Refusal(400, msg("explorer.query-too-long", limit=MAX_SEARCH_LENGTH, length=len(text)))
    return explorer_of(request.server).search(text)


@dataclass(frozen=True)
class View:
    """A view under its two paths: ``/api/<name>`` (JSON) and ``/explore<page>`` (HTML)."""

    api: str
    page: str
    build: Callable[..., dict]
    render: Callable[[pages.Frame, dict], bytes]
    prefix: bool = False


VIEWS = (
    View("/api/overview", "/explore", overview_view, pages.national),
    View("/api/candidatures", "/explore/candidatures", candidatures_view, pages.candidatures),
    View("/api/candidature/", "/explore/candidature/", candidature_view, pages.candidature, prefix=True),
    View("/api/nru/", "/explore/nru/", nru_view, pages.nru, prefix=True),
    View("/api/search", "/explore/search", search_view, pages.search),
)


def _built(view: View, request: Request, prefix: str) -> dict:
    try:
        return view.build(request, prefix) if view.prefix else view.build(request)
    except NotFound as error:
        raise Refusal(404, str(error)) from None


def _json(status: int, data: object) -> Reply:
    return status, JSON, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def api_handler(view: View) -> Callable[[Request], Reply]:
    def handle(request: Request) -> Reply:
        try:
            return _json(200, _built(view, request, view.api))
        except Refusal as refusal:
            return _json(refusal.status, {"error": refusal.message})

    return handle


def page_handler(view: View) -> Callable[[Request], tuple[Reply, dict[str, str]]]:
    def handle(request: Request) -> tuple[Reply, dict[str, str]]:
        params = {name: values[-1] for name, values in request.params.items() if values}
        rest = request.path[len(view.page) :] if view.prefix else ""
        query = urlencode({name: value for name, value in params.items() if name != "lang"})
        json_url = view.api + rest + (f"?{query}" if query else "")
        frame = pages.Frame(request.path, params, request.lang, "lang" in params, json_url)
        try:
            body = view.render(frame, _built(view, request, view.page))
            return (200, HTML, body), PAGE_HEADERS
        except Refusal as refusal:
            return (refusal.status, HTML, pages.refusal(frame, refusal.status, refusal.message)), PAGE_HEADERS

    return handle


def explorer_routes() -> list[Route]:
    """The explorer's routes, for ``segur_kg.server.http.extra_routes``."""
    routes = []
    for view in VIEWS:
        routes.append(Route(view.api, api_handler(view), prefix=view.prefix))
        routes.append(Route(view.page, page_handler(view), prefix=view.prefix))
    return routes


__all__ = ["PAGE_HEADERS", "VIEWS", "explorer_routes"]
