"""The ``segur-kg`` command line: each command parses its options and delegates to the package.

A user's mistake ends the command with one line on stderr (file, place, what was expected) and exit
code 2, and nothing is written.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from segur_kg.errors import InputError
from segur_kg.i18n import set_language
from segur_kg.messages import msg

app = typer.Typer(
    name="segur-kg",
    help="Knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Tables are wider than 80 columns: outside a terminal (pipes, CI logs) give them room.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)


class Lang(str, Enum):
    fr = "fr"
    en = "en"


class RdfFormat(str, Enum):
    turtle = "turtle"
    nt = "nt"
    jsonld = "jsonld"
    trig = "trig"
    nquads = "nquads"


class TextFormat(str, Enum):
    text = "text"
    json = "json"


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    turtle = "turtle"
    sarif = "sarif"


# The options several commands share, declared once.
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of messages: fr (default) or en.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store: 'memory' (default, pyoxigraph), 'rdflib', a folder for a persistent pyoxigraph store, "
        "or sparql+http://HOST:PORT/PATH for an external SPARQL 1.1 server.",
    ),
]
FilesArgument = Annotated[list[Path] | None, typer.Argument(help="Dossiers (.yaml) or RDF files (.ttl, .nt, .jsonld).")]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="Compute as of this date (YYYY-MM-DD); default today.")]
TextFormatOption = Annotated[TextFormat, typer.Option("--format", help="text (default) or json.")]
CandidatureArgument = Annotated[str, typer.Argument(help="The candidature: its identifier or IRI.")]


def user_errors(func: Callable) -> Callable:
    """Run a command; a user's mistake becomes one stderr line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang")
        set_language(lang.value if isinstance(lang, Lang) else "fr")
        from segur_kg.engine import EngineError

        try:
            return func(*args, **kwargs)
        except (InputError, EngineError) as exc:
            print(f"{msg('cli.error')}: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper


def _write_or_print(data: bytes, output: Path | None) -> None:
    from segur_kg.writers import atomic_write

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)


def _print_json(data: object, output: Path | None = None) -> None:
    _write_or_print((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), output)


def _show(format: TextFormat, data, printer: Callable[..., None], *context) -> None:
    """``data`` as JSON with ``--format json``, else printed for the terminal: ``printer(out, data, *context)``."""
    if format is TextFormat.json:
        _print_json(data.as_json() if hasattr(data, "as_json") else data)
    else:
        printer(out, data, *context)


def _as_of(text: str | None):
    from datetime import date

    from segur_kg.ingest.tables import parse_date

    if text is None:
        return date.today()
    return parse_date(text, lambda message: InputError("--as-of", "", message))


def _one_of(where: str, message_id: str, *options: object) -> None:
    """Exactly one of ``options`` is given, or a user error."""
    if sum(option is not None for option in options) != 1:
        raise InputError(where, "", msg(message_id))


def _loaded(files, store):
    from segur_kg.ingest.loader import load

    return load(files or [], store=store)


def _engine(files, store):
    from segur_kg.engine import Engine

    return Engine.from_store(_loaded(files, store).store)


