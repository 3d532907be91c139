"""The SPARQL query library (``queries/*.rq``): headers, parameters, running, and results."""

from segur_kg.queries.library import (
    Param, QueryDef, as_of, bind, derived_warning, display, ensure_derived, has_derived, inject, library, listing,
    parse_assignments, parse_header, plain, print_listing, print_table, queries_dir, render_listing, resolve, rows, run,
    to_csv, to_json,
)

__all__ = ["Param", "QueryDef", "as_of", "bind", "derived_warning", "display", "ensure_derived", "has_derived", "inject",
           "library", "listing", "parse_assignments", "parse_header", "plain", "print_listing", "print_table",
           "queries_dir", "render_listing", "resolve", "rows", "run", "to_csv", "to_json"]
