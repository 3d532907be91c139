"""The explorer's JSON (/api/) and pages (/explore) against the CLI's JSON for the same things and dates."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from explorer_http import cli_json, get, get_json

from segur_kg.explorer.routes import PAGE_HEADERS


def without(rows: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in keys} for row in rows]


@pytest.mark.parametrize(
    ("candidature", "as_of"),
    [
        ("C4-CAND-DOM", "2026-07-01"),  # pending-root (ROOT-2)
        ("C4-CAND-DOM", "2026-07-15"),  # ready: exempt through C4-NRU-SF -> C4-NRU-MV (TRANS-2)
        ("C3-CAND-B", "2026-05-01"),
        ("C3-CAND-C", "2026-08-01"),  # rejected (ROOT-3)
        ("C1-CAND", "2026-07-01"),  # heritage (HER-2)
    ],
)
def test_the_candidature_api_gives_the_decisions_of_perimeter_json(server, candidature, as_of):
    status, api = get_json(server, f"/api/candidature/{candidature}?as_of={as_of}")
    cli = cli_json("perimeter", candidature, "--as-of", as_of)
    assert status == 200
    assert {key: api[key] for key in cli} == cli


def test_the_candidature_api_gives_the_root_chain_as_nodes_and_edges_TRANS_2(server):
    _, api = get_json(server, "/api/candidature/C4-CAND-DOM?as_of=2026-07-15")
    chain = cli_json("chain", "C4-CAND-DOM", "--as-of", "2026-07-15")
    assert api["chain"]["steps"] == chain["chain"]
    assert [(n["id"], n["kind"], n["url"]) for n in api["chain"]["nodes"]] == [
        ("C4-CAND-DOM", "candidature", "/explore/candidature/C4-CAND-DOM?as_of=2026-07-15"),
        ("C4-NRU-SF", "nru", "/explore/nru/C4-NRU-SF?as_of=2026-07-15"),
        ("C4-CAND-SF", "candidature", "/explore/candidature/C4-CAND-SF?as_of=2026-07-15"),
        ("C4-NRU-MV", "nru", "/explore/nru/C4-NRU-MV?as_of=2026-07-15"),
        ("C4-CAND-MV", "candidature", "/explore/candidature/C4-CAND-MV?as_of=2026-07-15"),
    ]
    assert [(e["from"], e["to"], e["relation"]) for e in api["chain"]["edges"]] == [
        ("C4-CAND-DOM", "C4-NRU-SF", "root"),
        ("C4-NRU-SF", "C4-CAND-SF", "obtained-by"),
        ("C4-CAND-SF", "C4-NRU-MV", "root"),
        ("C4-NRU-MV", "C4-CAND-MV", "obtained-by"),
    ]
    assert api["couloir"] == "MS" and api["nru"] is None


def test_the_nru_api_gives_dependents_and_the_withdrawal_impact_TRANS_1(server):
    status, api = get_json(server, "/api/nru/C4-NRU-MV?as_of=2026-07-15")
    impact = cli_json("impact", "--nru", "C4-NRU-MV", "--as-of", "2026-07-15")
    chain = cli_json("chain", "C4-NRU-MV", "--dependents", "--as-of", "2026-07-15")
    assert status == 200
    assert (
        api["dependents"]
        == chain["dependents"]
        == {"direct": ["C4-CAND-MS", "C4-CAND-SF"], "transitive": ["C4-CAND-DOM"]}
    )
    assert without(api["withdrawal"], "url") == impact["withdrawal"]
    assert [row["candidature"] for row in api["withdrawal"]] == ["C4-CAND-DOM", "C4-CAND-MS", "C4-CAND-SF"]
    assert (api["candidature"], api["dispositif"], api["referenced"], api["wave"]) == (
        "C4-CAND-MV",
        "LGC-MV-VA2",
        "2026-04-24",
        2,
    )


def test_the_overview_api_counts_as_the_cli_overview_and_lists_the_risks_ROOT_2(server):
    status, api = get_json(server, "/api/overview?as_of=2026-07-01")
    rows = cli_json("overview", "--as-of", "2026-07-01")
    risks = cli_json("risks", "--as-of", "2026-07-01")
    assert status == 200
    assert api["candidatures"] == len(rows) == 28
    statuses = Counter(row["status"] for row in rows)
    assert {row["status"]: row["count"] for row in api["by_status"]} == {
        s: statuses.get(s, 0)
        for s in ("ready", "referenced", "pending-root", "rejected", "incomplete", "classic", "root-refused")
    }
    dispositifs = Counter(row["dispositif"] for row in rows)
    assert {row["dispositif"]: row["total"] for row in api["by_dispositif"]} == dict(dispositifs)
    assert without(api["at_risk"], "url") == risks
    assert [r["candidature"] for r in api["at_risk"]] == ["C3-CAND-C", "C4-CAND-DOM"]
    assert api["top_roots"][0] == {
        "nru": "C5-NRU-1",
        "candidature": "C5-CAND-1",
        "direct": 4,
        "transitive": 0,
        "url": "/explore/nru/C5-NRU-1?as_of=2026-07-01",
    }


def test_each_count_links_to_its_list(server):
    _, api = get_json(server, "/api/overview?as_of=2026-07-01")
    ready = next(row for row in api["by_status"] if row["status"] == "ready")
    assert ready["url"] == "/explore/candidatures?status=ready&as_of=2026-07-01"
    _, listed = get_json(server, ready["url"].replace("/explore/", "/api/"))
    rows = cli_json("overview", "--as-of", "2026-07-01")
    assert listed["count"] == ready["count"] == 17
    assert without(listed["candidatures"], "couloir", "url") == [row for row in rows if row["status"] == "ready"]
    _, by_couloir = get_json(server, "/api/candidatures?couloir=IMG&as_of=2026-07-01")
    assert [row["candidature"] for row in by_couloir["candidatures"]] == ["C2-CAND-RIS"]


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/api/candidature/NOPE?as_of=2026-07-01&lang=en", 404, "unknown identifier 'NOPE'"),
        ("/api/nru/C4-CAND-DOM?lang=en", 404, "'C4-CAND-DOM' is not a NRU"),
        (
            "/api/overview?as_of=01/07/2026&lang=en",
            400,
            "parameter as_of: a date YYYY-MM-DD was expected, got '01/07/2026'",
        ),
        (
            "/api/candidature/C1-CAND?as_of=2026-02-30",
            400,
            "paramètre as_of : une date AAAA-MM-JJ était attendue, « 2026-02-30 » reçu",
        ),
        (
            "/api/candidatures?status=done&lang=en",
            400,
            "parameter status: 'done' is not a possible value; possible values: "
            "ready, referenced, pending-root, rejected, incomplete, classic, root-refused",
        ),
        ("/api/search?lang=en&q=" + "x" * 201, 400, "parameter q: at most 200 characters, got 201"),
    ],
)
def test_a_mistake_is_one_json_error_line(server, path, status, error):
    answer, headers, body = get(server, path)
    assert answer == status
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body) == {"error": error}


def test_the_page_of_an_unknown_candidature_is_a_404_naming_it(server):
    status, _, body = get(server, "/explore/candidature/NOPE?lang=en")
    assert status == 404
    assert '<p class="error">unknown identifier &#x27;NOPE&#x27;</p>' in body.decode()


def test_search_finds_candidatures_solutions_names_nils_and_nrus(server):
    _, found = get_json(server, "/api/search?q=m%C3%A9dilys")
    assert found["hits"] == [
        {
            "kind": "solution",
            "id": "C8-SOL",
            "label": "Médilys",
            "url": "/explore/candidature/C8-CAND",
            "candidatures": ["C8-CAND"],
        },
        {
            "kind": "commercial-name",
            "id": "C8-CN-MEDILYS",
            "label": "Médilys",
            "url": "/explore/candidature/C8-CAND",
            "candidatures": ["C8-CAND"],
        },
        {
            "kind": "commercial-name",
            "id": "C8-CN-PRATICIEN",
            "label": "Médilys Praticien",
            "url": "/explore/candidature/C8-CAND",
            "candidatures": ["C8-CAND"],
        },
    ]
    _, nil = get_json(server, "/api/search?q=nil-81002")
    assert [(h["kind"], h["id"], h["url"]) for h in nil["hits"]] == [
        ("nil", "NIL-81002", "/explore/candidature/C8-CAND")
    ]
    _, nru = get_json(server, "/api/search?q=C4-NRU-SF")
    assert [(h["kind"], h["id"], h["url"]) for h in nru["hits"]] == [("nru", "C4-NRU-SF", "/explore/nru/C4-NRU-SF")]
    _, cands = get_json(server, "/api/search?q=C4-CAND")
    assert [h["id"] for h in cands["hits"]] == ["C4-CAND-DOM", "C4-CAND-MS", "C4-CAND-MV", "C4-CAND-SF"]
    assert get_json(server, "/api/search?q=")[1] == {"q": "", "count": 0, "truncated": False, "hits": []}


def test_pages_have_their_policy_rule_links_json_link_and_language(server):
    status, headers, body = get(server, "/explore/candidature/C4-CAND-DOM?as_of=2026-07-01&lang=en")
    page = body.decode()
    assert status == 200
    assert headers["Content-Security-Policy"] == PAGE_HEADERS["Content-Security-Policy"]
    assert "<script" not in page
    assert '<a class="rule" href="/rules#ROOT-2">ROOT-2</a>' in page
    assert 'href="/api/candidature/C4-CAND-DOM?as_of=2026-07-01&amp;lang=en"' in page
    assert '<a href="/">SPARQL query page</a>' in page and '<a href="/ontology">Ontology</a>' in page
    assert "<title>Candidature C4-CAND-DOM · Perimeter explorer</title>" in page
    french = get(server, "/explore/candidature/C4-CAND-DOM?as_of=2026-07-01")[2].decode()
    assert "<title>Candidature C4-CAND-DOM · Explorateur de périmètres</title>" in french
    assert 'href="/explore/candidature/C4-CAND-DOM?as_of=2026-07-01&amp;lang=en">English</a>' in french


def test_the_national_page_answers_in_the_language_the_browser_asks_for(server):
    _, _, body = get(server, "/explore?as_of=2026-07-01", language="en-GB,en;q=0.8")
    assert "<h1>National view as of 2026-07-01</h1>" in body.decode()