@app.command("import")
@user_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="Dossiers (.yaml) and RDF files to import.")],
    output: OutputOption = None,
    store: Annotated[str | None, typer.Option("--store", help="Also load into this persistent store folder.")] = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Import dossiers (YAML) and RDF files: check them and write their graph as Turtle."""
    from segur_kg.ingest.loader import import_graph, load

    imported = import_graph(files)
    if store is not None:
        load(files, store=store).store.flush()
    if output is not None or store is None:
        _write_or_print(imported.graph.serialize(format="turtle", encoding="utf-8"), output)
    err.print(
        msg(
            "cli.imported",
            dossiers=len(imported.dossiers),
            rdf_files=len(imported.rdf_files),
            triples=len(imported.graph),
        )
    )


@app.command()
@user_errors
def info(
    files: FilesArgument = None,
    store: StoreOption = None,
    format: TextFormatOption = TextFormat.text,
    lang: LangOption = Lang.fr,
) -> None:
    """What the graph holds: triples, instances per class, dispositifs and REMs."""
    from segur_kg.queries.inventory import inventory, print_inventory

    _show(format, inventory(_loaded(files, store).store, lang.value), print_inventory)


@app.command()
@user_errors
def export(
    files: FilesArgument = None,
    format: Annotated[
        RdfFormat, typer.Option("--format", help="turtle, nt, jsonld, trig or nquads.")
    ] = RdfFormat.turtle,
    output: OutputOption = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """The whole graph (ontology, reference data, bundled examples and FILES) in one RDF format."""
    _write_or_print(_loaded(files, store).store.serialize(format.value), output)


@app.command("import-rem")
@user_errors
def import_rem(
    file: Annotated[Path, typer.Argument(help="REM table (.csv or .xlsx), Convergence or ANS draft layout.")],
    output: OutputOption = None,
    rem: Annotated[
        str | None,
        typer.Option("--rem", help="REM code (Convergence: default the file name; ANS drafts: import only this REM)."),
    ] = None,
    device_type: Annotated[
        str | None,
        typer.Option("--device-type", help="Device type of the REM's profiles (required for the Convergence layout)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Any defect: exit 2 and write nothing.")] = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Import a REM table into RDF (Turtle); each defect and a summary go to stderr."""
    from segur_kg.ingest.rem import read_rem, summarise
    from segur_kg.ingest.rem.wording import rem_text

    result = read_rem(file, rem=rem, device_type=device_type, lang=lang.value)
    for line in summarise(result, str(file), lang.value):
        print(line, file=sys.stderr)
    if strict and result.defects:
        print(rem_text("strict", lang.value, defects=len(result.defects)), file=sys.stderr)
        raise typer.Exit(2)
    try:
        _write_or_print(result.graph.serialize(format="turtle", encoding="utf-8"), output)
    except OSError as exc:
        error = exc.strerror or exc
        raise InputError(output or "-", "", rem_text("write_error", lang.value, error=error)) from None
    if output is not None:
        print(rem_text("written", lang.value, file=output, triples=len(result.graph)), file=sys.stderr)


