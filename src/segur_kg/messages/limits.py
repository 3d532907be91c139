"""Messages of the input limits (``segur_kg.limits``, docs/limits.md)."""

MESSAGES = {
    "limits.bad-override": (
        "nombre entier positif attendu, « {value} » trouvé (voir docs/limits.md)",
        "expected a positive whole number, found '{value}' (see docs/limits.md)",
    ),
}
