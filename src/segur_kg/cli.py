"""The ``segur-kg`` command line: one module over the core (loader, reference, dossiers, store).

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
from rich.table import Table

from segur_kg.errors import InputError
from segur_kg.i18n import set_language, tr

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


LangOption = Annotated[Lang, typer.Option("--lang", help="Language of messages: fr (default) or en.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store: 'memory' (default, pyoxigraph), 'rdflib', a folder for a persistent pyoxigraph store, or sparql+http://HOST:PORT/PATH for an external SPARQL 1.1 server.",
    ),
]
FilesArgument = Annotated[list[Path] | None, typer.Argument(help="Dossiers (.yaml) or RDF files (.ttl, .nt, .jsonld).")]


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
            print(f"{tr('erreur', 'error')}: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper


def _write_or_print(data: bytes, output: Path | None) -> None:
    from segur_kg.writers import atomic_write

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)


@app.command("import")
@user_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="Dossiers (.yaml) and RDF files to import.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the imported graph here (Turtle).")
    ] = None,
    store: Annotated[str | None, typer.Option("--store", help="Also load into this persistent store folder.")] = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Import dossiers (YAML) and RDF files: check them and write their graph as Turtle."""
    from rdflib import Graph

    from segur_kg.ingest.loader import check_rdf_file, dossier_graph, load, split_inputs
    from segur_kg.namespaces import PREFIXES

    dossiers, rdf_files = split_inputs(files)
    for path in rdf_files:
        check_rdf_file(path)
    graph = dossier_graph(dossiers)
    combined = Graph()
    for prefix, namespace in PREFIXES.items():
        combined.bind(prefix, namespace)
    combined += graph
    for path in rdf_files:
        combined.parse(path)
    if store is not None:
        loaded = load(files, store=store)
        if hasattr(loaded.store, "flush"):
            loaded.store.flush()
    if output is not None or store is None:
        _write_or_print(combined.serialize(format="turtle", encoding="utf-8"), output)
    err.print(
        tr(
            f"{len(dossiers)} dossier(s) et {len(rdf_files)} fichier(s) RDF importés : {len(combined)} triplets.",
            f"Imported {len(dossiers)} dossier(s) and {len(rdf_files)} RDF file(s): {len(combined)} triples.",
        )
    )


INFO_QUERIES = {
    "classes": """
        SELECT ?class ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {
          ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(sgr:)))
          OPTIONAL { ?class rdfs:label ?label FILTER(LANG(?label) = "%(lang)s") }
        } GROUP BY ?class ?label ORDER BY DESC(?n) ?class""",
    "dispositifs": """
        SELECT ?id ?wave ?couloir ?type ?rem ?date1 ?date2 (COUNT(DISTINCT ?req) AS ?requirements) (COUNT(DISTINCT ?cand) AS ?candidatures) WHERE {
          ?d a sgr:Dispositif ; dcterms:identifier ?id ; sgr:wave ?w ;
             sgr:couloir/dcterms:identifier ?couloir ; sgr:deviceType/dcterms:identifier ?type .
          BIND(IF(?w = sgr:Vague1, 1, 2) AS ?wave)
          OPTIONAL { ?d sgr:rem ?r . ?r dcterms:identifier ?rem . OPTIONAL { ?req a sgr:Requirement ; sgr:inREM ?r } }
          OPTIONAL { ?d sgr:date1 ?date1 } OPTIONAL { ?d sgr:date2 ?date2 }
          OPTIONAL { ?cand a sgr:Candidature ; sgr:dispositif ?d }
        } GROUP BY ?id ?wave ?couloir ?type ?rem ?date1 ?date2 ORDER BY ?wave ?id""",
    "rems": """
        SELECT ?id (COUNT(DISTINCT ?req) AS ?requirements) (COUNT(DISTINCT ?va1) AS ?vague1)
               (COUNT(DISTINCT ?soc) AS ?socle) (COUNT(DISTINCT ?comp) AS ?component) (COUNT(DISTINCT ?sc) AS ?scenarios) WHERE {
          ?r a sgr:REM ; dcterms:identifier ?id .
          OPTIONAL { ?req a sgr:Requirement ; sgr:inREM ?r .
                     OPTIONAL { ?req sgr:inVague1Perimeter true BIND(?req AS ?va1) }
                     OPTIONAL { ?req sgr:socleRequirement ?x BIND(?req AS ?soc) }
                     OPTIONAL { ?req sgr:componentType ?y BIND(?req AS ?comp) }
                     OPTIONAL { ?req sgr:hasScenario ?sc } }
        } GROUP BY ?id ORDER BY ?id""",
}


def _py(term):
    if term is None:
        return None
    return term.toPython() if hasattr(term, "toPython") else str(term)


