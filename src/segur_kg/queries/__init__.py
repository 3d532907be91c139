"""The SPARQL query library (``queries/*.rq``): headers (:mod:`.library`), parameters
(:mod:`.binding`), running (:mod:`.running`) and results (:mod:`.results`)."""

from segur_kg.queries.binding import as_of, bind, inject, parse_assignments
from segur_kg.queries.library import Param, QueryDef, library, listing, parse_header, resolve
from segur_kg.queries.results import (
    display,
    plain,
    print_listing,
    print_table,
    render_listing,
    rows,
    to_csv,
    to_json,
)
from segur_kg.queries.running import derived_warning, ensure_derived, has_derived, run
from segur_kg.resources import queries_dir

__all__ = [
    "Param",
    "QueryDef",
    "as_of",
    "bind",
    "derived_warning",
    "display",
    "ensure_derived",
    "has_derived",
    "inject",
    "library",
    "listing",
    "parse_assignments",
    "parse_header",
    "plain",
    "print_listing",
    "print_table",
    "queries_dir",
    "render_listing",
    "resolve",
    "rows",
    "run",
    "to_csv",
    "to_json",
]
