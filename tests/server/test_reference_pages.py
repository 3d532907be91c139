"""``/ontology`` and ``/rules`` of a running SparqlServer: their language, their headers (the
Content-Security-Policy that allows the server's style sheets only), and once in headless chromium:
nothing requested outside the server, no policy violation, a link from a term to its rule lands on
the rule's element."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from helpers.browser import CHROMIUM, needs_chromium
from helpers.browser import CHROMIUM_ARGS as BROWSER_ARGS
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer
from segur_kg.server.reference import REFERENCE_HEADERS

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


@pytest.fixture(scope="module")
def server():
    set_language("fr")  # the server's language is the process's at its start: the CLI's default, French
    with SparqlServer(load([], demo=True).store, port=0, timeout=30) as srv:
        srv.start()
        yield srv


def get(url: str, method: str = "GET", headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


@pytest.mark.parametrize("path", ["ontology", "rules"])
def test_a_reference_page_is_french_by_default_with_its_policy(server, path):
    status, headers, page = get(server.url + path)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == CSP == REFERENCE_HEADERS["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')


@pytest.mark.parametrize("path", ["ontology", "rules"])
def test_lang_en_or_accept_language_gives_the_english_page(server, path):
    _, _, asked = get(server.url + path + "?lang=en")
    _, _, accepted = get(server.url + path, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert asked.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert accepted == asked
    _, _, french = get(server.url + path + "?lang=fr", headers={"Accept-Language": "en"})
    assert french.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert f'<a href="/{path}?lang=fr" hreflang="fr" lang="fr">Français</a>' in asked
    assert f'<a href="/{path}?lang=en" hreflang="en" lang="en">English</a>' in french


def test_the_ontology_page_has_the_candidature_class_and_its_rule_ROOT_3(server):
    _, _, french = get(server.url + "ontology")
    _, _, english = get(server.url + "ontology?lang=en")
    assert '<section class="term class" id="Candidature">' in french
    assert '<a class="rule" href="/rules?lang=fr#ROOT-3">ROOT-3</a>' in french
    assert '<a class="rule" href="/rules?lang=en#ROOT-3">ROOT-3</a>' in english


def test_the_rules_page_has_one_element_per_rule_with_its_exact_id(server):
    _, _, page = get(server.url + "rules?lang=en")
    assert page.count('<section class="rule" id="') == 35
    assert '<section class="rule" id="ROOT-3">\n<h3>ROOT-3</h3>' in page


def test_head_answers_without_a_body_and_post_is_refused(server):
    status, headers, body = get(server.url + "rules", method="HEAD")
    assert (status, body) == (200, "")
    assert int(headers["Content-Length"]) > 10_000
    status, headers, body = get(server.url + "ontology", method="POST", headers={"Content-Length": "0"})
    assert status == 405
    assert headers["Allow"] == "GET, HEAD"


def test_the_style_sheet_is_served_from_the_package(server):
    status, headers, css = get(server.url + "static/reference.css")
    assert status == 200
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    assert "section.term:target" in css


@needs_chromium
def test_in_chromium_nothing_leaves_the_server_nothing_is_refused_and_a_term_s_rule_link_lands_on_the_rule(server):
    from playwright.sync_api import sync_playwright

    origin = server.url.rstrip("/")
    requested: list[str] = []
    console: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
            page.goto(server.url + "ontology?lang=en#Candidature")
            # The style sheets applied: the targeted term has reference.css's outline.
            border = page.eval_on_selector("#Candidature", "e => getComputedStyle(e).borderTopColor")
            assert border == "rgb(11, 92, 173)"
            page.click('#Candidature a.rule[href="/rules?lang=en#ROOT-3"]')
            page.wait_for_url(origin + "/rules?lang=en#ROOT-3")
            assert page.evaluate("document.querySelector(':target').id") == "ROOT-3"
            assert page.evaluate("document.querySelector(':target h3').textContent") == "ROOT-3"
            page.click('#ROOT-3 a.term[href="/ontology?lang=en#rootRecordedDate"]')
            page.wait_for_url(origin + "/ontology?lang=en#rootRecordedDate")
            assert page.evaluate("document.querySelector(':target').id") == "rootRecordedDate"
        finally:
            browser.close()
    from_server = {url.split("?")[0].split("#")[0] for url in requested if not url.startswith("data:")}
    assert from_server == {origin + p for p in ("/ontology", "/rules", "/static/style.css", "/static/reference.css")}
    assert all(url.startswith((origin + "/", "data:")) for url in requested), requested
    assert console == []  # a policy violation would be reported here
