"""Hypothesis strategies that mutate real inputs the way careless users and attackers do, for the
fuzz suite (tests/fuzz/): a character changed, a span cut, a line repeated or dropped, a value
replaced, a hostile fragment dropped in (deep nesting, aliases, control characters, lone
surrogates, other ISO dates, SERVICE...). What a command does with the result is checked by
:func:`check_outcome`: exit 0 or 2 (1 where the command has findings), never a traceback, never a
raw control character on stderr, and nothing written on failure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st

# Characters a mutation writes: ordinary ones, the syntax of the formats, and the hostile ones.
ALPHABET = (
    "aZ09 _-.:,;#'\"\\/[]{}()<>&*!?|=@%^~`$+\t\n\r"
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u00a0\u2028\u2029\u202e\u200f\ufeff\ufffe\ufffféà日"
)

YAML_FRAGMENTS = (
    "&a [1, 2, 3]",
    "*a",
    "*undefined",
    "<<: *a",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "[" * 200 + "]" * 200,
    "{a: " * 100 + "1" + "}" * 100,
    "? [a, b]\n: c",
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"\\e[31mred\\e]0;title\\a"',
    '"\\0"',
    "\x00",
    "2026-W05-3",
    "20260101",
    "2026-02-30",
    '"2.10\\n"',
    '" 2.10 "',
    "~",
    "''",
    "- - - -",
    "\t",
    "\ufeff",
    "%YAML 1.2\n---\n",
    "---\n...\n---\n",
    "x: &b [*b]",
    "a: &l0 [x, x, x, x, x, x, x, x]\nb: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n"
    "c: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nd: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n",
    "|\n  text\n  text",
    ">-\n  folded",
    "yes",
    "0x1F",
    ".inf",
    "x" * 5000,
)
YAML_VALUES = (
    "",
    "~",
    "[]",
    "{}",
    "true",
    "no",
    "0",
    "-1",
    "1e309",
    "2026-13-45",
    "2026-W05-3",
    "20260101",
    '"T-ED\\n"',
    '"\\e[2J"',
    '"\\ud800"',
    "&x value",
    "*x",
    "[a, [b, [c]]]",
    "{id: X}",
    "'quoted ''single'''",
    '"unterminated',
    "- item",
    "DPI",
    "ROOT-999",
    "2.10.3.4.5",
    "9999999",
)
TURTLE_FRAGMENTS = (
    "(" * 300 + ")" * 300,
    "[ <http://example.org/p> " * 300 + "1" + " ]" * 300,
    '"abc"^^<http://www.w3.org/2001/XMLSchema#integer>',
    '"2026-W05-3"^^<http://www.w3.org/2001/XMLSchema#date>',
    '"x"@',
    '"x"@en-',
    "<http://example.org/a b>",
    "<relative>",
    "_:b0",
    "_:b0 <http://example.org/p> _:b0 .",
    '"""',
    "'''",
    "@prefix : <http://example.org/> .",
    "@prefix ex: <javascript:alert(1)> .",
    "@base <http://example.org/base/> .",
    "BASE <x>",
    "<< <http://example.org/a> <http://example.org/b> <http://example.org/c> >>",
    '"\\uD800"',
    '"\\U0010FFFF"',
    '"\\u0000"',
    "ex:a.b\\'",
    "a",
    ";;;",
    ",",
    ".",
    "{ }",
    "GRAPH <http://example.org/g> { }",
    "\x00",
    "\x1b[31m",
)
SPARQL_FRAGMENTS = (
    "(" * 100 + ")" * 100,
    "{" * 100 + "}" * 100,
    "(" * 1000,
    "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "FROM <http://example.org/g>",
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "LOAD <http://127.0.0.1:9/x>",
    "\\u0020",
    "\\u007B",
    "\x00",
    '"""',
    "'",
    "#",
    "?",
    "$",
    "FILTER(",
    "!" * 300,
    "1+" * 300 + "1",
    "VALUES ?x { 1 }",
    "VALUES (?a ?b) { (1 2) (3) }",
    "LIMIT -1",
    "OFFSET 99999999999999999999",
    "BIND(1 AS ?x)",
    "GROUP BY ?x",
    "ORDER BY",
    "UNION",
    "OPTIONAL",
    "MINUS { }",
    "ex:a.b\\' ",
    "PREFIX : <http://example.org/>",
    "<http://example.org/((((>",
    "# param: x (xsd:date, default 2026-W05-3) — a date",
    "# param: y (xsd:nothing) — bad",
    "# needs: derived",
    "# title-fr: [/bold] titre",
    "# title-en: [red]title",
    'BIND("[/bold]" AS ?zz)',
    'BIND("\\u001b[2J" AS ?zz)',
    '"\\ud800"',
    "\x1b[31m",
)
CSV_FRAGMENTS = (
    ",",
    ";",
    "\t",
    '"',
    '""',
    '"a\nb"',
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\ufeff",
    "=cmd|' /C calc'!A0",
    "Vague 1",
    "DMP/UX.12",
    "Obligatoire",
    "Préconisée",
    "AGENDA",
    "X" * 2000,
    "\x1b[2J",
    "\u202e",
)


