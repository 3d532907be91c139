"""Messages of the command line itself."""

MESSAGES = {
    "cli.error": ("erreur", "error"),
    "cli.warning": ("avertissement", "warning"),
    "cli.warnings-hidden": (
        "avertissement : {count} autre(s) avertissement(s) de bibliothèques non affiché(s)",
        "warning: {count} more warning(s) from libraries not shown",
    ),
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
    "cli.usage.unknown-option": ("option inconnue {option}", "no such option {option}"),
    "cli.usage.missing": ("argument manquant : {name}", "missing argument: {name}"),
    "cli.usage.not-a-choice": (
        "valeur « {value} » refusée pour {option} : attendu l'une de {choices}",
        "value '{value}' refused for {option}: expected one of {choices}",
    ),
    "cli.usage.not-a-number": ("{option} attend un nombre", "{option} expects a number"),
    "cli.usage.bad-value": ("valeur refusée pour {option} : {detail}", "value refused for {option}: {detail}"),
    "cli.usage.no-value": ("l'option {option} ne prend pas de valeur", "option {option} takes no value"),
    "cli.usage.value-needed": ("l'option {option} attend une valeur", "option {option} needs a value"),
    "cli.usage.unknown-command": ("commande inconnue « {command} »", "no such command '{command}'"),
    "cli.usage.other": ("ligne de commande refusée : {detail}", "command line refused: {detail}"),
    "cli.usage.help": ("voir « {command} --help »", "see '{command} --help'"),
    "cli.aborted": ("interrompu", "aborted"),
    "cli.progress.rem": ("Lecture de {file}", "Reading {file}"),
    "cli.progress.validation": ("Validation de {triples} triplets", "Validating {triples} triples"),
    "cli.no-candidature": (
        "Aucune candidature dans le graphe : donnez vos dossiers (fichiers, répertoire ou motif), "
        "ou --demo pour la démonstration.",
        "No candidature in the graph: give your dossiers (files, a folder or a glob), or --demo for the demo.",
    ),
}
