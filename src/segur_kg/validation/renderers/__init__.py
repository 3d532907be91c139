"""Renderers of a validation report: text, json, turtle and sarif."""
