"""The query page's editor (the vendored YASQE/YASR) in real headless chromium, driven by playwright:
highlighting, prefix completion from /prefixes, a saved query run from its form with the CLI's rows,
the CSV download, the URL that restores the page, no request outside the server, no CSP violation.
Skipped only when no chromium binary is installed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from helpers.browser import CHROMIUM, needs_chromium
from helpers.browser import CHROMIUM_ARGS as ARGS
from helpers.cli import invoke
from helpers.paths import ROOT
from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer

pytestmark = needs_chromium
AS_OF = "2026-07-01"
# Every CSP violation the page meets, kept for the test to read.
WATCH_CSP = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
)


@pytest.fixture(scope="module")
def server():
    with SparqlServer(load([], demo=True).store, port=0, timeout=60) as srv:
        srv.start()
        yield srv


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.add_init_script(WATCH_CSP)
    yield opened
    assert opened.evaluate("window.__csp") == []
    outside = [url for url in opened.requests if not url.startswith(server.url)]
    assert outside == [], "requests outside the server"
    context.close()


def cli_rows(name: str, *params: str) -> dict:
    result = invoke("query", name, "--demo", "--format", "json", *[f"-p{p}" for p in params])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def wait_done(page) -> str:
    page.wait_for_selector("#status[data-state=done], #status[data-state=error]", state="attached", timeout=120_000)
    return page.get_attribute("#status", "data-state")


def test_the_editor_highlights_and_completes_the_server_prefixes(page, server):
    page.goto(server.url + "?lang=en")
    page.wait_for_selector("body[data-ready=true]")
    keywords = page.locator("#editor .CodeMirror .cm-keyword").all_text_contents()
    assert keywords[:2] == ["SELECT", "WHERE"]
    page.locator("#editor .CodeMirror").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("PREFIX sg")
    page.keyboard.press("Control+Space")
    hints = page.locator(".CodeMirror-hints li").all_text_contents()
    assert "sgr: <https://w3id.org/segur-kg/ontology#>" in hints


@pytest.mark.parametrize("name", ["perimeter-summary", "candidatures-at-risk"])
def test_a_saved_query_runs_from_its_form_with_the_cli_rows(page, server, name):
    page.goto(server.url + "?lang=en")
    page.wait_for_selector("body[data-ready=true]")
    page.select_option("#saved", name)
    assert page.input_value("#param-as_of") == "today"  # the declared default
    page.fill("#param-as_of", AS_OF)
    with page.expect_response(lambda r: "/results?" in r.url) as answer:
        page.click("#run")
    assert wait_done(page) == "done"
    expected = cli_rows(name, f"as_of={AS_OF}")
    assert answer.value.json()["results"]["bindings"] == expected["results"]["bindings"]
    rows = len(expected["results"]["bindings"])
    assert page.get_attribute("#results", "data-rows") == str(rows)
    assert page.locator("#results table.dataTable tbody tr").count() == rows
    first_column = page.locator("#results table.dataTable tbody tr td:nth-child(2)").all_text_contents()
    assert first_column == [b[expected["head"]["vars"][0]]["value"] for b in expected["results"]["bindings"]]
    # The URL reproduces it: the name and every field of the form (within keeps its default, 30).
    defaults = {"perimeter-summary": "", "candidatures-at-risk": "&within=30"}[name]
    assert page.url == f"{server.url}?lang=en&name={name}&as_of={AS_OF}{defaults}"


def test_the_csv_download_holds_the_rows(page, server):
    page.goto(server.url + f"?name=candidatures-at-risk&as_of={AS_OF}&run=1")
    assert wait_done(page) == "done"
    with page.expect_download() as download:
        page.click("#results .yasr_downloadIcon")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    expected = cli_rows("candidatures-at-risk", f"as_of={AS_OF}")
    variables = expected["head"]["vars"]
    assert rows[0] == variables
    assert [row[:2] for row in rows[1:]] == [
        [b[v]["value"] for v in variables[:2]] for b in expected["results"]["bindings"]
    ]


def test_the_url_restores_a_saved_query_and_its_form(page, server):
    page.goto(server.url + "?lang=en&name=candidatures-at-risk&as_of=2026-07-01&within=45")
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("#saved") == "candidatures-at-risk"
    assert (page.input_value("#param-as_of"), page.input_value("#param-within")) == ("2026-07-01", "45")
    text = (ROOT / "queries" / "candidatures-at-risk.rq").read_text(encoding="utf-8")
    assert page.evaluate("yasqe.getValue()") == text
    assert page.get_attribute("#status", "data-state") is None  # without run=1, nothing runs
    page.goto(server.url + "?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate("yasqe.getValue()") == "ASK { ?s ?p ?o }"
    assert page.input_value("#saved") == ""


def test_a_query_that_cannot_run_says_why(page, server):
    page.goto(server.url + "?lang=en&name=candidatures-at-risk&as_of=2026-13-01&run=1")
    assert wait_done(page) == "error"
    assert page.text_content("#error") == (
        "400 Bad Request\nparameter as_of: '2026-13-01' is not a real date YYYY-MM-DD (or today)"
        " (query candidatures-at-risk)\n"
    )


def test_the_page_links_the_explorer_and_the_reference_pages_in_its_language(page, server):
    page.goto(server.url + "?lang=en")
    page.wait_for_selector("body[data-ready=true]")
    links = page.locator("header a.nav")
    assert links.all_text_contents() == ["Perimeter explorer", "Ontology", "Rules"]
    assert [links.nth(i).get_attribute("href") for i in range(3)] == [
        "/explore?lang=en",
        "/ontology?lang=en",
        "/rules?lang=en",
    ]
    links.first.click()
    page.wait_for_selector("h1")
    assert page.url == server.url + "explore?lang=en"
    assert page.locator("h1").first.text_content().startswith("National view")
