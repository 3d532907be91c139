"""Hostile ``.rq`` files (issue 18): nesting that overflowed pyoxigraph's stack (a segfault, exit
139, no message), chains without brackets that do the same, rdflib's recursion, and files too
large. Size and bracket nesting are checked before any engine parses the query (docs/limits.md);
a user's query runs on a stack sized for it. Those that could crash run in a process of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.hostile import assert_refused, run_bounded

DEEP = "parentheses, braces or brackets nested deeper than {limit} levels: over the limit (SEGUR_KG_MAX_QUERY_NESTING)"


def write(tmp_path: Path, text: str, name: str = "hostile.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def parens(levels: int) -> str:
    return "SELECT ?x WHERE { BIND(" + "(" * levels + "1" + ")" * levels + " AS ?x) }\n"


@pytest.mark.parametrize(
    "text, place",
    [
        # 400 kB: over the size limit, refused before it is read further.
        ("SELECT * WHERE { FILTER(" + "(" * 200_000 + "1" + ")" * 200_000 + ") }\n", None),
        ("SELECT * WHERE { FILTER(" + "(" * 50_000 + "1" + ")" * 50_000 + ") }\n", "line 1, column 39"),
        ("SELECT * WHERE " + "{" * 50_000 + "}" * 50_000 + "\n", "line 1, column 32"),
    ],
    ids=["200000-parentheses", "50000-parentheses", "50000-braces"],
)
def test_deeply_nested_brackets_are_refused_before_pyoxigraph_parses_them(tmp_path, text, place):
    # Before issue 18: exit -11 (SIGSEGV), nothing printed.
    path = write(tmp_path, text)
    done = run_bounded("query", path, "--lang", "en", timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr[-1500:])
    if place is None:
        size = len(text)
        expected = f"{size} bytes: over the limit of 131072 bytes for a query (SEGUR_KG_MAX_QUERY_BYTES)"
        assert done.stderr.splitlines() == [f"error: {path}: {expected}"]
    else:
        assert done.stderr.splitlines() == [f"error: {path}: {place}: {DEEP.format(limit=16)}"]
    assert done.stdout == ""


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_nesting_at_the_limit_runs_on_both_engines(tmp_path, store):
    # Two levels for the group and BIND's own parenthesis: 14 more make 16.
    result = invoke("query", write(tmp_path, parens(14)), "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "1"]


def test_nesting_past_the_limit_names_its_line_and_column(tmp_path):
    path = write(tmp_path, "# a comment\n" + parens(15))
    assert_refused(
        invoke("query", path, "--lang", "en"),
        f"error: {path}: line 2, column {len('SELECT ?x WHERE { BIND(') + 15}: {DEEP.format(limit=16)}",
    )


def test_brackets_in_strings_iris_and_comments_do_not_count(tmp_path):
    text = (
        "# ((((((((((((((((((((\n"
        'SELECT ?x WHERE { BIND("((((((((((((((((((((" AS ?x)\n'
        "FILTER(?x != <http://example.org/((((((((((((((((((((>) }\n"
    )
    result = invoke("query", write(tmp_path, text), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "(((((((((((((((((((("]


def test_the_nesting_limit_is_overridden(tmp_path, monkeypatch):
    path = write(tmp_path, parens(30))
    monkeypatch.setenv("SEGUR_KG_MAX_QUERY_NESTING", "32")
    result = invoke("query", path, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("SEGUR_KG_MAX_QUERY_NESTING", "31")
    assert_refused(
        invoke("query", path, "--lang", "en"),
        f"error: {path}: line 1, column {len('SELECT ?x WHERE { BIND(') + 30}: {DEEP.format(limit=31)}",
    )


def test_a_chain_without_brackets_runs_on_a_stack_sized_for_it(tmp_path):
    # 60,000 `!` nest as deep as 60,000 parentheses, with none to count: before issue 18 a chain of
    # 10,000 overflowed pyoxigraph's stack. The query runs in a thread whose stack grows with its size.
    path = write(tmp_path, "SELECT ?x WHERE { BIND(" + "!" * 60_000 + "true AS ?x) }\n")
    done = run_bounded("query", path, "--format", "csv", timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-1500:])
    assert done.stdout.splitlines() == ["x", "true"]


def test_rdflib_running_out_of_recursion_is_one_line(tmp_path):
    # rdflib builds a UNION chain's algebra recursively, in Python: 800 branches pass its recursion limit.
    path = write(tmp_path, "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 800) + " }\n")
    assert_refused(
        invoke("query", path, "--store", "rdflib", "--lang", "en"),
        f"error: {path}: query nested too deep for the rdflib engine (Python's recursion limit): "
        "simplify it or run it on the default store",
    )


def test_query_size_limit(tmp_path, monkeypatch):
    text = "SELECT * WHERE { ?s ?p ?o } LIMIT 1\n# " + "x" * (128 << 10) + "\n"
    path = write(tmp_path, text)
    size = len(text.encode("utf-8"))
    assert_refused(
        invoke("query", path, "--lang", "en"),
        f"error: {path}: {size} bytes: over the limit of 131072 bytes for a query (SEGUR_KG_MAX_QUERY_BYTES)",
    )
    monkeypatch.setenv("SEGUR_KG_MAX_QUERY_BYTES", str(size))
    assert invoke("query", path, "--format", "csv").exit_code == 0


def test_a_table_shows_values_and_title_as_inert_text(tmp_path):
    # rich read "[/bold]" as markup and failed on it (MarkupError, a traceback); an escape sequence
    # in a literal reached the terminal as it was.
    text = '# title-en: [/oops] title\nSELECT ?x WHERE { VALUES ?x { "[/bold] x" "\\u001b[2Jred\\u202e" } }\n'
    result = invoke("query", write(tmp_path, text), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip(" │┃") for line in result.stdout.splitlines()]
    assert lines[0].strip() == "[/oops] title"
    assert "[/bold] x" in lines and "\\x1b[2Jred\\u202e" in lines
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert lines[-1] == "2 row(s)."


def test_csv_and_json_keep_the_values_as_they_are(tmp_path):
    text = 'SELECT ?x WHERE { BIND("\\u001b[2J" AS ?x) }\n'
    result = invoke("query", write(tmp_path, text), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "\x1b[2J"]
