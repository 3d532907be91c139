"""The wheel built from the sdist, installed into a fresh environment outside the checkout and run
from another folder with no SEGUR_KG_HOME: it carries its data, and its commands answer exactly
as the checkout's do."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import tarfile
import tomllib
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers.cli import run_executable as run_in_checkout
from helpers.paths import ROOT

# The repository's folders every wheel bundles under segur_kg/_data/ (setup.py's BUNDLED_FOLDERS).
BUNDLED = ("ontology", "shapes", "data/reference", "data/examples", "queries", "schema")
DOSSIER = "case-01-heritage-va1.yaml"
INVALID_DOSSIER = "ROOT-3.yaml"
COMMAND_TIMEOUT = 300


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as stream:
        return tomllib.load(stream)["project"]["version"]


def files_under(tree: Path, folder: str) -> set[str]:
    return {
        p.relative_to(tree).as_posix()
        for p in (tree / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A user's folder, outside the checkout, with two dossiers copied from the examples."""
    folder = tmp_path_factory.mktemp("user")
    shutil.copy(ROOT / "data" / "examples" / DOSSIER, folder / DOSSIER)
    shutil.copy(ROOT / "data" / "examples" / "invalid" / INVALID_DOSSIER, folder / INVALID_DOSSIER)
    return folder


@pytest.fixture(scope="module")
def segur_kg(installed, offline_env, workdir):
    """The installed ``segur-kg`` with ``args``, run in the user's folder."""

    def command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(installed.segur_kg), *args],
            cwd=workdir,
            env=offline_env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )

    return command


def test_the_wheel_carries_the_data_the_typing_marker_and_the_licence(dists, source_tree):
    with zipfile.ZipFile(dists.wheel) as wheel:
        names = set(wheel.namelist())
        metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert "segur_kg/py.typed" in names
    assert {"segur_kg/web/index.html", "segur_kg/web/app.js", "segur_kg/web/style.css"} <= names
    for folder in BUNDLED:
        expected = {f"segur_kg/_data/{name}" for name in files_under(source_tree, folder)}
        assert expected, f"{folder}/ is empty in the checkout"
        assert {n for n in names if n.startswith(f"segur_kg/_data/{folder}/")} == expected, folder
    assert "segur_kg/_data/ontology/segur.ttl" in names
    assert "segur_kg/_data/schema/dossier.schema.json" in names
    assert f"segur_kg/_data/data/examples/invalid/{INVALID_DOSSIER}" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in metadata.splitlines()
    assert f"Version: {version()}" in metadata.splitlines()


def test_the_sdist_carries_the_same_folders(dists, source_tree):
    with tarfile.open(dists.sdist) as sdist:
        names = {m.name.split("/", 1)[1] for m in sdist.getmembers() if m.isfile()}
    for folder in BUNDLED:
        assert files_under(source_tree, folder) <= names, folder
    assert {"setup.py", "MANIFEST.in", "LICENSE", "pyproject.toml", "src/segur_kg/py.typed"} <= names


def test_building_and_installing_warn_of_nothing_deprecated(dists, installed):
    for log in (dists.log, installed.log):
        assert "Deprecat" not in log, log


