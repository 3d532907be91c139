"""Messages of the synthetic national graph (``segur-kg synth``)."""

MESSAGES = {
    "synth.not-a-folder": ("un dossier est attendu, c'est un fichier", "expected a folder, found a file"),
    "synth.cannot-write": ("écriture impossible ({reason})", "cannot write ({reason})"),
    "synth.progress": ("Génération de {candidatures} candidatures", "Generating {candidatures} candidatures"),
}
