"""Hostile RDF files (issue 18): nesting that rdflib's parsers and Turtle writer would recurse on,
terms over pyoxigraph's 16 MiB buffer, literals `import` could not read back, and a library's
warning printed with its traceback. Each limit is refused with one line naming the file, the line
and the limit (docs/limits.md), exit 2 and nothing written; at the limit, the file imports."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from helpers.cli import invoke
from helpers.hostile import assert_refused

EX = "@prefix ex: <http://example.org/> .\n"
NESTING = "brackets or parentheses nested deeper than 64 levels: over the limit (SEGUR_KG_MAX_RDF_NESTING)"


JSON_PREFIX, JSON_LEVEL = '{"@id": "http://example.org/s", "http://example.org/p": ', '{"http://example.org/p": '
JSON_COLUMN = len(JSON_PREFIX) + 63 * len(JSON_LEVEL) + 1  # the document's "{" is the first level


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def blank_nodes(levels: int) -> str:
    return "[ ex:p " * levels + "ex:o" + " ]" * levels


def import_(*args: object):
    return invoke("import", *args, "--lang", "en")


@pytest.mark.parametrize(
    "name, text, column",
    [
        # 100,000 nested collections: rdflib's Turtle parser raised RecursionError.
        ("lists.ttl", EX + "ex:s ex:p " + "(" * 100_000 + ")" * 100_000 + " .\n", 75),
        ("nodes.ttl", EX + "ex:s ex:p " + blank_nodes(1000) + " .\n", len("ex:s ex:p ") + 64 * len("[ ex:p ") + 1),
        ("graph.trig", EX + "ex:g { ex:s ex:p " + blank_nodes(1000) + " }\n", len("ex:g { ex:s ex:p ") + 64 * 7 + 1),
        # rdflib's JSON-LD parser reads the JSON with Python's json module, which recurses too.
        (
            "nested.jsonld",
            JSON_PREFIX + JSON_LEVEL * 1000 + '"x"' + "}" * 1001 + "\n",
            JSON_COLUMN,
        ),
    ],
)
def test_deep_nesting_given_to_import_is_refused_with_its_line(tmp_path, name, text, column):
    path = write(tmp_path, name, text)
    out = tmp_path / "out.ttl"
    line = 1 if name.endswith(".jsonld") else 2
    assert_refused(import_(path, "-o", out), f"error: {path}: line {line}, column {column}: {NESTING}")
    assert not out.exists()


def test_nesting_at_the_limit_imports_and_reads_back(tmp_path):
    path = write(tmp_path, "deep.ttl", EX + "ex:s ex:p " + blank_nodes(64) + " .\n")
    out = tmp_path / "out.ttl"
    result = import_(path, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == ["Imported 0 dossier(s) and 1 RDF file(s): 65 triples."]
    assert len(rdflib.Graph().parse(out, format="turtle")) == 65


def test_a_flat_list_is_not_nesting(tmp_path):
    # A list is a chain of rdf:rest cells, which the writer lays out on one level.
    path = write(tmp_path, "list.ttl", EX + "ex:s ex:p (" + " ".join(str(i) for i in range(20_000)) + ") .\n")
    out = tmp_path / "out.ttl"
    result = import_(path, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert len(rdflib.Graph().parse(out, format="turtle")) == 40_001


def test_a_chain_of_blank_nodes_in_n_triples_is_refused_before_the_writer_recurses(tmp_path):
    # N-Triples has no brackets, but rdflib's Turtle writer nests each blank node used once.
    lines = ["<http://example.org/s> <http://example.org/p> _:b0 ."]
    lines += [f"_:b{i} <http://example.org/p> _:b{i + 1} ." for i in range(1000)]
    path = write(tmp_path, "chain.nt", "\n".join(lines) + "\n")
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, "-o", out),
        f"error: {path}: line 1: blank nodes nested deeper than 64 levels under <http://example.org/s>: "
        "over the limit (SEGUR_KG_MAX_RDF_NESTING)",
    )
    assert not out.exists()


def test_a_cycle_of_blank_nodes_imports(tmp_path):
    text = "_:a <http://example.org/p> _:b .\n_:b <http://example.org/p> _:a .\n"
    result = import_(write(tmp_path, "cycle.nt", text))
    assert result.exit_code == 0, result.stderr
    assert len(rdflib.Graph().parse(data=result.stdout, format="turtle")) == 2


def test_nesting_is_checked_for_the_rdflib_store(tmp_path):
    path = write(tmp_path, "deep.ttl", EX + "ex:s ex:p " + "(" * 5000 + ")" * 5000 + " .\n")
    assert_refused(
        invoke("validate", path, "--store", "rdflib", "--lang", "en"), f"error: {path}: line 2, column 75: {NESTING}"
    )


def test_the_nesting_limit_is_overridden(tmp_path, monkeypatch):
    path = write(tmp_path, "deep.ttl", EX + "ex:s ex:p " + blank_nodes(100) + " .\n")
    monkeypatch.setenv("SEGUR_KG_MAX_RDF_NESTING", "100")
    assert import_(path).exit_code == 0
    monkeypatch.setenv("SEGUR_KG_MAX_RDF_NESTING", "99")
    assert_refused(
        import_(path),
        f"error: {path}: line 2, column {10 + 99 * 7 + 1}: brackets or parentheses nested deeper than 99 levels: "
        "over the limit (SEGUR_KG_MAX_RDF_NESTING)",
    )


@pytest.mark.parametrize("command, store", [("import", False), ("validate", False), ("info", False), ("info", True)])
def test_a_term_over_the_parsers_buffer_is_one_line_not_a_memory_error(tmp_path, command, store):
    # A store folder is checked by a strict parse before pyoxigraph's bulk loader writes it.
    path = write(tmp_path, "big.ttl", EX + "ex:s ex:p ex:o .\n" + 'ex:s ex:q "' + "a" * (17 << 20) + '" .\n')
    folder = ["--store", str(tmp_path / "store")] if store else []
    assert_refused(
        invoke(command, path, *folder, "--lang", "en"),
        f"error: {path}: line 3: a term (literal or IRI) of more than 16777216 bytes: over what the RDF parser reads",
    )


def test_import_refuses_a_literal_it_could_not_read_back(tmp_path, monkeypatch):
    # The parser reads terms up to 16 MiB, but `import` writes escapes (\" for ", \\ for \): its own
    # literals are bounded far below (SEGUR_KG_MAX_LITERAL_BYTES), lowered here to keep the file small.
    monkeypatch.setenv("SEGUR_KG_MAX_LITERAL_BYTES", "1000")
    path = write(tmp_path, "text.ttl", EX + "ex:a ex:p ex:b .\n\nex:s ex:q '" + '"' * 1001 + "' .\n")
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, "-o", out),
        f"error: {path}: line 4: a literal of 1001 bytes (subject <http://example.org/s>): over the limit of 1000 "
        "bytes (SEGUR_KG_MAX_LITERAL_BYTES)",
    )
    assert not out.exists()
    monkeypatch.setenv("SEGUR_KG_MAX_LITERAL_BYTES", "1001")
    assert import_(path, "-o", out).exit_code == 0
    written = rdflib.Graph().parse(out, format="turtle")
    assert (
        str(written.value(rdflib.URIRef("http://example.org/s"), rdflib.URIRef("http://example.org/q"))) == '"' * 1001
    )


def test_an_ill_typed_literal_warns_on_one_line_without_a_traceback(tmp_path):
    # rdflib logs its failed conversion with the traceback (exc_info): the command succeeds anyway.
    path = write(
        tmp_path, "int.ttl", EX + '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\nex:s ex:p "abc"^^xsd:integer .\n'
    )
    result = import_(path)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning (rdflib): Failed to convert Literal lexical form to value. "
        "Datatype=http://www.w3.org/2001/XMLSchema#integer, Converter=<class 'int'>",
        "Imported 0 dossier(s) and 1 RDF file(s): 1 triples.",
    ]
    assert '"abc"^^xsd:integer' in result.stdout


def test_libraries_warnings_are_one_line_each_once_and_counted_past_ten(capsys):
    from segur_kg.cli.output import third_party_warnings  # here: the module's other tests run without it

    with third_party_warnings():
        try:
            int("abc")
        except ValueError:
            logging.getLogger("rdflib.term").warning("Failed to convert %s", "abc", exc_info=True)
        logging.getLogger("rdflib.term").warning("Failed to convert %s", "abc")
        warnings.warn("Workbook contains no default style\nsecond line", UserWarning, stacklevel=1)
        for number in range(12):
            logging.getLogger("openpyxl.reader").warning("extension %d is not supported", number)
        logging.getLogger("rdflib").info("not shown: below warnings")
    assert capsys.readouterr().err.splitlines() == [
        "warning (rdflib): Failed to convert abc",
        "warning (UserWarning): Workbook contains no default style",
        *[f"warning (openpyxl): extension {number} is not supported" for number in range(8)],
        "warning: 4 more warning(s) from libraries not shown",
    ]
    assert not any(
        isinstance(h, logging.Handler) and type(h).__name__ == "_ThirdPartyLines" for h in logging.getLogger().handlers
    )


def test_import_writes_only_what_it_can_read_back(tmp_path):
    # Found by the fuzz suite: rdflib's JSON-LD parser kept "0ttps://…" (no IRI: a scheme starts with
    # a letter) and `import` wrote Turtle that no parser reads. The file is read as pyoxigraph reads
    # it, as `validate` loads it: the node whose @id is no IRI is left out, as JSON-LD says.
    text = (
        '[{"@id": "0ttps://example.org/s", "http://example.org/p": [{"@value": "dropped"}]},'
        ' {"@id": "https://example.org/t", "http://example.org/p": [{"@value": "kept"}]}]\n'
    )
    path = write(tmp_path, "ids.jsonld", text)
    out = tmp_path / "out.ttl"
    result = import_(path, "-o", out)
    assert result.exit_code == 0, result.stderr
    written = {(q.subject.value, q.object.value) for q in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)}
    assert written == {("https://example.org/t", "kept")}


def test_import_keeps_the_default_graph_and_the_files_prefixes(tmp_path):
    text = EX + 'ex:a ex:b ex:c .\nex:g { ex:s ex:p "in a named graph" . }\n'
    result = import_(write(tmp_path, "graphs.trig", text))
    assert result.exit_code == 0, result.stderr
    assert "ex:a ex:b ex:c ." in result.stdout.splitlines()
    assert "named graph" not in result.stdout


@pytest.mark.parametrize(
    "term, what",
    [
        ("<<( ex:a ex:b ex:c )>>", "an RDF 1.2 triple term (<<( … )>>)"),
        ('"texte"@fr--ltr', "a literal with an RDF 1.2 text direction (@en--ltr)"),
    ],
)
def test_rdf_1_2_terms_that_import_cannot_write_are_refused(tmp_path, term, what):
    path = write(tmp_path, "new.ttl", EX + f"ex:s ex:p {term} .\n")
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, "-o", out),
        f"error: {path}: line 2: {what} under <http://example.org/s>: import writes Turtle 1.1, which has none",
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "name, text, expected",
    [
        (
            "new.nt",
            "<http://example.org/s> <http://example.org/p> <<( <http://example.org/a> <http://example.org/b> "
            "<http://example.org/c> )>> .\n",
            "malformed RDF (nt): Invalid line: <http://example.org/b> <http://example.org/c> )>> .",
        ),
        (
            "new.ttl",
            EX + 'ex:s ex:p "texte"@fr--ltr .\n',
            "line 2: malformed RDF (turtle): at line 2 of <>: Bad syntax (expected '.' or '}' or ']' at end of "
            "statement)",
        ),
    ],
)
def test_rdf_1_2_that_rdflib_cannot_parse_is_one_error_line_for_the_rdflib_store(tmp_path, name, text, expected):
    # pyoxigraph's strict check reads RDF 1.2; rdflib's parsers then raised ParserError (a traceback).
    path = write(tmp_path, name, text)
    result = invoke("validate", path, "--store", "rdflib", "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"error: {path}: {expected}")  # then rdflib's excerpt