@app.command()
@user_errors
def info(
    files: FilesArgument = None,
    store: StoreOption = None,
    format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    lang: LangOption = Lang.fr,
) -> None:
    """What the graph holds: triples, instances per class, dispositifs and REMs."""
    from segur_kg.ingest.loader import load

    if format not in ("text", "json"):
        raise InputError(
            "--format",
            "",
            tr(
                f"format inconnu '{format}' : attendu text ou json", f"unknown format '{format}': expected text or json"
            ),
        )
    loaded = load(files or [], store=store)
    st = loaded.store
    classes = st.select(INFO_QUERIES["classes"] % {"lang": lang.value})
    disp = st.select(INFO_QUERIES["dispositifs"])
    rems = st.select(INFO_QUERIES["rems"])
    report = {
        "store": st.backend,
        "triples": len(st),
        "classes": [{"class": str(c).split("#")[-1], "label": _py(l), "count": int(n)} for c, l, n in classes.rows],
        "dispositifs": [
            {k: (str(v) if k.startswith("date") and v is not None else _py(v)) for k, v in row.items()}
            for row in disp.dicts()
        ],
        "rems": [{k: _py(v) for k, v in row.items()} for row in rems.dicts()],
    }
    if format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    out.print(
        tr(
            f"[bold]{report['triples']}[/bold] triplets (magasin {st.backend})",
            f"[bold]{report['triples']}[/bold] triples ({st.backend} store)",
        )
    )
    t = Table(title=tr("Instances par classe", "Instances per class"))
    t.add_column(tr("classe", "class"))
    t.add_column(tr("libellé", "label"))
    t.add_column("n", justify="right")
    for c in report["classes"]:
        t.add_row(c["class"], c["label"] or "", str(c["count"]))
    out.print(t)
    t = Table(title=tr("Dispositifs", "Dispositifs"))
    for col in (
        tr("dispositif", "dispositif"),
        tr("vague", "wave"),
        "couloir",
        "type",
        "REM",
        "Date 1",
        "Date 2",
        tr("exigences", "requirements"),
        "candidatures",
    ):
        t.add_column(col)
    for d in report["dispositifs"]:
        t.add_row(
            *(
                str(d[k]) if d[k] is not None else ""
                for k in ("id", "wave", "couloir", "type", "rem", "date1", "date2", "requirements", "candidatures")
            )
        )
    out.print(t)
    t = Table(title="REM")
    for col in (
        "REM",
        tr("exigences", "requirements"),
        tr("périmètre Vague 1", "vague 1 perimeter"),
        tr("liées au socle", "socle-linked"),
        tr("composant additionnel", "additional component"),
        tr("scénarios", "scenarios"),
    ):
        t.add_column(col)
    for r in report["rems"]:
        t.add_row(
            str(r["id"]),
            str(r["requirements"]),
            str(r["vague1"]),
            str(r["socle"]),
            str(r["component"]),
            str(r["scenarios"]),
        )
    out.print(t)


@app.command()
@user_errors
def export(
    files: FilesArgument = None,
    format: Annotated[
        RdfFormat, typer.Option("--format", help="turtle, nt, jsonld, trig or nquads.")
    ] = RdfFormat.turtle,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")
    ] = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """The whole graph (ontology, reference data, bundled examples and FILES) in one RDF format."""
    from segur_kg.ingest.loader import load

    loaded = load(files or [], store=store)
    _write_or_print(loaded.store.serialize(format.value), output)


@app.command("import-rem")
@user_errors
def import_rem(
    file: Annotated[Path, typer.Argument(help="REM table (.csv or .xlsx), Convergence or ANS draft layout.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the Turtle here (default: standard output).")
    ] = None,
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
    from segur_kg.ingest.rem import message, read_rem, summarise

    result = read_rem(file, rem=rem, device_type=device_type, lang=lang.value)
    for line in summarise(result, str(file), lang.value):
        print(line, file=sys.stderr)
    if strict and result.defects:
        print(message(lang.value, "strict", defects=len(result.defects)), file=sys.stderr)
        raise typer.Exit(2)
    try:
        _write_or_print(result.graph.serialize(format="turtle", encoding="utf-8"), output)
    except OSError as exc:
        raise InputError(output or "-", "", message(lang.value, "write_error", error=exc.strerror or exc)) from None
    if output is not None:
        print(message(lang.value, "written", file=output, triples=len(result.graph)), file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# The equivalence engine: perimeter, chain, risks
# ---------------------------------------------------------------------------------------------
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="Compute as of this date (YYYY-MM-DD); default today.")]


def _as_of(text: str | None):
    from datetime import date

    from segur_kg.ingest.tables import parse_date

    if text is None:
        return date.today()
    return parse_date(text, lambda msg: InputError("--as-of", "", msg))


