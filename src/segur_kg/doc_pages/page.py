"""The frame every reference page shares: the HTML document, its navigation, its style sheets (served
by the server from ``segur_kg/web``). No script and no inline style: the pages' policy allows style
sheets from the server only."""

from __future__ import annotations

from html import escape

from segur_kg.messages import text

STYLE_SHEETS = ("/static/style.css", "/static/reference.css")
PAGES = (("/", "reference.nav.query"), ("/ontology", "reference.nav.ontology"), ("/rules", "reference.nav.rules"))


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def localised(path: str, lang: str, fragment: str = "") -> str:
    """A link to one of the server's pages in ``lang``, said explicitly (``?lang=fr``): the server's own
    default language (``serve --lang``) or the browser's would otherwise decide."""
    return f"{path}?lang={lang}" + (f"#{fragment}" if fragment else "")


def document(lang: str, title: str, here: str, body: str) -> str:
    """The whole page: ``here`` is its own path (its navigation entry is marked, its language switch
    points to itself in the other language)."""
    other = "en" if lang == "fr" else "fr"
    links = []
    for path, key in PAGES:
        current = ' aria-current="page"' if path == here else ""
        links.append(f'<a href="{esc(localised(path, lang))}"{current}>{esc(text(key, lang))}</a>')
    switch = f'<a href="{esc(localised(here, other))}" hreflang="{other}" lang="{other}">'
    switch += f"{esc(text('reference.nav.other-language', lang))}</a>"
    sheets = "".join(f'<link rel="stylesheet" href="{sheet}">\n' for sheet in STYLE_SHEETS)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(title)}</title>\n<link rel="icon" href="data:,">\n{sheets}</head>\n<body class="reference">\n'
        f'<header><h1><span class="brand">segur-kg</span> · {esc(title)}</h1>\n'
        f'<nav>{" ".join(links)} <span class="switch">{switch}</span></nav></header>\n'
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
