"""The explorer in a real headless browser (Debian's chromium driven by playwright): the date control
changes the decisions as the CLI says, a root of the chain's graph leads to its NRU page, the national
view counts as ``segur-kg overview``; no request leaves the server and the policy refuses nothing.
Skipped only when no chromium binary is installed."""

from __future__ import annotations

from collections import Counter

import pytest
from explorer_http import cli_json

from helpers.browser import CHROMIUM, needs_chromium
from helpers.browser import CHROMIUM_ARGS as ARGS

pytestmark = needs_chromium


@pytest.fixture
def browser_page(server):
    """A page of a fresh browser, and what it did: every request's URL and every console message."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, list[str]] = {"requests": [], "console": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="fr-FR")  # an analyst's browser in French
            page.on("request", lambda request: seen["requests"].append(request.url))
            page.on("console", lambda message: seen["console"].append(f"{message.type}: {message.text}"))
            yield page, seen
        finally:
            browser.close()
    outside = [url for url in seen["requests"] if not url.startswith(server.url) and not url.startswith("data:")]
    assert outside == [], "requests outside the server"
    assert seen["console"] == [], "console messages (a CSP violation is one)"


def decisions_shown(page) -> dict[str, str]:
    rows = page.locator("table.requirements tbody tr")
    return {
        rows.nth(i).locator("td").first.inner_text(): rows.nth(i)
        .locator("[data-decision]")
        .get_attribute("data-decision")
        for i in range(rows.count())
    }


def test_the_date_control_changes_the_decisions_as_the_cli_says_and_a_root_leads_to_its_nru(server, browser_page):
    page, seen = browser_page
    page.goto(server.url + "explore/candidature/C4-CAND-DOM?as_of=2026-07-01")
    before = cli_json("perimeter", "C4-CAND-DOM", "--as-of", "2026-07-01")
    assert page.locator(".status-line [data-status]").get_attribute("data-status") == before["status"] == "pending-root"
    assert decisions_shown(page) == {d["requirement"]: d["decision"] for d in before["requirements"]}

    page.fill("form.date input[name=as_of]", "2026-07-15")
    with page.expect_navigation():
        page.click("form.date button")
    assert page.url == server.url + "explore/candidature/C4-CAND-DOM?as_of=2026-07-15"
    after = cli_json("perimeter", "C4-CAND-DOM", "--as-of", "2026-07-15")
    shown = decisions_shown(page)
    assert shown == {d["requirement"]: d["decision"] for d in after["requirements"]}
    assert Counter(shown.values())["exempt-equivalence"] == 10  # case 4: ten exempt through the chain (TRANS-2)
    assert page.locator(".status-line [data-status]").get_attribute("data-status") == "ready"

    with page.expect_navigation():
        page.click('svg.graph a[data-node="C4-NRU-SF"]')
    assert page.url == server.url + "explore/nru/C4-NRU-SF?as_of=2026-07-15"
    assert page.locator("h1").inner_text() == "Référencement C4-NRU-SF"
    assert page.locator("ul.direct li").all_inner_texts() == ["C4-CAND-DOM"]
    # The page's style sheet came from the server (and nothing else did).
    assert server.url + "static/explorer.css" in seen["requests"]


def test_the_national_view_counts_as_the_cli_overview(server, browser_page):
    page, _ = browser_page
    page.goto(server.url + "explore?as_of=2026-07-01&lang=en")
    rows = cli_json("overview", "--as-of", "2026-07-01")
    statuses = Counter(row["status"] for row in rows)
    shown = {link.get_attribute("data-status"): int(link.inner_text()) for link in page.locator("a[data-status]").all()}
    assert shown == {status: statuses.get(status, 0) for status in shown}
    assert sum(shown.values()) == len(rows)
    dispositifs = {
        link.get_attribute("data-dispositif"): int(link.inner_text())
        for link in page.locator("a[data-dispositif]").all()
    }
    assert dispositifs == dict(Counter(row["dispositif"] for row in rows))

    with page.expect_navigation():
        page.click('a[data-status="pending-root"]')
    assert page.url == server.url + "explore/candidatures?status=pending-root&as_of=2026-07-01&lang=en"
    listed = page.locator("table.candidatures tbody tr td:first-child").all_inner_texts()
    assert listed == [row["candidature"] for row in rows if row["status"] == "pending-root"]