def _engine(files, store):
    from segur_kg.engine import Engine
    from segur_kg.ingest.loader import load

    return Engine.from_store(load(files or [], store=store).store)


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
@user_errors
def perimeter(
    candidature: Annotated[str, typer.Argument(help="The candidature: its identifier or IRI.")],
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    format: Annotated[TableFormat, typer.Option("--format", help="table (default), json or csv.")] = TableFormat.table,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")
    ] = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Which proofs the candidature deposits, which are exempt, and why (rule, NRU chain, origin)."""
    from segur_kg.engine import explain

    day = _as_of(as_of)
    engine = _engine(files, store)
    result = engine.perimeter(engine.resolve(candidature), day)
    if format is TableFormat.json:
        _write_or_print((json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n").encode(), output)
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
    format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """The chain of roots of a candidature (TRANS-2), or the candidatures that depend on an NRU."""
    from segur_kg.engine import explain

    day = _as_of(as_of)
    engine = _engine(files, store)
    iri = engine.resolve(target, ("candidature", "nru"))
    report = explain.chain_report(engine, iri, day, dependents)
    if format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        explain.print_chain(out, report)


@app.command()
@user_errors
def risks(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    within: Annotated[int, typer.Option("--within", help="Days before Date 2 that count as near.")] = 30,
    format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Candidatures whose root is not referenced while their Date 2 is near or past (ROOT-2, ROOT-3)."""
    from segur_kg.engine import explain

    day = _as_of(as_of)
    engine = _engine(files, store)
    found = explain.risks(engine, day, within)
    if format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        explain.print_risks(out, found, day, within)


