"""The commands of ``segur-kg``: each parses its options and delegates to the package's rooms."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from segur_kg import progress
from segur_kg.cli.options import (
    AsOfOption,
    CandidatureArgument,
    DemoOption,
    FilesArgument,
    Lang,
    LangOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    RdfFormat,
    StoreOption,
    TableFormat,
    TextFormat,
    TextFormatOption,
    ValidateFormat,
    epilog,
)
from segur_kg.cli.output import (
    engine_of,
    err,
    load_inputs,
    one_of,
    out,
    parse_day,
    show,
    show_table,
    user_errors,
    write_or_print,
)
from segur_kg.errors import InputError, printable
from segur_kg.messages import msg

app = typer.Typer(
    name="segur-kg",
    help="Knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from segur_kg import __version__

        print(f"segur-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _app(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs."""


@app.command("import", epilog=epilog("import"))
@user_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="Dossiers (.yaml) and RDF files to import.")],
    output: OutputOption = None,
    store: Annotated[str | None, typer.Option("--store", help="Also load into this persistent store folder.")] = None,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Import dossiers (YAML) and RDF files: check them and write their graph as Turtle."""
    from segur_kg.ingest.loader import import_graph, load

    imported = import_graph(files)
    if store is not None:
        load(files, store=store).store.flush()
    if output is not None or store is None:
        write_or_print(imported.graph.serialize(format="turtle", encoding="utf-8"), output)
    err.print(
        msg(
            "cli.imported",
            dossiers=len(imported.dossiers),
            rdf_files=len(imported.rdf_files),
            triples=len(imported.graph),
        )
    )


@app.command(epilog=epilog("info"))
@user_errors
def info(
    files: FilesArgument = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    format: TextFormatOption = TextFormat.text,
    output: OutputOption = None,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """What the graph holds: triples, instances per class, dispositifs and REMs."""
    from segur_kg.queries.inventory import inventory, print_inventory

    show(format, output, inventory(load_inputs(files, store, demo, no_cache).store, lang.value), print_inventory)


@app.command(epilog=epilog("export"))
@user_errors
def export(
    files: FilesArgument = None,
    format: Annotated[
        RdfFormat, typer.Option("--format", help="turtle, nt, jsonld, trig or nquads.")
    ] = RdfFormat.turtle,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """The whole graph (ontology, reference data and FILES, with --demo the demo dossiers) in one RDF format."""
    # Written from memory: a cache entry's disk store decodes every term of every quad on its own
    # (74 s for 5 M triples, against 20 s to load them and 5.6 s to write them from memory).
    loaded = load_inputs(files, store, demo, no_cache, whole_graph=True)
    write_or_print(loaded.store.serialize(format.value), output)


@app.command("import-rem", epilog=epilog("import-rem"))
@user_errors
def import_rem(
    file: Annotated[
        Path,
        typer.Argument(
            help="REM table (.csv or .xlsx): a Convergence export (14, 11 or 41 columns), an ANS draft, "
            "or a Squash TM export workbook."
        ),
    ],
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
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Import a REM table into RDF (Turtle); each defect and a summary go to stderr."""
    from segur_kg.ingest.rem import read_rem, summarise
    from segur_kg.ingest.rem.wording import rem_text

    with progress.step(msg("cli.progress.rem", file=file)):
        result = read_rem(file, rem=rem, device_type=device_type, lang=lang.value)
    layout = rem_text(f"layout_{result.layout}", lang.value)
    print(printable(rem_text("layout_read", lang.value, file=file, layout=layout)), file=sys.stderr)
    for line in summarise(result, str(file), lang.value):
        print(line, file=sys.stderr)
    if strict and result.defects:
        print(rem_text("strict", lang.value, defects=len(result.defects)), file=sys.stderr)
        raise typer.Exit(2)
    try:
        write_or_print(result.graph.serialize(format="turtle", encoding="utf-8"), output)
    except OSError as exc:
        error = exc.strerror or exc
        raise InputError(output or "-", "", rem_text("write_error", lang.value, error=error)) from None
    if output is not None:
        print(rem_text("written", lang.value, file=output, triples=len(result.graph)), file=sys.stderr)


