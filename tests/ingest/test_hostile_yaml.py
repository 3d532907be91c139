"""Hostile dossiers (issue 18): YAML that would exhaust memory or the stack, values too large for
``import``'s own output to be read back, characters YAML or Unicode refuse. Each is refused with
one line naming the file, the line and the limit (docs/limits.md), exit 2 and nothing written;
just under each limit, the file reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.hostile import MINIMAL, assert_refused, run_bounded
from segur_kg.errors import InputError
from segur_kg.ingest.yaml_located import load_yaml

SURROGATE = (
    "\\{code} is half of a surrogate pair, not a Unicode character: write the character itself or its \\U escape "
    "of 8 digits"
)


def write(tmp_path: Path, text: str, name: str = "dossier.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def laughs(levels: int, width: int = 9) -> str:
    """A "billion laughs": each anchor a list of ``width`` aliases of the one before."""
    lines = ["dossier: X", "a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def import_(path: Path, out: Path, *extra: str):
    return invoke("import", path, "-o", out, "--lang", "en", *extra)


def test_billion_laughs_is_refused_before_it_expands(tmp_path):
    # 9^10 nodes once expanded: before issue 18 the loader grew until the memory ran out.
    path = write(tmp_path, laughs(10))
    out = tmp_path / "out.ttl"
    done = run_bounded("import", path, "-o", out, "--lang", "en", memory_gb=2, timeout=120)
    assert done.returncode == 2, done.stderr[-1500:]
    assert done.stderr.splitlines() == [
        f"error: {path}: line 8, column 10: the YAML aliases expand the document past 1000000 nodes: "
        "over the limit (SEGUR_KG_MAX_YAML_NODES)"
    ]
    assert not out.exists()


def test_alias_expansion_limit_counts_expanded_nodes_and_is_overridden(tmp_path, monkeypatch):
    path = write(tmp_path, laughs(4, width=3))  # 3 + 9 + 27 + 81 nodes in the lists, plus the keys
    out = tmp_path / "out.ttl"
    monkeypatch.setenv("SEGUR_KG_MAX_YAML_NODES", "100")
    assert_refused(
        import_(path, out),
        f"error: {path}: line 5, column 10: the YAML aliases expand the document past 100 nodes: "
        "over the limit (SEGUR_KG_MAX_YAML_NODES)",
    )
    assert not out.exists()
    monkeypatch.setenv("SEGUR_KG_MAX_YAML_NODES", "200")
    assert sorted(load_yaml(path)) == ["a0", "a1", "a2", "a3", "dossier"]


def test_alias_count_limit_names_the_first_alias_over_it(tmp_path):
    under = write(tmp_path, "dossier: X\nv: &v 1\nall: [" + ", ".join(["*v"] * 100) + "]\n", "under.yaml")
    assert load_yaml(under)["all"] == ["1"] * 100
    over = write(tmp_path, "dossier: X\nv: &v 1\nall: [" + ", ".join(["*v"] * 101) + "]\n", "over.yaml")
    with pytest.raises(InputError) as caught:
        load_yaml(over)
    column = len("all: [") + 100 * len("*v, ") + 1
    assert str(caught.value) == (
        f"{over}: line 3, column {column}: more than 100 YAML aliases (*name): "
        "over the limit (SEGUR_KG_MAX_YAML_ALIASES)"
    )


def test_recursive_alias_is_refused_not_followed_forever(tmp_path):
    path = write(tmp_path, "dossier: X\nloop: &a [1, *a]\n")
    out = tmp_path / "out.ttl"
    assert_refused(import_(path, out), f"error: {path}: line 2, column 14: the alias *a names the node that holds it")
    assert not out.exists()


def test_deep_nesting_is_refused_before_the_composer_recurses(tmp_path):
    path = write(tmp_path, "dossier: X\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n")
    out = tmp_path / "out.ttl"
    # The document is level 1, its title's first "[" level 2 (column 8): the 65th level is at column 71.
    assert_refused(
        import_(path, out),
        f"error: {path}: line 2, column 71: nested deeper than 64 levels: over the limit (SEGUR_KG_MAX_YAML_DEPTH)",
    )
    assert not out.exists()


def test_nesting_at_the_limit_reads(tmp_path):
    path = write(tmp_path, "dossier: X\ntitle: " + "[" * 63 + "]" * 63 + "\n")
    value = load_yaml(path)["title"]
    for _ in range(62):
        value = value[0]
    assert value == []


def test_aliases_count_how_deep_they_expand(tmp_path):
    # Each anchor is 40 levels deep and holds the previous one: 40 levels per alias once expanded.
    lines = ["dossier: X", "k0: &a0 " + "[" * 40 + "x" + "]" * 40]
    for i in range(1, 4):
        lines.append(f"k{i}: &a{i} " + "[" * 40 + f"*a{i - 1}" + "]" * 40)
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert str(caught.value) == (
        f"{path}: line 3, column 49: nested deeper than 64 levels: over the limit (SEGUR_KG_MAX_YAML_DEPTH)"
    )


def test_dossier_file_size_limit(tmp_path, monkeypatch):
    text = MINIMAL.read_text(encoding="utf-8")
    path = write(tmp_path, text)
    size = len(text.encode("utf-8"))
    monkeypatch.setenv("SEGUR_KG_MAX_DOSSIER_BYTES", str(size))
    assert load_yaml(path)["dossier"] == "T-MIN"
    monkeypatch.setenv("SEGUR_KG_MAX_DOSSIER_BYTES", str(size - 1))
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, out),
        f"error: {path}: {size} bytes: over the limit of {size - 1} bytes for a dossier (SEGUR_KG_MAX_DOSSIER_BYTES)",
    )
    assert not out.exists()


def test_a_value_too_large_to_read_back_is_refused(tmp_path, monkeypatch):
    # A 17 MiB title: before issue 18, `import` wrote it, and reading its output back failed on
    # pyoxigraph's 16 MiB term buffer (a MemoryError traceback).
    title = "a" * (17 << 20)
    text = MINIMAL.read_text(encoding="utf-8").replace('title: "Dossier minimal de test"', f'title: "{title}"')
    path = write(tmp_path, text)
    monkeypatch.setenv("SEGUR_KG_MAX_DOSSIER_BYTES", str(64 << 20))
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, out),
        f"error: {path}: line 3, column 8: a value of {17 << 20} bytes: over the limit of 1048576 bytes "
        "(SEGUR_KG_MAX_LITERAL_BYTES)",
    )
    assert not out.exists()


def test_a_value_at_the_literal_limit_reads(tmp_path):
    path = write(tmp_path, "dossier: X\ntitle: " + "é" * (1 << 19) + "\n")  # 2 bytes each: 1 MiB
    assert len(load_yaml(path)["title"]) == 1 << 19
    over = write(tmp_path, "dossier: X\ntitle: " + "é" * (1 << 19) + "a\n", "over.yaml")
    with pytest.raises(InputError, match="a value of 1048577 bytes: over the limit of 1048576 bytes"):
        load_yaml(over)


def test_nul_byte_is_one_line_with_its_line_and_column(tmp_path):
    path = write(tmp_path, "dossier: X\ntitle: a\x00b\n")
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, out),
        f"error: {path}: line 2, column 9: character U+0000 is not allowed in YAML (a control character)",
    )


def test_forbidden_character_after_crlf_lines_is_placed_as_yaml_counts_lines(tmp_path):
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"dossier: X\r\ntitle: ok\r\n\x1b[31m: 1\r\n")
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert (
        str(caught.value) == f"{path}: line 3, column 1: character U+001B is not allowed in YAML (a control character)"
    )


def test_lone_surrogate_is_refused_not_written_as_a_question_mark(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace("name: Éditeur Test", 'name: "A\\ud800B"')
    path = write(tmp_path, text)
    out = tmp_path / "out.ttl"
    assert_refused(
        import_(path, out),
        f"error: {path}: line 7, column 11: {SURROGATE.format(code='ud800')}",
    )
    assert not out.exists()


def test_a_surrogate_pair_of_escapes_is_refused_the_long_escape_reads(tmp_path):
    # PyYAML does not join "\ud83d\ude00" into one character: each half is refused, with the way out.
    pair = write(tmp_path, 'dossier: X\ntitle: "\\ud83d\\ude00"\n', "pair.yaml")
    with pytest.raises(InputError) as caught:
        load_yaml(pair)
    assert str(caught.value) == f"{pair}: line 2, column 8: {SURROGATE.format(code='ud83d')}"
    path = write(tmp_path, 'dossier: X\ntitle: "\\U0001F600 \U0001f600"\n')
    assert load_yaml(path)["title"] == "\U0001f600 \U0001f600"


def test_terminal_escape_sequences_in_a_key_are_escaped_in_the_message(tmp_path):
    path = write(tmp_path, 'dossier: X\n"\\e[31mevil\\e]0;title\\a": 1\n')
    result = import_(path, tmp_path / "out.ttl")
    key = "\\x1b[31mevil\\x1b]0;title\\x07"
    assert_refused(
        result,
        f"error: {path}: line 2, field '{key}': unknown key '{key}': expected one of dossier, title, description, "
        "rules, expect, editor_groups, editors, operators, solutions, referencings, psc_habilitations, "
        "operator_habilitations, "
        "candidatures, modifications",
    )
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_a_line_break_in_a_value_keeps_the_message_on_one_line(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace("id: T-CAND", 'id: "T-CAND\\nforged line"')
    path = write(tmp_path, text)
    assert_refused(
        import_(path, tmp_path / "out.ttl"),
        f"error: {path}: line 35, field 'candidatures[0].id': 'T-CAND\\x0aforged line' is not an identifier: "
        "expected letters, digits and . _ @ - only",
    )


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e3", " 10"])
def test_a_limit_override_that_is_not_a_positive_whole_number_is_refused(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SEGUR_KG_MAX_YAML_ALIASES", value)
    assert_refused(
        import_(MINIMAL, tmp_path / "out.ttl"),
        f"error: SEGUR_KG_MAX_YAML_ALIASES: expected a positive whole number, found '{value}' (see docs/limits.md)",
    )


def test_the_refusal_is_in_french_by_default(tmp_path):
    path = write(tmp_path, "dossier: X\ntitle: " + "[" * 100 + "]" * 100 + "\n")
    assert_refused(
        invoke("import", path),
        f"erreur: {path}: ligne 2, colonne 71: imbrication sur plus de 64 niveaux : limite dépassée "
        "(SEGUR_KG_MAX_YAML_DEPTH)",
    )