@app.command()
@user_errors
def overview(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Every candidature's status and perimeter summary, dossier by dossier."""
    from segur_kg.engine import explain

    day = _as_of(as_of)
    from segur_kg.engine import Engine
    from segur_kg.ingest.loader import load

    loaded = load(files or [], store=store)
    engine = Engine.from_store(loaded.store)
    rows = explain.overview(engine, loaded.store, day)
    if format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        explain.print_overview(out, rows, day)


@app.command()
@user_errors
def whatif(
    candidature: Annotated[str, typer.Argument(help="The candidature: its identifier or IRI.")],
    files: FilesArgument = None,
    add_profile: Annotated[str | None, typer.Option("--add-profile", help="Add this profile (code).")] = None,
    add_component: Annotated[
        str | None, typer.Option("--add-component", help="Declare this additional component.")
    ] = None,
    root: Annotated[str | None, typer.Option("--root", help="Record this root NRU.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date of the change (default: the --as-of date).")] = None,
    as_of: AsOfOption = None,
    format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """The perimeter before and after a proposed change (MOD-1), or why a rule refuses it (DATE-3, COU-1...)."""
    from segur_kg.engine import explain
    from segur_kg.engine.impact import whatif as run_whatif

    if sum(x is not None for x in (add_profile, add_component, root)) != 1:
        raise InputError(
            "whatif",
            "",
            tr(
                "une seule modification attendue : --add-profile, --add-component ou --root",
                "expected exactly one change: --add-profile, --add-component or --root",
            ),
        )
    day = _as_of(as_of)
    engine = _engine(files, store)
    result = run_whatif(
        engine,
        engine.resolve(candidature),
        day,
        add_profile=add_profile,
        add_component=add_component,
        root=root,
        on=_as_of(on) if on else None,
    )
    if format == "json":
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        explain.print_whatif(out, result)


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
            help="Kind of component change: modify-lps, modify-proxy, modify-component, migration, internalisation, provider-change, proxy-leaves-monobloc.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """What returns to which guichet, or which candidatures lose which exemptions, if something changes."""
    from segur_kg.engine import explain
    from segur_kg.engine import impact as imp
    from segur_kg.ingest.loader import load

    if sum(x is not None for x in (nru, component, commercial_name)) != 1:
        raise InputError(
            "impact",
            "",
            tr(
                "une seule cible attendue : --nru, --component ou --commercial-name",
                "expected exactly one target: --nru, --component or --commercial-name",
            ),
        )
    kinds = ("modify-lps", "modify-proxy", "modify-component", *sorted(imp.OPERATOR_CHANGES))
    if change is not None and change not in kinds:
        raise InputError(
            "--change",
            "",
            tr(
                f"'{change}' inconnu : attendu l'un de {', '.join(kinds)}",
                f"unknown '{change}': expected one of {', '.join(kinds)}",
            ),
        )
    day = _as_of(as_of)
    loaded = load(files or [], store=store)
    from segur_kg.engine import Engine

    engine = Engine.from_store(loaded.store)
    if nru is not None:
        iri = engine.resolve(nru, ("nru",))
        report = {"nru": nru, "as_of": day.isoformat(), "withdrawal": imp.withdrawal(engine, iri, day)}
    elif component is not None:
        report = imp.component_impact(engine, loaded.store, component, change, day)
    else:
        report = imp.name_impact(engine, loaded.store, commercial_name, day)
    if format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        explain.print_impact(out, report)


@app.command()
@user_errors
def derive(
    files: FilesArgument = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the derived named graph here (TriG).")
    ] = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Write every perimeter decision into a named graph with PROV-O links, for SPARQL."""
    from segur_kg.engine import Engine
    from segur_kg.engine.derive import DERIVED_GRAPH, derive_graph
    from segur_kg.ingest.loader import load

    day = _as_of(as_of)
    loaded = load(files or [], store=store)
    engine = Engine.from_store(loaded.store)
    graph = derive_graph(engine, day)
    loaded.store.clear_graph(DERIVED_GRAPH)
    loaded.store.add_graph(graph, DERIVED_GRAPH)
    if hasattr(loaded.store, "flush"):
        loaded.store.flush()
    if output is not None:
        from segur_kg.writers import atomic_write

        atomic_write(output, _trig(graph))
    err.print(
        tr(
            f"{len(graph)} triplets dérivés dans le graphe <{DERIVED_GRAPH}> au {day}.",
            f"{len(graph)} derived triples in graph <{DERIVED_GRAPH}> as of {day}.",
        )
    )


def _trig(graph) -> bytes:
    from rdflib import Dataset, URIRef

    from segur_kg.engine.derive import DERIVED_GRAPH
    from segur_kg.namespaces import PREFIXES

    ds = Dataset()
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace)
    named = ds.graph(URIRef(DERIVED_GRAPH))
    named += graph
    return ds.serialize(format="trig", encoding="utf-8")


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    turtle = "turtle"
    sarif = "sarif"


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
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the report here instead of standard output.")
    ] = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Validate the bundled graph and FILES against the SHACL shapes (shapes/): exit 0 when it
    conforms, 1 on a violation (or a warning with --strict), 2 on unusable input."""
    from segur_kg.ingest.loader import load
    from segur_kg.resources import project_home
    from segur_kg.validation import render_json, render_text, render_turtle, validate_store

    loaded = load(files or [], store=store)
    report = validate_store(loaded.store, focus=focus, lang=lang.value)
    if format == ValidateFormat.sarif:
        from segur_kg.validation.renderers.sarif import artifact_uris, render_sarif

        text = render_sarif(report, artifact_uris(loaded.dossiers, project_home()))
    else:
        text = {
            ValidateFormat.text: render_text,
            ValidateFormat.json: render_json,
            ValidateFormat.turtle: render_turtle,
        }[format](report)
    _write_or_print(text.encode("utf-8"), output)
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
    from segur_kg.ingest.loader import load
    from segur_kg.server import serve as run_server

    run_server(load(files or [], store=store).store, host=host, port=port, timeout=timeout, workers=workers)


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
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")
    ] = None,
    store: StoreOption = None,
    lang: LangOption = Lang.fr,
) -> None:
    """Run a query of the library (queries/) or a SPARQL file over the graph (see queries/README.md)."""
    from segur_kg import queries
    from segur_kg.ingest.loader import load

    if list_:
        text = queries.render_listing(lang.value, format.value)
        if text is None:
            queries.print_listing(out, lang.value)
        else:
            _write_or_print(text.encode("utf-8"), output)
        return
    if name is None:
        raise InputError(
            "query",
            "",
            tr("nom de requête ou fichier .rq attendu (ou --list)", "expected a query name or a .rq file (or --list)"),
        )
    q = queries.resolve(name)
    given = queries.parse_assignments(param)
    queries.bind(q, given)  # a parameter mistake ends the command before anything is loaded
    loaded = load(files or [], store=store)
    result = queries.run(loaded.store, q, given, derive)
    warning = queries.derived_warning(loaded.store, q, given, derive)
    if warning:
        print(warning, file=sys.stderr)
    if hasattr(loaded.store, "flush"):
        loaded.store.flush()
    if format is TableFormat.csv:
        _write_or_print(queries.to_csv(result).encode("utf-8"), output)
    elif format is TableFormat.json:
        _write_or_print(queries.to_json(result).encode("utf-8"), output)
    elif output is not None:
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
    from segur_kg.synth import generate

    manifest = generate(output, candidatures, seed=seed, history=history)
    err.print(
        tr(
            f"{manifest['candidatures']} candidatures, {manifest['triples']} triplets, {len(manifest['cases'])} cas qui enfreignent une règle "
            f"-> {output / 'national.nt'} ({manifest['seconds']} s).",
            f"{manifest['candidatures']} candidatures, {manifest['triples']} triples, {len(manifest['cases'])} rule-breaking cases "
            f"-> {output / 'national.nt'} ({manifest['seconds']} s).",
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