@st.composite
def mutated(draw, text: str, fragments: Sequence[str], values: Sequence[str] = ()) -> str:
    """``text`` with one to three mutations."""
    for _ in range(draw(st.integers(1, 3))):
        kinds = ["replace", "insert", "delete", "fragment", "prepend", "duplicate-line", "drop-line", "swap-lines"]
        kinds.append("truncate")
        if values:
            kinds.append("value")
        kind = draw(st.sampled_from(kinds))
        at = draw(st.integers(0, len(text)))
        lines = text.splitlines(keepends=True)
        if kind == "replace" and text:
            at = min(at, len(text) - 1)
            text = text[:at] + draw(st.sampled_from(ALPHABET)) + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + draw(st.text(alphabet=ALPHABET, min_size=1, max_size=8)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 60)) :]
        elif kind == "fragment":
            text = text[:at] + draw(st.sampled_from(fragments)) + text[at:]
        elif kind == "prepend":  # where a header or a directive goes
            text = draw(st.sampled_from(fragments)) + "\n" + text
        elif kind == "truncate":
            text = text[:at]
        elif kind == "value" and lines:
            keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+: \S", line)]
            if keyed:
                i = draw(st.sampled_from(keyed))
                key = lines[i].split(": ", 1)[0]
                lines[i] = f"{key}: {draw(st.sampled_from(values))}\n"
                text = "".join(lines)
        elif lines:
            i = draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate-line":
                lines.insert(i, lines[i])
            elif kind == "drop-line":
                del lines[i]
            else:
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


def write_text(path: Path, text: str) -> Path:
    """``text`` as UTF-8, lone surrogates and all (as a careless tool writes them: escaped by
    ``surrogatepass``, which is not UTF-8, so the reader must refuse the file)."""
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check_outcome(result, out: Path | None, codes: Sequence[int] = (0, 2), *, one_line_error: bool = True) -> None:
    """What every command must do with any input: an exit code among ``codes``, no traceback, no
    raw control character on stderr (escape sequences are escaped), and on exit 2 an error line
    (the only line, with ``one_line_error``) and ``out`` not written."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in codes, (result.exit_code, result.stderr[-2000:])
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream[-3000:]
    assert not _RAW_CONTROL.search(result.stderr), repr(result.stderr[-2000:])
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines and lines[-1].startswith(("erreur: ", "error: ")), lines[-5:]
        if one_line_error:
            assert len(lines) == 1, lines[-5:]
        if out is not None:
            assert not out.exists(), out
    if out is not None and out.parent.exists():
        assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".")], "a temporary file was left"
