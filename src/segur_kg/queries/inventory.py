"""What the graph holds, for ``segur-kg info``: triples, instances per class, dispositifs, REMs."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from segur_kg.messages import msg
from segur_kg.namespaces import SGR
from segur_kg.stores import Store
from segur_kg.stores.artefacts import kept

# Each count is made before anything is joined to it: counting the requirements and the
# candidatures of a dispositif in one group multiplies them (7.5 s on a cache entry's disk store at
# 5 M triples), and filtering the classes by their name before grouping decodes one IRI per
# instance (13.6 s there; 0.5 s grouped first). The classes outside the ontology's namespace are
# left out in Python: Virtuoso loses a FILTER beside a grouped subquery.
_CLASSES = """
SELECT ?class ?label_fr ?label_en ?n WHERE {
  { SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class }
  OPTIONAL { ?class rdfs:label ?label_fr FILTER(LANG(?label_fr) = "fr") }
  OPTIONAL { ?class rdfs:label ?label_en FILTER(LANG(?label_en) = "en") }
} ORDER BY DESC(?n) ?class"""

_DISPOSITIFS = """
SELECT ?id ?wave ?couloir ?type ?rem ?date1 ?date2
       (COALESCE(?in_rem, 0) AS ?requirements) (COALESCE(?applied, 0) AS ?candidatures) WHERE {
  ?d a sgr:Dispositif ; dcterms:identifier ?id ; sgr:wave ?w ;
     sgr:couloir/dcterms:identifier ?couloir ; sgr:deviceType/dcterms:identifier ?type .
  BIND(IF(?w = sgr:Vague1, 1, 2) AS ?wave)
  OPTIONAL { ?d sgr:rem ?r . ?r dcterms:identifier ?rem .
             OPTIONAL { SELECT ?r (COUNT(DISTINCT ?req) AS ?in_rem) WHERE { ?req a sgr:Requirement ; sgr:inREM ?r }
                        GROUP BY ?r } }
  OPTIONAL { ?d sgr:date1 ?date1 } OPTIONAL { ?d sgr:date2 ?date2 }
  OPTIONAL { SELECT ?d (COUNT(DISTINCT ?cand) AS ?applied) WHERE { ?cand a sgr:Candidature ; sgr:dispositif ?d }
             GROUP BY ?d }
} ORDER BY ?wave ?id"""

_REMS = """
SELECT ?id (COUNT(DISTINCT ?req) AS ?requirements) (COUNT(DISTINCT ?va1) AS ?vague1)
       (COUNT(DISTINCT ?soc) AS ?socle) (COUNT(DISTINCT ?comp) AS ?component) (COUNT(DISTINCT ?sc) AS ?scenarios)
WHERE {
  ?r a sgr:REM ; dcterms:identifier ?id .
  OPTIONAL { ?req a sgr:Requirement ; sgr:inREM ?r .
             OPTIONAL { ?req sgr:inVague1Perimeter true BIND(?req AS ?va1) }
             OPTIONAL { ?req sgr:socleRequirement ?x BIND(?req AS ?soc) }
             OPTIONAL { ?req sgr:componentType ?y BIND(?req AS ?comp) }
             OPTIONAL { ?req sgr:hasScenario ?sc } }
} GROUP BY ?id ORDER BY ?id"""

# The inventory of a cache entry's store is kept beside it (segur_kg.stores.artefacts).
INVENTORY_FILE = "inventory.pickle"


def _py(term):
    if term is None:
        return None
    return term.toPython() if hasattr(term, "toPython") else str(term)


def inventory(store: Store, lang: str) -> dict:
    """The store's size, its instances per class (labels in ``lang``), its dispositifs and its REMs."""
    counts = kept(store, INVENTORY_FILE, _count, dict)
    return {
        **counts,
        "classes": [
            {"class": c["class"], "label": c["labels"].get(lang), "count": c["count"]} for c in counts["classes"]
        ],
    }


def _count(store: Store) -> dict:
    """What :func:`inventory` reports, with every class's label in each language."""
    classes = store.select(_CLASSES)
    dispositifs = store.select(_DISPOSITIFS)
    rems = store.select(_REMS)
    return {
        "store": store.backend,
        "triples": len(store),
        "classes": [
            {"class": str(klass).split("#")[-1], "labels": {"fr": _py(fr), "en": _py(en)}, "count": int(n)}
            for klass, fr, en, n in classes.rows
            if str(klass).startswith(SGR)
        ],
        "dispositifs": [
            {k: (str(v) if k.startswith("date") and v is not None else _py(v)) for k, v in row.items()}
            for row in dispositifs.dicts()
        ],
        "rems": [{k: _py(v) for k, v in row.items()} for row in rems.dicts()],
    }


def print_inventory(console: Console, report: dict) -> None:
    console.print(msg("cli.info.triples", triples=report["triples"], store=report["store"]))
    table = Table(title=msg("cli.info.classes"))
    for column in (msg("cli.info.class"), msg("cli.info.label"), "n"):
        table.add_column(column, justify="right" if column == "n" else "left")
    for c in report["classes"]:
        table.add_row(c["class"], c["label"] or "", str(c["count"]))
    console.print(table)
    table = Table(title=msg("cli.info.dispositifs"))
    columns = (msg("cli.info.dispositif"), msg("cli.info.wave"), "couloir", "type", "REM", "Date 1", "Date 2",
               msg("cli.info.requirements"), "candidatures")  # fmt: skip
    for column in columns:
        table.add_column(column)
    keys = ("id", "wave", "couloir", "type", "rem", "date1", "date2", "requirements", "candidatures")
    for d in report["dispositifs"]:
        table.add_row(*(str(d[k]) if d[k] is not None else "" for k in keys))
    console.print(table)
    table = Table(title="REM")
    for column in ("REM", msg("cli.info.requirements"), msg("cli.info.vague1"), msg("cli.info.socle"),
                   msg("cli.info.component"), msg("cli.info.scenarios")):  # fmt: skip
        table.add_column(column)
    keys = ("id", "requirements", "vague1", "socle", "component", "scenarios")
    for r in report["rems"]:
        table.add_row(*(str(r[k]) for k in keys))
    console.print(table)
