"""The ``%%sparql`` cell magic in a real IPython shell: on the graph last opened or a named one, with
``{name}`` parameters written as SPARQL terms (an injection attempt stays one string), SPARQL errors
as one line."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

import segur_kg
from segur_kg.errors import InputError
from segur_kg.kg.magic import CellError, fill_placeholders, sparql_term

IPython = pytest.importorskip("IPython")

DISPOSITIF_DATE2 = (
    "SELECT ?d ?date2 WHERE { ?x a sgr:Dispositif ; dcterms:identifier ?d ; sgr:date2 ?date2 . FILTER(?d = {wanted}) }"
)


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "segur_kg")
    yield ip
    ip.run_line_magic("unload_ext", "segur_kg")


@pytest.fixture(scope="module")
def demo():
    return segur_kg.open(demo=True)


def run(shell, line: str, cell: str):
    return shell.run_cell(f"%%sparql {line}\n{cell}", store_history=False)


def test_a_cell_runs_on_the_graph_last_opened_with_a_parameter(shell, demo):
    segur_kg.open(demo=True)
    shell.user_ns["wanted"] = "DUI-MS-VA2"
    result = run(shell, "", DISPOSITIF_DATE2)
    assert result.error_in_exec is None, result.error_in_exec
    frame = result.result
    assert frame.to_dict("records") == [{"d": "DUI-MS-VA2", "date2": frame["date2"].iloc[0]}]
    assert frame["date2"].iloc[0].date() == date(2026, 7, 31) and str(frame["date2"].dtype) == "datetime64[ns]"


def test_a_cell_names_its_graph_and_a_date_parameter_is_an_xsd_date(shell, demo):
    shell.user_ns.update({"kg": demo, "day": date(2026, 7, 31)})
    result = run(shell, "kg", "SELECT ?d WHERE { ?x a sgr:Dispositif ; dcterms:identifier ?d ; sgr:date2 {day} }")
    assert result.error_in_exec is None, result.error_in_exec
    assert result.result["d"].tolist() == ["DUI-MS-VA2"]


def test_an_injection_attempt_stays_one_string(shell, demo):
    shell.user_ns["kg"] = demo
    shell.user_ns["wanted"] = 'x") || true || ("'
    result = run(shell, "kg", DISPOSITIF_DATE2)
    assert result.error_in_exec is None, result.error_in_exec
    assert result.result.empty  # the whole text is compared, as one literal: no dispositif is called that
    shell.user_ns["wanted"] = 'x" } ?a ?b ?c { "'
    assert run(shell, "kg", DISPOSITIF_DATE2).result.empty


def test_a_sparql_error_is_one_line(shell, demo, capsys):
    shell.user_ns["kg"] = demo
    result = run(shell, "kg", "SELECT ?d WHERE { ?x a sgr:Dispositif ; dcterms:identifier ?d")
    assert isinstance(result.error_in_exec, CellError)
    lines = result.error_in_exec._render_traceback_()
    assert len(lines) == 1 and lines[0].startswith("error: query: invalid SPARQL: ")
    assert "Traceback" not in capsys.readouterr().out


def test_an_unknown_parameter_and_a_wrong_graph_are_one_line(shell, demo):
    shell.user_ns["kg"] = demo
    shell.user_ns.pop("missing", None)
    result = run(shell, "kg", "SELECT ?s WHERE { ?s ?p {missing} }")
    assert str(result.error_in_exec) == "error: %%sparql: parameter {missing}: no variable missing in the notebook"
    shell.user_ns["not_a_graph"] = 3
    result = run(shell, "not_a_graph", "SELECT ?s WHERE { ?s ?p ?o }")
    assert str(result.error_in_exec) == (
        "error: %%sparql: %%sparql not_a_graph: variable not_a_graph is not a graph of segur_kg.open(...)"
    )


def test_a_users_mistake_in_any_cell_is_one_line_once_loaded(shell, capsys):
    result = shell.run_cell("import segur_kg\nsegur_kg.open('/nonexistent/dossier.yaml')", store_history=False)
    assert isinstance(result.error_in_exec, InputError)
    out = capsys.readouterr().out
    assert out.startswith("error: /nonexistent/dossier.yaml: ") and out.count("\n") == 1


def test_placeholders_inside_strings_iris_and_comments_are_left_alone():
    query = "SELECT * WHERE { ?s ?p \"{x}\" . ?s <http://e/x> '''{x}''' } # {x}\n LIMIT {n}"
    assert fill_placeholders(query, {"n": 3}) == query.replace("{n}", "3")


XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ('a"b\\c\nd', '"a\\"b\\\\c\\nd"'),
        (True, "true"),
        (-7, "-7"),
        (1.5, f'"1.5"^^<{XSD}double>'),
        (Decimal("2.50"), f'"2.50"^^<{XSD}decimal>'),
        (date(2026, 7, 1), f'"2026-07-01"^^<{XSD}date>'),
        (datetime(2026, 7, 1, 12, 30), f'"2026-07-01T12:30:00"^^<{XSD}dateTime>'),
        (
            URIRef("https://w3id.org/segur-kg/id/candidature/C1-CAND"),
            "<https://w3id.org/segur-kg/id/candidature/C1-CAND>",
        ),
        (Literal("chat", lang="fr"), '"chat"@fr'),
    ],
)
def test_python_values_become_typed_sparql_terms(value, term):
    assert sparql_term("x", value) == term


@pytest.mark.parametrize("iri", ["https://e/a> } ?s ?p ?o { <x", "no-scheme", "https://e/a b"])
def test_an_iri_that_could_leave_its_brackets_is_refused(iri):
    with pytest.raises(InputError, match=r"^%%sparql: parameter \{x\}: .* is not an absolute IRI"):
        sparql_term("x", URIRef(iri))


def test_other_values_are_refused():
    with pytest.raises(InputError, match=r"a value of type list does not become a SPARQL term"):
        sparql_term("x", ["a"])


def test_an_integer_parameter_fits_where_sparql_wants_a_bare_integer(shell, demo):
    shell.user_ns.update({"kg": demo, "how_many": 2})
    result = run(
        shell, "kg", "SELECT ?d WHERE { ?x a sgr:Dispositif ; dcterms:identifier ?d } ORDER BY ?d LIMIT {how_many}"
    )
    assert result.error_in_exec is None, result.error_in_exec
    assert len(result.result) == 2
