"""Running a library query on a store: bind its parameters, write the engine's decisions first when
the query reads them (``needs: derived``), and turn the engines' parse errors into the user's
mistake, located in the user's file."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import date

from segur_kg import limits, sparql_text
from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.namespaces import SPARQL_PREFIXES
from segur_kg.queries.binding import as_of, bind, inject
from segur_kg.queries.library import QueryDef, check_query_text
from segur_kg.stores import SelectResult, Store

# The engines parse and evaluate a query recursively, and not only where brackets nest: a chain of
# 10,000 `!` or of `1+1+…` overflows pyoxigraph's 8 MiB stack (a segfault, no message). A user's
# query runs in a thread whose stack grows with the query's size: at most 2.6 KiB per byte of query
# was measured (nested groups), so 4 KiB per byte covers any query within limits.QUERY_BYTES.
_STACK_BASE = 16 * limits.MIB
_STACK_PER_BYTE = 4 << 10


def _with_stack_for(query: str, where: object, work: Callable[[], object]) -> object:
    """``work()`` in a thread with a stack sized for ``query``; its exception, if any, raised here."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread, raised there
            outcome["error"] = exc

    size = _STACK_BASE + _STACK_PER_BYTE * limits.utf8_size(query)
    previous = threading.stack_size()
    try:
        threading.stack_size(size)
        thread = threading.Thread(target=target, name="segur-kg-query", daemon=True)
        thread.start()
    except (RuntimeError, ValueError):  # no memory for that stack (a process limit, a small machine)
        raise InputError(where, "", msg("queries.no-stack", size=size >> 20)) from None
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def ensure_derived(store: Store, day: date, engine=None) -> None:
    """Write the engine's decisions as of ``day`` into the derived named graph (replacing it); ``engine``
    is the store's engine when the caller keeps one (the notebook API), else one is built."""
    from segur_kg.engine import Engine
    from segur_kg.engine.derive import store_decisions

    if engine is None:
        engine = Engine.from_store(store)  # facts of an rdflib store are read through a pyoxigraph copy
    try:
        store_decisions(store, engine, day)
    except InputError as exc:  # a store that refuses writes (a read-only SPARQL endpoint)
        raise InputError(
            exc.file, exc.place, msg("queries.cannot-write-derived", day=day, reason=exc.message)
        ) from None


def has_derived(store: Store, day: date) -> bool:
    return bool(store.query(f'ASK {{ ?d a sgr:PerimeterDecision ; sgr:asOf "{day.isoformat()}"^^xsd:date }}'))


def refuse_service(sparql: str, where: object) -> None:
    """No query of the command line reaches the network either: SERVICE anywhere is refused, read by
    the endpoint's SPARQL-grammar analysis. Only a text that could spell the keyword (``service``, or a
    ``\\u`` escape) is parsed: the others cannot name it, and parsing costs up to 0.2 s."""
    lowered = sparql.lower()
    if "service" not in lowered and "\\u" not in lowered:
        return
    from segur_kg.server.analysis import Refused, analyse

    try:
        analyse(sparql)
    except Refused as refusal:
        if refusal.status == 403:
            raise InputError(where, "", msg("queries.service-refused")) from None
    except RecursionError:
        raise InputError(where, "", msg("queries.too-complex")) from None


def run(
    store: Store, q: QueryDef, given: dict[str, str] | None = None, derive: bool | None = None, engine=None
) -> SelectResult:
    """Bind the parameters, derive the decisions if the query needs them (or ``derive`` is True),
    and run the query. ``derive=False`` uses the store as it is; ``engine``, the store's engine if the
    caller keeps one, derives them."""
    check_query_text(q.text, q.path)
    bound = bind(q, given or {})
    sparql = inject(q.text, bound, str(q.path))
    refuse_service(sparql, q.path)
    if derive or (derive is None and q.needs_derived):
        ensure_derived(store, as_of(q, bound), engine)
    try:
        result = _with_stack_for(sparql, q.path, lambda: store.query(sparql))
    except InputError:
        raise
    except RecursionError:  # rdflib's parser and algebra are Python, bounded by the recursion limit
        raise InputError(q.path, "", msg("queries.too-complex")) from None
    except Exception as exc:  # the engines' own parse errors: SyntaxError (pyoxigraph), pyparsing's (rdflib)
        if isinstance(exc, (SyntaxError, ValueError, OSError)) or type(exc).__name__ in (
            "ParseException",
            "ParseSyntaxException",
        ):
            detail = _relocate(" ".join(str(exc).split()), q.text, sparql)
            raise InputError(q.path, "", msg("queries.invalid-sparql", detail=detail)) from None
        raise
    if not isinstance(result, SelectResult):
        raise InputError(q.path, "", msg("queries.select-expected"))
    return result


def _relocate(message: str, text: str, sparql: str) -> str:
    """An engine's error message with its line numbers brought back to the user's file: the store
    prepends the prefix declarations and the parameters add one line each after the WHERE brace."""
    prefix_lines = SPARQL_PREFIXES.count("\n")
    brace_line = text[: max(sparql_text.outer_brace(text), 0)].count("\n") + 1
    injected = sparql.count("\n") - text.count("\n")

    def fix(line: int) -> int:
        line -= prefix_lines
        return line - injected if line > brace_line + injected else min(line, brace_line)

    message = re.sub(r"\s*\(at char \d+\),?", "", message)
    message = re.sub(r"error at (\d+):", lambda m: f"error at {fix(int(m[1]))}:", message)
    return re.sub(r"\(line:(\d+),", lambda m: f"(line:{fix(int(m[1]))},", message)


def derived_warning(store: Store, q: QueryDef, given: dict[str, str], derive: bool | None) -> str | None:
    """With ``--no-derive``, a query that reads the decisions finds none as of its date: say so."""
    if derive is not False or not q.needs_derived:
        return None
    day = as_of(q, bind(q, given))
    if has_derived(store, day):
        return None
    return msg("queries.no-derived-decisions", day=day)


__all__ = ["derived_warning", "ensure_derived", "has_derived", "run"]
