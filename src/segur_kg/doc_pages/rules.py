"""The rule index as a page (``/rules``): the data segur_kg.rule_index writes docs/rules.md from (each
rule's statement, shapes, engine functions, examples and tests), one element per rule with
``id="ROOT-3"``, so that the other pages link to ``/rules#ROOT-3``; and, for each rule, the ontology
terms it concerns (the reverse of the ontology page's rules).

In a source checkout the data is the rule index's own (``rule_index.collect``). An installed wheel
carries no tests and no ``src/``: the rules, their statements, shapes and examples are read from the
bundled files as the rule index reads them, the engine functions from the installed package, and the
page says that the tests are listed from a checkout only.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from segur_kg import rule_index
from segur_kg.doc_pages.ontology import OntologyDoc, Term, rule_sort_key
from segur_kg.doc_pages.ontology import read as read_ontology
from segur_kg.doc_pages.page import document, esc, localised
from segur_kg.messages import text
from segur_kg.resources import checkout_dir, ontology_path, project_home, shapes_dir


def installed_engine() -> dict[str, list[rule_index.EngineRef]]:
    """Rule ID -> the engine functions marked for it, their files named inside the installed package
    (``segur_kg/engine/roots.py``): there is no checkout to name them from."""
    package_parent = Path(inspect.getfile(rule_index)).resolve().parent.parent
    found = {}
    for rule, names in rule_index.engine_functions().items():
        refs = []
        for name in names:
            module, _ = rule_index.resolve(name)
            refs.append(
                rule_index.EngineRef(
                    name, Path(inspect.getfile(module)).resolve().relative_to(package_parent).as_posix()
                )
            )
        found[rule] = refs
    return found


def collect() -> tuple[list[rule_index.RuleEntry], bool]:
    """The rules with what checks, decides, breaks and tests them, and whether the tests could be read
    (a source checkout that is the project's home)."""
    checkout = checkout_dir()
    home = project_home()
    if checkout is not None and checkout.resolve() == home.resolve():
        return rule_index.collect(checkout), True
    entries = rule_index.read_rules()
    shapes = rule_index.read_shapes(home)
    engine = installed_engine()
    invalid, worked = rule_index.read_examples(home)
    for entry in entries:
        entry.shapes = shapes.get(entry.id, [])
        entry.engine = engine.get(entry.id, [])
        entry.invalid_examples = invalid.get(entry.id, [])
        entry.worked_examples = worked.get(entry.id, [])
    return entries, False


def family_name(family: str, lang: str) -> str:
    """The ontology's families are written ``French / English`` (``Solution racine / Root solution``)."""
    parts = [part.strip() for part in family.split(" / ")]
    if len(parts) == 2:
        return parts[0] if lang == "fr" else parts[1]
    return family or text("reference.rules.other-family", lang)


def _items(values: list[str], lang: str) -> str:
    if not values:
        return f'<span class="none">{esc(text("reference.none", lang))}</span>'
    return "<ul>" + "".join(f"<li>{value}</li>" for value in values) + "</ul>"


def _code(value: str) -> str:
    return f"<code>{esc(value)}</code>"


def _term_link(term: Term, lang: str) -> str:
    href = localised("/ontology", lang, term.name)
    return f'<a class="term" href="{esc(href)}"><code>sgr:{esc(term.name)}</code></a>'


def render_entry(entry: rule_index.RuleEntry, terms: list[Term], tests_read: bool, lang: str) -> str:
    t = lambda key: esc(text(key, lang))  # noqa: E731 - a short local for the many headings below
    statement = entry.statements.get(lang) or entry.statements.get("en", "")
    statement_lang = lang if lang in entry.statements else "en"
    note = "" if statement_lang == lang else f' title="{t("reference.statement-in-english")}"'
    shapes = [
        f"{_code(s.id)} ({esc(text(f'reference.rules.severity.{s.severity}', lang))}), {_code(s.file)}"
        for s in entry.shapes
    ]
    rows = [
        ("reference.rules.shapes", _items(shapes, lang)),
        ("reference.rules.engine", _items([f"{_code(e.name)}, {_code(e.file)}" for e in entry.engine], lang)),
        ("reference.rules.invalid-examples", _items([_code(p) for p in entry.invalid_examples], lang)),
        ("reference.rules.worked-examples", _items([_code(p) for p in entry.worked_examples], lang)),
    ]
    if tests_read:
        rows.append(("reference.rules.tests", _items([_code(test.node) for test in entry.tests], lang)))
    rows.append(("reference.rules.terms", _items([_term_link(term, lang) for term in terms], lang)))
    cells = "".join(f"<dt>{t(key)}</dt><dd>{value}</dd>" for key, value in rows)
    return (
        f'<section class="rule" id="{esc(entry.id)}">\n<h3>{esc(entry.id)}</h3>\n'
        f'<p class="statement" lang="{statement_lang}"{note}>{esc(statement)}</p>\n<dl>{cells}</dl>\n</section>'
    )


def render(entries: list[rule_index.RuleEntry], ontology: OntologyDoc, tests_read: bool, lang: str) -> str:
    """The page in ``lang``: an overview table, then the rules by family, in the order of the domain."""
    terms_of = ontology.rules_to_terms()
    t = lambda key, **values: esc(text(key, lang, **values))  # noqa: E731
    parts = [f"<p>{t('reference.rules.introduction', count=len(entries))}</p>"]
    if not tests_read:
        parts.append(f'<p class="note">{t("reference.rules.tests-not-installed")}</p>')
    head = "".join(
        f"<th>{t(key)}</th>"
        for key in (
            "reference.rules.rule",
            "reference.rules.family",
            "reference.rules.shapes",
            "reference.rules.engine",
        )
    )
    if tests_read:
        head += f"<th>{t('reference.rules.tests')}</th>"
    rows = []
    for entry in entries:
        cells = (
            f'<td><a href="#{esc(entry.id)}">{esc(entry.id)}</a></td><td>{esc(family_name(entry.family, lang))}</td>'
            f"<td>{len(entry.shapes)}</td><td>{len(entry.engine)}</td>"
        )
        if tests_read:
            cells += f"<td>{len(entry.tests)}</td>"
        rows.append(f"<tr>{cells}</tr>")
    parts.append(
        f'<section id="overview"><h2>{t("reference.rules.overview")}</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )
    family = None
    for entry in entries:
        if entry.family != family:
            family = entry.family
            parts.append(f"<h2>{esc(family_name(family, lang))}</h2>")
        terms = sorted(terms_of.get(entry.id, []), key=lambda term: term.name)
        parts.append(render_entry(entry, terms, tests_read, lang))
    return document(lang, text("reference.rules.title", lang), "/rules", "\n".join(parts))


def rules_pages() -> dict[str, str]:
    """The page in each language, from one reading of the sources."""
    entries, tests_read = collect()
    ontology = read_ontology(ontology_path(), shapes_dir())
    missing = set(ontology.rule_ids) - {entry.id for entry in entries}
    if missing:  # the rule index reads the same ontology: cannot happen unless one of them is broken
        raise RuntimeError(f"rules of the ontology missing from the rule index: {sorted(missing, key=rule_sort_key)}")
    return {lang: render(entries, ontology, tests_read, lang) for lang in ("fr", "en")}
