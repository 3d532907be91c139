"""Messages of the validation room: the text report's severity labels and summary."""

MESSAGES = {
    "validation.severity-violation": ("violation", "violation"),
    "validation.severity-warning": ("avertissement", "warning"),
    "validation.severity-info": ("info", "info"),
    "validation.summary": (
        "Bilan : {violations} violation(s), {warnings} avertissement(s), {infos} info(s) — {verdict}{scope}.",
        "Summary: {violations} violation(s), {warnings} warning(s), {infos} info(s) — {verdict}{scope}.",
    ),
    "validation.summary-conforms": ("conforme", "conforms"),
    "validation.summary-does-not-conform": ("non conforme", "does not conform"),
    "validation.summary-focus": (" (candidature {focus})", " (candidature {focus})"),
}