@app.command(epilog=epilog("perimeter"))
@user_errors
def perimeter(
    candidature: Annotated[
        str, typer.Argument(help="A candidature, or a guichet éditeur PSC habilitation: its identifier or IRI.")
    ],
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table (default), json or csv.")] = TableFormat.table,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
    why: Annotated[
        str | None,
        typer.Option(
            "--why",
            metavar="REQUIREMENT",
            help="Explain one requirement's decision: the checks that led to it, each with its rule and values.",
        ),
    ] = None,
) -> None:
    """Which proofs the candidature deposits, which are exempt, and why (rule, reason, NRU chain, origin). For a
    PSC habilitation: its guichet éditeur perimeter, what it deposits or reuses of the habilitations it names
    (PSC-1, PSC-2, PSC-4..7; docs/guichet-perimeter.md)."""
    from segur_kg.engine import Engine, explain, guichet

    day = parse_day(as_of)
    loaded = load_inputs(files, store, demo, no_cache)
    habilitation = guichet.habilitation_named(loaded.store, candidature)
    if habilitation is not None:
        desk = guichet.guichet_perimeter(loaded.store, habilitation, day)
        show_table(format, output, desk, guichet.guichet_csv, guichet.print_guichet)
        return
    engine = Engine.from_store(loaded.store)
    iri = engine.resolve(candidature, ("candidature", "psc-habilitation"))
    if why is not None:
        show_table(format, output, engine.why(iri, why, day), explain.why_csv, explain.print_why)
        return
    show_table(format, output, engine.perimeter(iri, day), explain.perimeter_csv, explain.print_perimeter)


