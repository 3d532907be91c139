"""The reference pages of ``segur-kg serve``: ``/ontology``, the ontology documented, and ``/rules``,
the rule index (segur_kg.doc_pages), in French or English (``?lang=en``; French by default).

The ontology page is the wheel's copy, written at build time, or, in a source checkout, generated on
the first request; both pages are kept for the server's life once made. They load nothing but the
server's own style sheets, and run no script: their policy allows nothing else.
"""

from __future__ import annotations

from functools import cache

from segur_kg.server.protocol import Reply
from segur_kg.server.routes import Request, Route

HTML = "text/html; charset=utf-8"
REFERENCE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'",
    "Vary": "Accept-Language",
}


@cache
def ontology_pages() -> dict[str, bytes]:
    """Language -> the ontology page: the bundled file when there is one, else generated."""
    from segur_kg.doc_pages.bundle import ontology_pages as generate
    from segur_kg.doc_pages.bundle import page_name
    from segur_kg.doc_pages.ontology import LANGUAGES
    from segur_kg.resources import ontology_path, pages_dir, shapes_dir

    bundled = {lang: pages_dir() / page_name(lang) for lang in LANGUAGES}
    if all(path.is_file() for path in bundled.values()):
        return {lang: path.read_bytes() for lang, path in bundled.items()}
    generated = generate(ontology_path(), shapes_dir())
    return {lang: generated[page_name(lang)].encode("utf-8") for lang in LANGUAGES}


@cache
def rules_pages() -> dict[str, bytes]:
    """Language -> the rule index page (the engine's marks and, in a checkout, the tests are read once)."""
    from segur_kg.doc_pages.rules import rules_pages as generate

    return {lang: page.encode("utf-8") for lang, page in generate().items()}


def _page(pages: dict[str, bytes], request: Request) -> tuple[Reply, dict[str, str]]:
    return (200, HTML, pages[request.lang]), REFERENCE_HEADERS


def reference_routes() -> list[Route]:
    return [
        Route("/ontology", lambda request: _page(ontology_pages(), request)),
        Route("/rules", lambda request: _page(rules_pages(), request)),
    ]


__all__ = ["REFERENCE_HEADERS", "reference_routes"]
