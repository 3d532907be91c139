"""Messages of the command line itself."""

MESSAGES = {
    "cli.error": ("erreur", "error"),
    "cli.imported": (
        "{dossiers} dossier(s) et {rdf_files} fichier(s) RDF importés : {triples} triplets.",
        "Imported {dossiers} dossier(s) and {rdf_files} RDF file(s): {triples} triples.",
    ),
    "cli.info.triples": (
        "[bold]{triples}[/bold] triplets (magasin {store})",
        "[bold]{triples}[/bold] triples ({store} store)",
    ),
    "cli.info.classes": ("Instances par classe", "Instances per class"),
    "cli.info.class": ("classe", "class"),
    "cli.info.label": ("libellé", "label"),
    "cli.info.dispositifs": ("Dispositifs", "Dispositifs"),
    "cli.info.dispositif": ("dispositif", "dispositif"),
    "cli.info.wave": ("vague", "wave"),
    "cli.info.requirements": ("exigences", "requirements"),
    "cli.info.vague1": ("périmètre Vague 1", "vague 1 perimeter"),
    "cli.info.socle": ("liées au socle", "socle-linked"),
    "cli.info.component": ("composant additionnel", "additional component"),
    "cli.info.scenarios": ("scénarios", "scenarios"),
    "cli.whatif.one-change": (
        "une seule modification attendue : --add-profile, --add-component ou --root",
        "expected exactly one change: --add-profile, --add-component or --root",
    ),
    "cli.impact.one-target": (
        "une seule cible attendue : --nru, --component ou --commercial-name",
        "expected exactly one target: --nru, --component or --commercial-name",
    ),
    "cli.impact.unknown-change": (
        "'{change}' inconnu : attendu l'un de {kinds}",
        "unknown '{change}': expected one of {kinds}",
    ),
    "cli.derived": (
        "{triples} triplets dérivés dans le graphe <{graph}> au {day}.",
        "{triples} derived triples in graph <{graph}> as of {day}.",
    ),
    "cli.query.name-expected": (
        "nom de requête ou fichier .rq attendu (ou --list)",
        "expected a query name or a .rq file (or --list)",
    ),
    "cli.synth.written": (
        "{candidatures} candidatures, {triples} triplets, {cases} cas qui enfreignent une règle "
        "-> {file} ({seconds} s).",
        "{candidatures} candidatures, {triples} triples, {cases} rule-breaking cases -> {file} ({seconds} s).",
    ),
}
