"""Messages shared by every room: reading files, identifiers."""

MESSAGES = {
    "common.cannot-read": ("lecture impossible ({reason})", "cannot read the file ({reason})"),
    "common.not-utf8": ("pas du texte UTF-8", "not UTF-8 text"),
    "common.unknown-identifier": ("identifiant inconnu '{ident}'", "unknown identifier '{ident}'"),
    "common.wrong-kind": ("'{ident}' n'est pas : {kinds}", "'{ident}' is not a {kinds}"),
    "common.or": (" ou ", " or "),
}