@app.command(epilog=epilog("chain"))
@user_errors
def chain(
    target: Annotated[str, typer.Argument(help="A candidature or an NRU (identifier or IRI).")],
    files: FilesArgument = None,
    dependents: Annotated[
        bool, typer.Option("--dependents", help="Who relies on it, directly or transitively.")
    ] = False,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """The chain of roots of a candidature (TRANS-2), or the candidatures that depend on an NRU."""
    from segur_kg.engine import explain, reports

    day = parse_day(as_of)
    engine = engine_of(files, store, demo, no_cache)
    report = reports.chain_report(engine, engine.resolve(target, ("candidature", "nru")), day, dependents)
    show(format, output, report, explain.print_chain)


@app.command(epilog=epilog("risks"))
@user_errors
def risks(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    within: Annotated[int, typer.Option("--within", help="Days before Date 2 that count as near.")] = 30,
    format: TextFormatOption = TextFormat.text,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Candidatures at risk at Date 2: an intended root whose NRU is not recorded yet, Date 2 near or past,
    not decided (ROOT-2, ROOT-3; docs/engine.md)."""
    from segur_kg.engine import explain, reports

    day = parse_day(as_of)
    engine = engine_of(files, store, demo, no_cache)
    found = reports.risks(engine, day, within)
    show(format, output, found, explain.print_risks, day, within)
    if not engine.f.candidatures:
        err.print(msg("cli.no-candidature"))


@app.command(epilog=epilog("overview"))
@user_errors
def overview(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Every candidature's status and perimeter summary, dossier by dossier."""
    from segur_kg.engine import Engine, explain, reports

    day = parse_day(as_of)
    loaded = load_inputs(files, store, demo, no_cache)
    rows = reports.overview(Engine.from_store(loaded.store), loaded.store, day)
    show(format, output, rows, explain.print_overview, day)
    if not rows:
        err.print(msg("cli.no-candidature"))


@app.command(epilog=epilog("whatif"))
@user_errors
def whatif(
    candidature: CandidatureArgument,
    files: FilesArgument = None,
    add_profile: Annotated[str | None, typer.Option("--add-profile", help="Add this profile (code).")] = None,
    add_component: Annotated[
        str | None, typer.Option("--add-component", help="Declare this additional component.")
    ] = None,
    root: Annotated[str | None, typer.Option("--root", help="Record this root NRU.")] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="YYYY-MM-DD", help="Date of the change (default: the --as-of date).")
    ] = None,
    as_of: AsOfOption = None,
    format: TextFormatOption = TextFormat.text,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """The perimeter before and after a proposed change (MOD-1), or why a rule refuses it (DATE-3, COU-1...)."""
    from segur_kg.engine import explain
    from segur_kg.engine.impact import whatif as run_whatif

    one_of("whatif", "cli.whatif.one-change", add_profile, add_component, root)
    day = parse_day(as_of)
    engine = engine_of(files, store, demo, no_cache)
    change = {"add_profile": add_profile, "add_component": add_component, "root": root}
    result = run_whatif(engine, engine.resolve(candidature), day, **change, on=parse_day(on) if on else None)
    show(format, output, result, explain.print_whatif)
    if result.refused:
        raise typer.Exit(1)


@app.command(epilog=epilog("impact"))
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
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """What returns to which guichet, or which candidatures lose which exemptions, if something changes."""
    from segur_kg.engine import Engine, explain
    from segur_kg.engine import impact as imp

    one_of("impact", "cli.impact.one-target", nru, component, commercial_name)
    kinds = ("modify-lps", "modify-proxy", "modify-component", *sorted(imp.OPERATOR_CHANGES))
    if change is not None and change not in kinds:
        raise InputError("--change", "", msg("cli.impact.unknown-change", change=change, kinds=", ".join(kinds)))
    day = parse_day(as_of)
    loaded = load_inputs(files, store, demo, no_cache)
    engine = Engine.from_store(loaded.store)
    if nru is not None:
        iri = engine.resolve(nru, ("nru",))
        report = {"nru": nru, "as_of": day.isoformat(), "withdrawal": imp.withdrawal(engine, iri, day)}
    elif component is not None:
        report = imp.component_impact(engine, loaded.store, component, change, day)
    else:
        report = imp.name_impact(engine, loaded.store, commercial_name, day)
    show(format, output, report, explain.print_impact)


@app.command(epilog=epilog("derive"))
@user_errors
def derive(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Also write the derived named graph here (TriG).")
    ] = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Write every perimeter decision into a named graph with PROV-O links, for SPARQL."""
    from segur_kg.engine import Engine
    from segur_kg.engine.derive import DERIVED_GRAPH, as_trig, store_decisions
    from segur_kg.writers import atomic_write

    day = parse_day(as_of)
    loaded = load_inputs(files, store, demo, no_cache)
    graph = store_decisions(loaded.store, Engine.from_store(loaded.store), day)
    if output is not None:
        atomic_write(output, as_trig(graph))
    err.print(msg("cli.derived", triples=len(graph), graph=DERIVED_GRAPH, day=day))


@app.command(epilog=epilog("validate"))
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
    changed: Annotated[
        bool,
        typer.Option(
            "--changed",
            help="FILES are the changed files of a repository (the pre-commit hook): validate every dossier and "
            "RDF file of the current folder together, and report only the findings about FILES.",
        ),
    ] = False,
    output: OutputOption = None,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Validate FILES (dossiers, Turtle, folders of them) with the reference data against the SHACL shapes:
    exit 0 when it conforms, 1 on a violation (or a warning with --strict), 2 on unusable input."""
    from segur_kg.ingest.locate import locate
    from segur_kg.validation import render_report, validate_store

    # A full validation reads the whole graph (in memory); --focus reads a closure (the cache serves it).
    loaded = load_inputs([Path.cwd()] if changed else files, store, demo, no_cache, whole_graph=focus is None)
    with progress.step(msg("cli.progress.validation", triples=len(loaded.store))):
        report = validate_store(loaded.store, focus=focus, lang=lang.value)
    nodes = report.focus_nodes()
    report = report.with_locations(locate(loaded.dossiers, loaded.rdf_files, loaded.reference.index, nodes=nodes))
    if changed:
        report = report.only_files(files or [])
    write_or_print(render_report(report, format.value, dossiers=loaded.dossiers).encode("utf-8"), output)
    raise typer.Exit(report.exit_code(strict))


@app.command(epilog=epilog("serve"))
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
    per_client: Annotated[
        int | None,
        typer.Option(
            "--per-client",
            help="Queries one client address may have in progress (default: half the workers; then 429).",
        ),
    ] = None,
    max_result_bytes: Annotated[
        int, typer.Option("--max-result-bytes", help="Largest answer, in bytes (then 507, or the stream is cut).")
    ] = 64 * 1024 * 1024,
    max_query_length: Annotated[
        int, typer.Option("--max-query-length", help="Longest query, in characters (then 413).")
    ] = 100_000,
    max_query_nesting: Annotated[
        int, typer.Option("--max-query-nesting", help="Deepest nesting of ( { [ in a query (then 400).")
    ] = 64,
    backlog: Annotated[
        int, typer.Option("--backlog", help="Connections waiting to be accepted (listen backlog).")
    ] = 128,
    store: StoreOption = None,
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """A read-only SPARQL 1.1 endpoint (/sparql) and a query page (/) over the graph, until Ctrl-C."""
    from segur_kg.server import serve as run_server

    run_server(
        load_inputs(files, store, demo, no_cache).store,
        host=host,
        port=port,
        timeout=timeout,
        workers=workers,
        per_client=per_client,
        max_result_bytes=max_result_bytes,
        max_query_length=max_query_length,
        max_query_nesting=max_query_nesting,
        backlog=backlog,
    )


@app.command(epilog=epilog("query"))
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
    no_cache: NoCacheOption = False,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Run a query of the library (queries/) or a SPARQL file over the graph (see queries/README.md)."""
    from segur_kg import queries

    if list_:
        listing = queries.render_listing(lang.value, format.value)
        if listing is None:
            queries.print_listing(out, lang.value)
        else:
            write_or_print(listing.encode("utf-8"), output)
        return
    if name is None:
        raise InputError("query", "", msg("cli.query.name-expected"))
    q = queries.resolve(name)
    given = queries.parse_assignments(param)
    queries.bind(q, given)  # a parameter mistake ends the command before anything is loaded
    loaded = load_inputs(files, store, demo, no_cache)
    result = queries.run(loaded.store, q, given, derive)
    warning = queries.derived_warning(loaded.store, q, given, derive)
    if warning:
        print(warning, file=sys.stderr)
    loaded.store.flush()
    if format is TableFormat.json:
        write_or_print(queries.to_json(result).encode("utf-8"), output)
    elif format is TableFormat.csv or output is not None:
        write_or_print(queries.to_csv(result).encode("utf-8"), output)
    else:
        queries.print_table(out, q, result, lang.value)


@app.command(epilog=epilog("schema"))
@user_errors
def schema(
    output: OutputOption = None,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """The JSON Schema of the dossier format (schema/dossier.schema.json), for editors and for CI jobs
    that check dossiers without Python."""
    from segur_kg.ingest.schema import schema_text

    write_or_print(schema_text().encode("utf-8"), output)


@app.command(epilog=epilog("synth"))
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
    quiet: QuietOption = False,
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


rem_app = typer.Typer(help="REMs over time: the REM in force at a milestone, what changes between two.")
equivalences_app = typer.Typer(help="Equivalence lists derived from the socle graph, and their comparison.")
app.add_typer(rem_app, name="rem")
app.add_typer(equivalences_app, name="equivalences")
cache_app = typer.Typer(help="The store cache: where it is, what it holds, and emptying it (docs/stores.md).")
app.add_typer(cache_app, name="cache")

RemArgument = Annotated[str, typer.Argument(help="A REM: its code in the export (REM_LGC) or a project REM.")]
CatalogueFiles = Annotated[
    list[Path] | None,
    typer.Argument(
        help="The Squash TM export (.xlsx) or the RDF import-rem wrote from it; for rem diff, dossiers too."
    ),
]


@rem_app.command("show", epilog=epilog("rem show"))
@user_errors
def rem_show(
    rem: RemArgument,
    files: CatalogueFiles = None,
    milestone: Annotated[str, typer.Option("--milestone", help="IT1, IT2, Version 1.0...")] = ...,
    format: Annotated[TableFormat, typer.Option("--format", help="table (default), json or csv.")] = TableFormat.table,
    output: OutputOption = None,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """The REM in force at a milestone: its requirement versions of that milestone, not obsolete, the highest
    version of each requirement."""
    from segur_kg.catalogue import render, sources, timeline

    inputs = sources.read_inputs(files)
    named = sources.resolve_rem(inputs.catalogues, rem)
    result = timeline.show(inputs.catalogues, named, sources.check_milestone(inputs.catalogues, milestone))
    show_table(format, output, result, timeline.show_csv, render.print_show)


@rem_app.command("diff", epilog=epilog("rem diff"))
@user_errors
def rem_diff(
    rem: RemArgument,
    files: CatalogueFiles = None,
    start: Annotated[str, typer.Option("--from", help="The earlier milestone.")] = ...,
    end: Annotated[str, typer.Option("--to", help="The later milestone.")] = ...,
    as_of: AsOfOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table (default), json or csv.")] = TableFormat.table,
    output: OutputOption = None,
    demo: DemoOption = False,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Requirements added, removed and changed (version, profile, criticality, socle) between two milestones;
    with dossiers (FILES, --demo), what it changes in the perimeter of each candidature on that REM."""
    from segur_kg.catalogue import impact, render, sources, timeline

    inputs = sources.read_inputs(files)
    cats = inputs.catalogues
    named = sources.resolve_rem(cats, rem)
    result = timeline.diff(
        cats, named, sources.check_milestone(cats, start, "--from"), sources.check_milestone(cats, end, "--to")
    )
    if inputs.others or demo:
        engine = engine_of(inputs.others, None, demo)
        device_type = cats.catalogues[named.catalogue].device_type
        impact.candidature_impact(result, engine, device_type, parse_day(as_of))
    show_table(format, output, result, timeline.diff_csv, render.print_diff)


@equivalences_app.command("suggest", epilog=epilog("equivalences suggest"))
@user_errors
def equivalences_suggest(
    files: CatalogueFiles = None,
    root: Annotated[str, typer.Option("--from", help="The root's REM (export code or project REM).")] = ...,
    candidate: Annotated[str, typer.Option("--to", help="The candidature's REM.")] = ...,
    milestone: Annotated[
        str | None, typer.Option("--milestone", help="Only versions in force at this milestone.")
    ] = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """Pairs of requirements of two REMs derived from one socle requirement, as an equivalence-list CSV."""
    from segur_kg.catalogue import equivalences, sources

    inputs = sources.read_inputs(files)
    cats = inputs.catalogues
    from_rem, to_rem = sources.resolve_rem(cats, root, "--from"), sources.resolve_rem(cats, candidate, "--to")
    if milestone is not None:
        sources.check_milestone(cats, milestone)
    result = equivalences.suggest(cats, from_rem, to_rem, milestone)
    write_or_print(result.csv().encode("utf-8"), output)
    shown = [f"{rem_name} {ident}" for rem_name, ident in result.no_counterpart[:10]]
    names = ", ".join(shown + ["…"] * (len(result.no_counterpart) > 10)) or msg("catalogue.none")
    missing = len(result.no_counterpart)
    err.print(
        msg("catalogue.suggested", pairs=len(result.rows), root=root, candidate=candidate, missing=missing, names=names)
    )


@equivalences_app.command("compare", epilog=epilog("equivalences compare"))
@user_errors
def equivalences_compare(
    suggested: Annotated[Path, typer.Argument(help="The suggested list (CSV).")],
    published: Annotated[Path, typer.Argument(help="The published list (CSV).")],
    format: TextFormatOption = TextFormat.text,
    output: OutputOption = None,
    quiet: QuietOption = False,
    lang: LangOption = Lang.fr,
) -> None:
    """What each list has that the other has not; precision and recall of the suggestion, and their pairs."""
    from segur_kg.catalogue import equivalences, render

    show(format, output, equivalences.compare(suggested, published), render.print_comparison)


@cache_app.command("info", epilog=epilog("cache info"))
@user_errors
def cache_info(lang: LangOption = Lang.fr) -> None:
    """Where the store cache is and its entries, most recently used first."""
    from segur_kg.ingest import cache

    folder = cache.cache_folder()
    found = cache.entries(folder)
    size = sum(entry.bytes for entry in found)
    print(msg("ingest.cache.info-folder", folder=printable(str(folder))))
    print(
        msg(
            "ingest.cache.info-summary",
            count=len(found),
            limit=cache.max_entries(),
            variable=cache.ENTRIES_VARIABLE,
            size=msg("ingest.cache.size", megabytes=f"{size / 1e6:.1f}"),
        )
    )
    for entry in found:
        inputs = [str(name) for name in entry.record.get("inputs", [])]
        if entry.record.get("demo"):
            inputs.insert(0, msg("ingest.cache.demo"))
        shown = ", ".join(inputs[:3]) + (f", ... (+{len(inputs) - 3})" if len(inputs) > 3 else "")
        print(
            msg(
                "ingest.cache.info-entry",
                key=entry.key[:12],
                triples=entry.record.get("triples", "?"),
                size=msg("ingest.cache.size", megabytes=f"{entry.bytes / 1e6:.1f}"),
                used=datetime.fromtimestamp(entry.last_used).isoformat(sep=" ", timespec="seconds"),
                inputs=printable(shown),
            )
        )


@cache_app.command("clear", epilog=epilog("cache clear"))
@user_errors
def cache_clear(lang: LangOption = Lang.fr) -> None:
    """Remove every entry of the store cache (those another command is using are left)."""
    from segur_kg.ingest import cache

    folder = cache.cache_folder()
    removed, busy = cache.clear(folder)
    print(msg("ingest.cache.cleared", removed=removed, folder=printable(str(folder))))
    if busy:
        print(msg("ingest.cache.busy", busy=busy), file=sys.stderr)
