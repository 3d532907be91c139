"""What every command has in common: help with examples and exit codes, --format and -o, --version,
usage errors on one line in the command's language, quiet progress off a terminal."""

import json
import re

import pytest

from helpers.cli import invoke, run_executable
from segur_kg import __version__
from segur_kg.cli import HELP_EXAMPLES, app

COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)
# Commands that print a result: every one takes --format and -o/--output.
PRINTING = ["chain", "export", "impact", "info", "overview", "perimeter", "query", "risks", "validate", "whatif"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _help(command: str) -> str:
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    return " ".join(ANSI.sub("", result.stdout).split())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_two_examples_and_the_exit_codes(command):
    text = _help(command)
    examples = re.findall(r"segur-kg [a-z-]+", text.split("Examples:", 1)[1])
    assert len(examples) >= 2, text
    assert re.search(r"Exit codes: 0 [a-z]", text), text
    assert command in HELP_EXAMPLES


@pytest.mark.parametrize("command", PRINTING)
def test_every_printing_command_takes_format_with_its_choices_and_output(command):
    text = _help(command)
    assert "--format" in text and re.search(r"<[a-z]+(\|[a-z]+)+>|\[[a-z]+(\|[a-z]+)+\]", text), text
    assert "-o --output" in text.replace(",", "") or "--output -o" in text.replace(",", ""), text


def test_version_is_the_package_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"segur-kg {__version__}"


def test_text_written_with_output_is_what_the_terminal_shows_without_colours(tmp_path):
    out = tmp_path / "overview.txt"
    written = invoke("overview", "--demo", "--as-of", "2026-07-01", "--lang", "en", "-o", out)
    assert written.exit_code == 0 and written.stdout == ""
    shown = invoke("overview", "--demo", "--as-of", "2026-07-01", "--lang", "en")
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text and text.split() == shown.stdout.split()


def test_json_written_with_output_is_the_json_printed(tmp_path):
    out = tmp_path / "chain.json"
    assert invoke("chain", "C4-CAND-DOM", "--demo", "--format", "json", "-o", out).exit_code == 0
    printed = invoke("chain", "C4-CAND-DOM", "--demo", "--format", "json")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(printed.stdout)


@pytest.mark.parametrize(
    "args,french,english",
    [
        (
            ["perimeter"],
            "erreur: argument manquant : candidature (voir « segur-kg perimeter --help »)",
            "error: missing argument: candidature (see 'segur-kg perimeter --help')",
        ),
        (
            ["validate", "--bogus"],
            "erreur: option inconnue --bogus (voir « segur-kg validate --help »)",
            "error: no such option --bogus (see 'segur-kg validate --help')",
        ),
        (
            ["validate", "--format", "xml"],
            "erreur: valeur « xml » refusée pour --format : attendu l'une de text, json, turtle, sarif "
            "(voir « segur-kg validate --help »)",
            "error: value 'xml' refused for --format: expected one of text, json, turtle, sarif "
            "(see 'segur-kg validate --help')",
        ),
        (
            ["risks", "--within", "soon"],
            "erreur: --within attend un nombre (voir « segur-kg risks --help »)",
            "error: --within expects a number (see 'segur-kg risks --help')",
        ),
        (
            ["nope"],
            "erreur: commande inconnue « nope » (voir « segur-kg --help »)",
            "error: no such command 'nope' (see 'segur-kg --help')",
        ),
    ],
)
def test_a_usage_error_is_one_line_in_the_language_asked_exit_2(args, french, english):
    fr = run_executable(*args)
    assert fr.returncode == 2 and fr.stdout == ""
    assert fr.stderr.strip() == french
    en = run_executable(*args, "--lang", "en")
    assert en.returncode == 2 and en.stderr.strip() == english


def test_off_a_terminal_no_progress_is_shown():
    done = run_executable("info", "--demo")
    assert done.returncode == 0 and done.stderr == ""


def test_query_list_describes_parameters_in_french_by_default():
    fr = invoke("query", "--list", "--format", "json")
    [at_risk] = [q for q in json.loads(fr.stdout) if q["name"] == "candidatures-at-risk"]
    assert at_risk["params"] == [
        "as_of (xsd:date, par défaut aujourd'hui) : date du contrôle",
        "within (xsd:integer, par défaut 30) : jours avant la Date 2 considérés comme proches",
    ]


def test_proof_and_status_labels_are_french_by_default():
    perimeter = invoke("perimeter", "C3-CAND-A", "--demo", "--as-of", "2026-07-01")
    assert perimeter.exit_code == 0
    assert "validée" in perimeter.stdout and "validated" not in perimeter.stdout
    withdrawal = invoke("impact", "--demo", "--nru", "C3-NRU-A", "--as-of", "2026-08-01")
    assert "(statut prête -> racine refusée)" in " ".join(withdrawal.stdout.split())


def test_schema_prints_the_shipped_json_schema(tmp_path):
    from segur_kg.ingest.schema import schema_text

    printed = invoke("schema")
    assert printed.exit_code == 0 and printed.stdout == schema_text()
    out = tmp_path / "dossier.schema.json"
    assert invoke("schema", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$id"] == "https://w3id.org/segur-kg/schema/dossier.schema.json"


def test_with_no_candidature_overview_says_how_to_give_some():
    empty = invoke("overview", "--as-of", "2026-07-01")
    assert empty.exit_code == 0
    assert empty.stderr.strip() == (
        "Aucune candidature dans le graphe : donnez vos dossiers (fichiers, répertoire ou motif), "
        "ou --demo pour la démonstration."
    )
    assert invoke("overview", "--demo", "--as-of", "2026-07-01").stderr == ""
