"""What the graph holds, for ``segur-kg info``: triples, instances per class, dispositifs, REMs."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from segur_kg.messages import msg
from segur_kg.stores import Store

_CLASSES = """
SELECT ?class ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(sgr:)))
  OPTIONAL { ?class rdfs:label ?label FILTER(LANG(?label) = "%(lang)s") }
} GROUP BY ?class ?label ORDER BY DESC(?n) ?class"""

_DISPOSITIFS = """
SELECT ?id ?wave ?couloir ?type ?rem ?date1 ?date2
       (COUNT(DISTINCT ?req) AS ?requirements) (COUNT(DISTINCT ?cand) AS ?candidatures) WHERE {
  ?d a sgr:Dispositif ; dcterms:identifier ?id ; sgr:wave ?w ;
     sgr:couloir/dcterms:identifier ?couloir ; sgr:deviceType/dcterms:identifier ?type .
  BIND(IF(?w = sgr:Vague1, 1, 2) AS ?wave)
  OPTIONAL { ?d sgr:rem ?r . ?r dcterms:identifier ?rem . OPTIONAL { ?req a sgr:Requirement ; sgr:inREM ?r } }
  OPTIONAL { ?d sgr:date1 ?date1 } OPTIONAL { ?d sgr:date2 ?date2 }
  OPTIONAL { ?cand a sgr:Candidature ; sgr:dispositif ?d }
} GROUP BY ?id ?wave ?couloir ?type ?rem ?date1 ?date2 ORDER BY ?wave ?id"""

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


def _py(term):
    if term is None:
        return None
    return term.toPython() if hasattr(term, "toPython") else str(term)


def inventory(store: Store, lang: str) -> dict:
    """The store's size, its instances per class (labels in ``lang``), its dispositifs and its REMs."""
    classes = store.select(_CLASSES % {"lang": lang})
    dispositifs = store.select(_DISPOSITIFS)
    rems = store.select(_REMS)
    return {
        "store": store.backend,
        "triples": len(store),
        "classes": [
            {"class": str(klass).split("#")[-1], "label": _py(label), "count": int(n)}
            for klass, label, n in classes.rows
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
