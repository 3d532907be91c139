"""Messages of REMs over time and of the equivalence lists derived from the socle graph (``segur_kg.catalogue``)."""

MESSAGES = {
    "catalogue.no-export": (
        "aucun export Squash parmi les fichiers : attendu un export .xlsx ou le RDF qu'en écrit import-rem",
        "no Squash export among the files: expected an .xlsx export or the RDF import-rem writes from it",
    ),
    "catalogue.not-squash": (
        "ce tableau n'est pas un export Squash TM (feuille REQUIREMENT)",
        "this table is not a Squash TM export (REQUIREMENT sheet)",
    ),
    "catalogue.two-exports": (
        "un second export des référentiels : {first} en est déjà un",
        "a second export of the catalogues: {first} is one already",
    ),
    "catalogue.rdf-unreadable": ("RDF illisible : {error}", "unreadable RDF: {error}"),
    "catalogue.unknown-rem": (
        "REM inconnu '{name}' : attendu l'un de {known}",
        "unknown REM '{name}': expected one of {known}",
    ),
    "catalogue.unknown-milestone": (
        "jalon inconnu '{name}' : attendu l'un de {known}",
        "unknown milestone '{name}': expected one of {known}",
    ),
    "catalogue.no-such-list": ("liste d'équivalences introuvable", "no such equivalence list"),
    "catalogue.same-socle": ("Même exigence socle {socles}.", "Same socle requirement {socles}."),
    "catalogue.show.title": (
        "{rem} ({catalogue}) au jalon {milestone} : {count} exigences en vigueur",
        "{rem} ({catalogue}) at milestone {milestone}: {count} requirements in force",
    ),
    "catalogue.show.line": (
        "{requirement} v{version} {status} {criticality} profil « {profile} » socle {socle}{counterpart}",
        "{requirement} v{version} {status} {criticality} profile '{profile}' socle {socle}{counterpart}",
    ),
    "catalogue.no-counterpart": (" (sans équivalent dans {rem})", " (no counterpart in {rem})"),
    "catalogue.none": ("aucun", "none"),
    "catalogue.diff.title": (
        "{rem} ({catalogue}) de {start} à {end} : {added} ajoutées, {removed} retirées, {changed} modifiées",
        "{rem} ({catalogue}) from {start} to {end}: {added} added, {removed} removed, {changed} changed",
    ),
    "catalogue.diff.added": (
        "+ {requirement} v{version} ajoutée{counterpart}",
        "+ {requirement} v{version} added{counterpart}",
    ),
    "catalogue.diff.removed": (
        "- {requirement} v{version} retirée{counterpart}",
        "- {requirement} v{version} removed{counterpart}",
    ),
    "catalogue.diff.changed": ("~ {requirement} : {changes}", "~ {requirement}: {changes}"),
    "catalogue.diff.change": ("{what} {before} → {after}", "{what} {before} → {after}"),
    "catalogue.diff.what.number": ("version", "version"),
    "catalogue.diff.what.profile": ("profil", "profile"),
    "catalogue.diff.what.criticality": ("criticité", "criticality"),
    "catalogue.diff.what.socle": ("socle", "socle"),
    "catalogue.diff.candidature": (
        "Candidature {candidature} ({rem}) : {count} changements de périmètre",
        "Candidature {candidature} ({rem}): {count} perimeter changes",
    ),
    "catalogue.impact.new-to-deposit": (
        "  nouvelle exigence à déposer : {requirement}",
        "  new requirement to deposit: {requirement}",
    ),
    "catalogue.impact.no-counterpart": (
        "  exigence ajoutée {export_requirement} sans équivalent dans {rem}",
        "  added requirement {export_requirement} has no counterpart in {rem}",
    ),
    "catalogue.impact.deposit-again": (
        "  {requirement} modifiée : la preuve est à déposer de nouveau",
        "  {requirement} changed: its proof is to be deposited again",
    ),
    "catalogue.impact.exemption-lost": (
        "  {requirement} ({decision}) : l'exemption ne tient plus, elle reposait sur {export_requirement}"
        " modifiée (exigence racine {root_requirement}, origine {origin}, via {via})",
        "  {requirement} ({decision}): the exemption no longer holds, it rested on {export_requirement}, which"
        " changed (root requirement {root_requirement}, origin {origin}, via {via})",
    ),
    "catalogue.impact.no-longer-asked": (
        "  {requirement} retirée : n'est plus demandée ({decision})",
        "  {requirement} removed: no longer asked ({decision})",
    ),
    "catalogue.suggested": (
        "{pairs} paires suggérées de {root} vers {candidate} ; {missing} exigences dérivées d'un socle sans"
        " équivalent dans le REM du projet : {names}",
        "{pairs} pairs suggested from {root} to {candidate}; {missing} requirements derived from a socle have no"
        " counterpart in the project's REM: {names}",
    ),
    "catalogue.compare.title": (
        "{suggested} contre {published} : précision {precision} ({common}/{found}), rappel {recall}"
        " ({common}/{expected})",
        "{suggested} against {published}: precision {precision} ({common}/{found}), recall {recall}"
        " ({common}/{expected})",
    ),
    "catalogue.compare.common": ("Dans les deux ({count}) :", "In both ({count}):"),
    "catalogue.compare.only-suggested": (
        "Suggérées, absentes de la liste publiée ({count}) :",
        "Suggested, not in the published list ({count}):",
    ),
    "catalogue.compare.only-published": (
        "Publiées, non suggérées ({count}) :",
        "Published, not suggested ({count}):",
    ),
}