@app.command()
@user_errors
def perimeter(
    candidature: CandidatureArgument,
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table (default), json or csv.")] = TableFormat.table,
    output: OutputOption = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Which proofs the candidature deposits, which are exempt, and why (rule, NRU chain, origin)."""
    from segur_kg.engine import explain

    day = _as_of(as_of)
    engine = _engine(files, store)
    result = engine.perimeter(engine.resolve(candidature), day)
    if format is TableFormat.json:
        _print_json(result.as_json(), output)
    elif format is TableFormat.csv:
        _write_or_print(explain.perimeter_csv(result).encode(), output)
    else:
        explain.print_perimeter(out, result)


@app.command()
@user_errors
def chain(
    target: Annotated[str, typer.Argument(help="A candidature or an NRU (identifier or IRI).")],
    files: FilesArgument = None,
    dependents: Annotated[
        bool, typer.Option("--dependents", help="Who relies on it, directly or transitively.")
    ] = False,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """The chain of roots of a candidature (TRANS-2), or the candidatures that depend on an NRU."""
    from segur_kg.engine import explain, reports

    day = _as_of(as_of)
    engine = _engine(files, store)
    report = reports.chain_report(engine, engine.resolve(target, ("candidature", "nru")), day, dependents)
    _show(format, report, explain.print_chain)


@app.command()
@user_errors
def risks(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    within: Annotated[int, typer.Option("--within", help="Days before Date 2 that count as near.")] = 30,
    format: TextFormatOption = TextFormat.text,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Candidatures whose root is not referenced while their Date 2 is near or past (ROOT-2, ROOT-3)."""
    from segur_kg.engine import explain, reports

    day = _as_of(as_of)
    found = reports.risks(_engine(files, store), day, within)
    _show(format, found, explain.print_risks, day, within)


@app.command()
@user_errors
def overview(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Every candidature's status and perimeter summary, dossier by dossier."""
    from segur_kg.engine import Engine, explain, reports

    day = _as_of(as_of)
    loaded = _loaded(files, store)
    rows = reports.overview(Engine.from_store(loaded.store), loaded.store, day)
    _show(format, rows, explain.print_overview, day)


@app.command()
@user_errors
def whatif(
    candidature: CandidatureArgument,
    files: FilesArgument = None,
    add_profile: Annotated[str | None, typer.Option("--add-profile", help="Add this profile (code).")] = None,
    add_component: Annotated[
        str | None, typer.Option("--add-component", help="Declare this additional component.")
    ] = None,
    root: Annotated[str | None, typer.Option("--root", help="Record this root NRU.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date of the change (default: the --as-of date).")] = None,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """The perimeter before and after a proposed change (MOD-1), or why a rule refuses it (DATE-3, COU-1...)."""
    from segur_kg.engine import explain
    from segur_kg.engine.impact import whatif as run_whatif

    _one_of("whatif", "cli.whatif.one-change", add_profile, add_component, root)
    day = _as_of(as_of)
    engine = _engine(files, store)
    change = {"add_profile": add_profile, "add_component": add_component, "root": root}
    result = run_whatif(engine, engine.resolve(candidature), day, **change, on=_as_of(on) if on else None)
    _show(format, result, explain.print_whatif)


@app.command()
@user_errors
def impact(
    files: FilesArgument = None,
    nru: Annotated[str | None, typer.Option("--nru", help="A referencing that would be withdrawn.")] = None,
    component: Annotated[str | None, typer.Option("--component", help="A component that would be modified.")] = None,
    commercial_name: Annotated[
        str | None, typer.Option("--commercial-name", help="A commercial name that would change.")
    ] = None,
    change: Annotated[
        str | None,
        typer.Option(
            "--change",
            help="Kind of component change: modify-lps, modify-proxy, modify-component, migration, "
            "internalisation, provider-change, proxy-leaves-monobloc.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """What returns to which guichet, or which candidatures lose which exemptions, if something changes."""
    from segur_kg.engine import Engine, explain
    from segur_kg.engine import impact as imp

    _one_of("impact", "cli.impact.one-target", nru, component, commercial_name)
    kinds = ("modify-lps", "modify-proxy", "modify-component", *sorted(imp.OPERATOR_CHANGES))
    if change is not None and change not in kinds:
        raise InputError("--change", "", msg("cli.impact.unknown-change", change=change, kinds=", ".join(kinds)))
    day = _as_of(as_of)
    loaded = _loaded(files, store)
    engine = Engine.from_store(loaded.store)
    if nru is not None:
        iri = engine.resolve(nru, ("nru",))
        report = {"nru": nru, "as_of": day.isoformat(), "withdrawal": imp.withdrawal(engine, iri, day)}
    elif component is not None:
        report = imp.component_impact(engine, loaded.store, component, change, day)
    else:
        report = imp.name_impact(engine, loaded.store, commercial_name, day)
    _show(format, report, explain.print_impact)


@app.command()
@user_errors
def derive(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Also write the derived named graph here (TriG).")
    ] = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Write every perimeter decision into a named graph with PROV-O links, for SPARQL."""
    from segur_kg.engine import Engine
    from segur_kg.engine.derive import DERIVED_GRAPH, as_trig, store_decisions
    from segur_kg.writers import atomic_write

    day = _as_of(as_of)
    loaded = _loaded(files, store)
    graph = store_decisions(loaded.store, Engine.from_store(loaded.store), day)
    if output is not None:
        atomic_write(output, as_trig(graph))
    err.print(msg("cli.derived", triples=len(graph), graph=DERIVED_GRAPH, day=day))


@app.command()
@user_errors
def validate(
    files: FilesArgument = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Validate one candidature (identifier or IRI) and what it depends on.")
    ] = None,
    format: Annotated[
        ValidateFormat,
        typer.Option("--format", help="text (default, grouped by rule), json, turtle (the SHACL report) or sarif."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    output: OutputOption = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Validate the bundled graph and FILES against the SHACL shapes (shapes/): exit 0 when it
    conforms, 1 on a violation (or a warning with --strict), 2 on unusable input."""
    from segur_kg.validation import render_report, validate_store

    loaded = _loaded(files, store)
    report = validate_store(loaded.store, focus=focus, lang=lang.value)
    _write_or_print(render_report(report, format.value, dossiers=loaded.dossiers).encode("utf-8"), output)
    raise typer.Exit(report.exit_code(strict))


@app.command()
@user_errors
def serve(
    files: FilesArgument = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; the default, 127.0.0.1, is this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", help="Time limit of one query, in seconds (then 503).")] = 30.0,
    workers: Annotated[
        int, typer.Option("--workers", help="Queries that may run at the same time, each in its own process.")
    ] = 2,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """A read-only SPARQL 1.1 endpoint (/sparql) and a query page (/) over the graph, until Ctrl-C."""
    from segur_kg.server import serve as run_server

    run_server(_loaded(files, store).store, host=host, port=port, timeout=timeout, workers=workers)


@app.command()
@user_errors
def query(
    name: Annotated[
        str | None, typer.Argument(help="A query of queries/ by its name (see --list), or a .rq file.")
    ] = None,
    files: FilesArgument = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="name=value, once per parameter (see --list).")
    ] = None,
    format: Annotated[
        TableFormat, typer.Option("--format", help="table (default), csv or json (SPARQL 1.1 JSON results).")
    ] = TableFormat.table,
    list_: Annotated[
        bool, typer.Option("--list", help="List the queries of queries/: question, parameters, rules.")
    ] = False,
    derive: Annotated[
        bool | None,
        typer.Option(
            "--derive/--no-derive",
            help="Derive the engine's decisions first (default: when the query reads them, as of its as_of).",
        ),
    ] = None,
    output: OutputOption = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Run a query of the library (queries/) or a SPARQL file over the graph (see queries/README.md)."""
    from segur_kg import queries

    if list_:
        listing = queries.render_listing(lang.value, format.value)
        if listing is None:
            queries.print_listing(out, lang.value)
        else:
            _write_or_print(listing.encode("utf-8"), output)
        return
    if name is None:
        raise InputError("query", "", msg("cli.query.name-expected"))
    q = queries.resolve(name)
    given = queries.parse_assignments(param)
    queries.bind(q, given)  # a parameter mistake ends the command before anything is loaded
    loaded = _loaded(files, store)
    result = queries.run(loaded.store, q, given, derive)
    warning = queries.derived_warning(loaded.store, q, given, derive)
    if warning:
        print(warning, file=sys.stderr)
    loaded.store.flush()
    if format is TableFormat.json:
        _write_or_print(queries.to_json(result).encode("utf-8"), output)
    elif format is TableFormat.csv or output is not None:
        _write_or_print(queries.to_csv(result).encode("utf-8"), output)
    else:
        queries.print_table(out, q, result, lang.value)


@app.command()
@user_errors
def synth(
    candidatures: Annotated[
        int, typer.Option("--candidatures", "-n", min=1, help="Number of candidatures (300, 3000, 30000...).")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write national.nt and MANIFEST.json into.")],
    seed: Annotated[int, typer.Option("--seed", help="Seed: the same seed and size give the same bytes.")] = 1,
    history: Annotated[
        float, typer.Option("--history", min=0.0, help="Proof history factor (1.0: about 64 proofs per candidature).")
    ] = 1.0,
    lang: LangOption = Lang.fr,
) -> None:
    """Write a synthetic national graph (N-Triples) from the reference data, with a MANIFEST.json
    listing its rule-breaking cases; for the benchmark (bench/) and for trying segur-kg at scale."""
    from segur_kg.synth import NT_FILE, generate

    manifest = generate(output, candidatures, seed=seed, history=history)
    err.print(
        msg(
            "cli.synth.written",
            candidatures=manifest["candidatures"],
            triples=manifest["triples"],
            cases=len(manifest["cases"]),
            file=output / NT_FILE,
            seconds=manifest["seconds"],
        )
    )


def main() -> None:
    """The ``segur-kg`` executable, once segur_kg.launch has set up the process. Once the command
    is done and its output flushed, the process ends without freeing its heap object by object: a
    national graph (18 million triples) in memory takes 10 s to free, for nothing, as the process
    ends anyway. Files are closed by then (written whole, then renamed into place)."""
    from segur_kg.ingest.loader import hold_until_exit

    hold_until_exit()
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
