"""The command line's shared vocabulary: choices, the option types several commands take (declared once),
and each command's help examples and exit codes."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


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
FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="Dossiers (.yaml), RDF files (.ttl, .nt, .jsonld...), folders of them, or a quoted glob."),
]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of standard output.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Compute as of this date; default today."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Show no progress, even on a terminal.")]
TextFormatOption = Annotated[TextFormat, typer.Option("--format", help="text (default) or json.")]
DemoOption = Annotated[bool, typer.Option("--demo", help="Add the demo dossiers (data/examples/) to FILES.")]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Load FILES into memory, without the store cache (segur-kg cache info)."),
]
CandidatureArgument = Annotated[str, typer.Argument(help="The candidature: its identifier or IRI.")]


# Each command's --help ends with two examples and its exit codes.
HELP_EXAMPLES: dict[str, tuple[str, str, str]] = {
    "cache info": (
        "segur-kg cache info",
        "SEGUR_KG_CACHE=/tmp/kg-cache segur-kg cache info --lang en",
        "0 done",
    ),
    "cache clear": (
        "segur-kg cache clear",
        "SEGUR_KG_CACHE=/tmp/kg-cache segur-kg cache clear",
        "0 cleared (entries in use by another command are left)",
    ),
    "import": (
        "segur-kg import dossiers/ -o graph.ttl",
        "segur-kg import mon-dossier.yaml --store kg/",
        "0 imported; 2 unusable input (nothing written)",
    ),
    "info": (
        "segur-kg info mon-dossier.yaml",
        "segur-kg info --demo --format json",
        "0 done; 2 unusable input",
    ),
    "export": (
        "segur-kg export dossiers/ --format jsonld -o graph.jsonld",
        "segur-kg export --store kg/ --format nquads -o kg.nq",
        "0 written; 2 unusable input (nothing written)",
    ),
    "import-rem": (
        "segur-kg import-rem REM.xlsx --device-type LGC -o rem.ttl",
        "segur-kg import-rem drafts.csv --rem REM-DUI-MS-VA2 --strict",
        "0 imported (defects on stderr); 2 unusable input, or any defect with --strict",
    ),
    "perimeter": (
        "segur-kg perimeter C3-CAND-B --demo --as-of 2026-07-01 --why DMP/UX.12",
        "segur-kg perimeter MY-CAND mon-dossier.yaml --format json -o perimeter.json",
        "0 done; 2 unusable input or unknown candidature",
    ),
    "chain": (
        "segur-kg chain C4-CAND-DOM --demo",
        "segur-kg chain C4-NRU-MV --demo --dependents --format json",
        "0 done; 2 unusable input or unknown identifier",
    ),
    "risks": (
        "segur-kg risks dossiers/ --within 45",
        "segur-kg risks --demo --as-of 2026-07-01 --format json",
        "0 done; 2 unusable input",
    ),
    "overview": (
        "segur-kg overview dossiers/ --as-of 2026-07-01",
        "segur-kg overview --demo --format json -o overview.json",
        "0 done; 2 unusable input",
    ),
    "whatif": (
        "segur-kg whatif C9-CAND-MS --demo --add-profile DOM --on 2026-08-05",
        "segur-kg whatif MY-CAND dossiers/ --root MY-NRU --format json",
        "0 the change is accepted; 1 a rule refuses it; 2 unusable input",
    ),
    "impact": (
        "segur-kg impact --demo --component C7-CMP-B-PROXY --change modify-proxy",
        "segur-kg impact dossiers/ --nru MY-NRU --format json",
        "0 done; 2 unusable input or unknown target",
    ),
    "derive": (
        "segur-kg derive --store kg/ --as-of 2026-07-01",
        "segur-kg derive dossiers/ -o decisions.trig",
        "0 written; 2 unusable input (nothing written)",
    ),
    "validate": (
        "segur-kg validate dossiers/",
        "segur-kg validate mon-dossier.yaml --format sarif -o findings.sarif",
        "0 conforms; 1 a violation (or a warning with --strict); 2 unusable input",
    ),
    "serve": (
        "segur-kg serve dossiers/",
        "segur-kg serve --demo --port 8080",
        "0 stopped with Ctrl-C; 2 unusable input or the port is taken",
    ),
    "query": (
        "segur-kg query --list",
        "segur-kg query candidatures-at-risk --demo -p within=45 --format csv",
        "0 done; 2 unusable input, an unknown query or a bad parameter",
    ),
    "schema": (
        "segur-kg schema -o dossier.schema.json",
        "segur-kg schema | check-jsonschema --schemafile /dev/stdin dossiers/*.yaml",
        "0 printed; 2 the output cannot be written",
    ),
    "synth": (
        "segur-kg synth -n 3000 -o national/",
        "segur-kg validate national/national.nt",
        "0 written; 2 the output folder cannot be written",
    ),
    "rem show": (
        "segur-kg rem show REM_LGC export_full.xlsx --milestone IT1",
        "segur-kg rem show REM-LGC-MV-VA2 export.ttl --milestone 'Version 1.0' --format csv",
        "0 done; 2 unusable input, an unknown REM or milestone",
    ),
    "rem diff": (
        "segur-kg rem diff REM_DB export_full.xlsx --from IT1 --to IT2",
        "segur-kg rem diff REM-LGC-MV-VA2 export_full.xlsx --demo --from IT1 --to 'Version 1.0' --format json",
        "0 done; 2 unusable input, an unknown REM or milestone",
    ),
    "equivalences suggest": (
        "segur-kg equivalences suggest export_full.xlsx --from REM_LGC --to REM_RIS",
        "segur-kg equivalences suggest export_full.xlsx --from REM-LGC-SF-VA2 --to REM-LGC-MV-VA2 -o suggested.csv",
        "0 written; 2 unusable input, an unknown REM or milestone",
    ),
    "equivalences compare": (
        "segur-kg equivalences compare suggested.csv data/reference/equivalences/EQ-MV.csv",
        "segur-kg equivalences compare suggested.csv published.csv --format json",
        "0 done; 2 a list is missing or malformed",
    ),
}


def epilog(command: str) -> str:
    first, second, codes = HELP_EXAMPLES[command]
    return f"Examples:\n\n  {first}\n\n  {second}\n\nExit codes: {codes}."
