"""The reference pages from an installed wheel: the ontology page written at build time into the
wheel, the same bytes as the checkout generates; the rule index page made from the installed
package, which carries no tests."""

from __future__ import annotations

import subprocess
import zipfile

from helpers.paths import ROOT
from segur_kg.doc_pages.bundle import ontology_pages
from segur_kg.doc_pages.ontology import read

COMMAND_TIMEOUT = 300


def test_the_wheel_carries_the_ontology_page_the_checkout_generates(dists):
    expected = ontology_pages(ROOT / "ontology" / "segur.ttl", ROOT / "shapes")
    with zipfile.ZipFile(dists.wheel) as wheel:
        pages = {n for n in wheel.namelist() if n.startswith("segur_kg/_data/html/")}
        assert pages == {f"segur_kg/_data/html/{name}" for name in ("ontology.fr.html", "ontology.en.html")}
        for name, page in expected.items():
            assert wheel.read(f"segur_kg/_data/html/{name}").decode("utf-8") == page, name


def test_the_installed_package_serves_the_bundled_page_and_makes_the_rule_page(installed, offline_env, tmp_path):
    code = (
        "from segur_kg.server.reference import ontology_pages, rules_pages\n"
        "from segur_kg.resources import pages_dir\n"
        "import sys\n"
        "pages, rules = ontology_pages(), rules_pages()\n"
        "assert pages['en'] == (pages_dir() / 'ontology.en.html').read_bytes()\n"
        "sys.stdout.write(rules['en'].decode('utf-8'))\n"
    )
    done = subprocess.run(
        [str(installed.python), "-c", code],
        cwd=tmp_path,
        env=offline_env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    page = done.stdout
    for rule_id in read(ROOT / "ontology" / "segur.ttl", ROOT / "shapes").rule_ids:
        assert f'<section class="rule" id="{rule_id}">' in page, rule_id
    assert "The tests are not part of the installed package" in page
    assert "<code>segur_kg/engine/perimeter.py</code>" in page  # the engine's files, named in the package
    assert "<code>data/examples/invalid/ROOT-3.yaml</code>" in page
