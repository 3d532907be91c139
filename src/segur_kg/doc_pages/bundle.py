"""The ontology page as a file: setup.py's build step writes it, in both languages, into every wheel
(``segur_kg/_data/html/``); the server reads that copy, or generates the page from the same
function in a source checkout (or under ``$SEGUR_KG_HOME``), where no copy exists."""

from __future__ import annotations

from pathlib import Path

from segur_kg.doc_pages.ontology import LANGUAGES, read, render

# The folder of the project's home that holds the generated pages (segur_kg.resources.pages_dir).
PAGES_FOLDER = "html"


def page_name(lang: str) -> str:
    return f"ontology.{lang}.html"


def ontology_pages(ontology: Path, shapes_dir: Path) -> dict[str, str]:
    """File name -> the ontology page, in each language."""
    doc = read(ontology, shapes_dir)
    return {page_name(lang): render(doc, lang) for lang in LANGUAGES}


def write_pages(target: Path, ontology: Path, shapes_dir: Path) -> list[Path]:
    """Write the pages into ``target`` (the build step); returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in ontology_pages(ontology, shapes_dir).items():
        (target / name).write_text(page, encoding="utf-8")
        written.append(target / name)
    return written