def test_the_installed_package_reads_its_bundled_data(installed, offline_env, workdir):
    code = "import segur_kg, segur_kg.resources as r; print(segur_kg.__version__); print(r.project_home())"
    done = subprocess.run(
        [str(installed.python), "-c", code], cwd=workdir, env=offline_env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    printed_version, home = done.stdout.splitlines()
    assert printed_version == version()
    assert Path(home).parts[-2:] == ("segur_kg", "_data")
    assert installed.prefix in Path(home).parents


@pytest.mark.parametrize(
    "args",
    [
        ("info", "--lang", "en"),
        ("query", "--list", "--lang", "en"),
        ("validate", DOSSIER, "--lang", "en"),
        ("validate", INVALID_DOSSIER, "--format", "json", "--lang", "en"),
        ("perimeter", "C3-CAND-B", "--demo", "--as-of", "2026-07-01", "--format", "json"),
        ("query", "candidatures-at-risk", "--demo", "-p", "as_of=2026-07-01", "--format", "json"),
        # the rest of README's tour
        ("info", "--demo", "--format", "json"),
        ("overview", "--demo", "--as-of", "2026-07-01"),
        ("perimeter", "C3-CAND-B", "--demo", "--as-of", "2026-07-01"),
        ("chain", "C4-CAND-DOM", "--demo", "--as-of", "2026-07-01"),
        ("risks", "--demo", "--within", "30", "--as-of", "2026-07-01"),
        ("whatif", "C9-CAND-MS", "--demo", "--add-profile", "DOM", "--on", "2026-08-05", "--as-of", "2026-08-05"),
        ("impact", "--demo", "--component", "C7-CMP-B-PROXY", "--as-of", "2026-07-01"),
        ("impact", "--demo", "--nru", "C3-NRU-A", "--as-of", "2026-07-01"),
        ("validate", "--demo"),
        ("query", "candidatures-at-risk", "--demo", "-p", "within=45", "-p", "as_of=2026-07-01"),
        ("schema",),
    ],
    ids=[
        "info",
        "query-list",
        "validate",
        "validate-invalid",
        "perimeter",
        "library-query",
        "info-demo",
        "overview",
        "perimeter-table",
        "chain",
        "risks",
        "whatif-refused",
        "impact-component",
        "impact-nru",
        "validate-demo",
        "query-within",
        "schema",
    ],
)
def test_a_command_answers_from_another_folder_as_in_the_checkout(segur_kg, workdir, args):
    done = segur_kg(*args)
    expected = run_in_checkout(*args, cwd=workdir)
    assert expected.returncode in (0, 1), expected.stderr  # the reference itself worked
    assert (done.returncode, done.stdout) == (expected.returncode, expected.stdout), done.stderr


@pytest.mark.parametrize(
    "args,written",
    [
        (("import", DOSSIER, "-o", "case1.ttl"), "case1.ttl"),
        (("export", "--demo", "--format", "nquads", "-o", "graph.nq"), "graph.nq"),
        (("derive", "--demo", "--as-of", "2026-07-01", "-o", "decisions.trig"), "decisions.trig"),
        (("import-rem", "MS-T.csv", "--device-type", "DUI", "-o", "rem.ttl"), "rem.ttl"),
        (("synth", "-n", "20", "-o", "national"), "national/national.nt"),
    ],
    ids=["import", "export", "derive", "import-rem", "synth"],
)
def test_a_command_that_writes_writes_the_same_file_as_in_the_checkout(installed, offline_env, tmp_path, args, written):
    """README's writing commands, in two fresh user folders: the installed wheel's, the checkout's."""
    folders = {"wheel": tmp_path / "wheel", "checkout": tmp_path / "checkout"}
    for folder in folders.values():
        folder.mkdir()
        shutil.copy(ROOT / "data" / "examples" / DOSSIER, folder / DOSSIER)
        shutil.copy(ROOT / "tests" / "fixtures" / "rem" / "MS-T.csv", folder / "MS-T.csv")
    done = subprocess.run(
        [str(installed.segur_kg), *args], cwd=folders["wheel"], env=offline_env, capture_output=True, text=True,
        timeout=COMMAND_TIMEOUT,
    )  # fmt: skip
    expected = run_in_checkout(*args, cwd=folders["checkout"])
    assert expected.returncode == 0, expected.stderr
    assert done.returncode == 0, done.stderr
    wheel_file, checkout_file = folders["wheel"] / written, folders["checkout"] / written
    assert wheel_file.stat().st_size > 0
    if written.endswith(".nq"):
        # The store's dump labels blank nodes afresh in each process: the same graph, not the same bytes.
        from rdflib import Dataset, Graph
        from rdflib.compare import isomorphic

        graphs = []
        for path in (wheel_file, checkout_file):
            dataset, graph = Dataset(), Graph()
            dataset.parse(path, format="nquads")
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            graphs.append(graph)
        assert len(graphs[0]) == len(graphs[1]) > 0
        assert isomorphic(graphs[0], graphs[1])
    else:
        assert wheel_file.read_bytes() == checkout_file.read_bytes()


def test_the_answers_are_the_data_s_not_empty_ones(segur_kg):
    perimeter = json.loads(
        segur_kg("perimeter", "C3-CAND-B", "--demo", "--as-of", "2026-07-01", "--format", "json").stdout
    )
    assert (perimeter["candidature"], perimeter["root_chain"]) == ("C3-CAND-B", ["C3-NRU-A"])
    listed = segur_kg("query", "--list", "--lang", "en").stdout
    assert {p.stem for p in (ROOT / "queries").glob("*.rq")} <= set(listed.replace(" — ", "\n").split())
    invalid = segur_kg("validate", INVALID_DOSSIER, "--format", "json", "--lang", "en")
    assert invalid.returncode == 1
    assert "ROOT-3" in {f.get("rule") for f in json.loads(invalid.stdout)["findings"]}


def test_python_dash_m_and_version(installed, offline_env, workdir):
    help_done = subprocess.run(
        [str(installed.python), "-m", "segur_kg", "--help"],
        cwd=workdir,
        env=offline_env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    assert help_done.returncode == 0, help_done.stderr
    assert "Usage: python -m segur_kg" in help_done.stdout
    assert {"info", "validate", "perimeter", "query", "serve"} <= set(help_done.stdout.split())
    version_done = subprocess.run(
        [str(installed.segur_kg), "--version"], cwd=workdir, env=offline_env, capture_output=True, text=True, timeout=60
    )
    assert (version_done.returncode, version_done.stdout.split()) == (0, ["segur-kg", version()])


def demo_candidatures() -> int:
    return sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8")).get("candidatures") or [])
        for p in (ROOT / "data" / "examples").glob("*.yaml")
    )


def test_serve_answers_a_sparql_query_over_http_and_stops_on_ctrl_c(installed, offline_env, workdir):
    proc = subprocess.Popen(
        [str(installed.segur_kg), "serve", "--demo", "--port", "0", "--lang", "en"],
        cwd=workdir,
        env=offline_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stdout.readline()
        assert first.startswith("Query page: http://127.0.0.1:"), first + proc.stderr.read()
        url = first.split(": ", 1)[1].strip()
        query = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sgr:Candidature }"
        request = urllib.request.Request(
            url + "sparql?" + urllib.parse.urlencode({"query": query}),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
        assert answer["results"]["bindings"][0]["n"]["value"] == str(demo_candidatures())
        with urllib.request.urlopen(url, timeout=60) as page:  # the query page, from the package's web/
            assert b"<html" in page.read().lower()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
