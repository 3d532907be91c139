"""Each method of the notebook API answers what the command line answers: its ``data`` is the CLI's
``--format json`` for the same input, and its rows are the JSON's rows."""

from __future__ import annotations

import json
from datetime import date

import pytest

import segur_kg
from helpers.cli import invoke
from helpers.paths import ROOT
from segur_kg.engine import Engine

INVALID = ROOT / "data" / "examples" / "invalid"


@pytest.fixture(scope="module")
def kg():
    return segur_kg.open(demo=True)


def cli_json(*args: object, code: int = 0):
    result = invoke(*args, "--demo", "--format", "json", "--lang", "en")
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def test_perimeter_is_the_cli_perimeter(kg):
    found = kg.perimeter("C4-CAND-DOM", as_of="2026-07-15")
    assert found.data == cli_json("perimeter", "C4-CAND-DOM", "--as-of", "2026-07-15")
    assert found.rows == found.data["requirements"]
    assert found.source.root_chain == ("C4-NRU-SF", "C4-NRU-MV")  # TRANS-2, case 4
    assert found.section("summary").rows == [{"decision": k, "count": n} for k, n in found.data["summary"].items()]


def test_perimeter_why_is_the_cli_why(kg):
    found = kg.perimeter("C4-CAND-DOM", as_of=date(2026, 7, 15), why="INS/va1.05")
    assert found.data == cli_json("perimeter", "C4-CAND-DOM", "--as-of", "2026-07-15", "--why", "INS/va1.05")
    assert found.rows == found.data["steps"]


def test_perimeter_of_a_psc_habilitation_is_its_guichet_perimeter(kg):
    found = kg.perimeter("C7-PSC-A", as_of="2026-07-01")
    assert found.data == cli_json("perimeter", "C7-PSC-A", "--as-of", "2026-07-01")
    assert found.rows == found.data["requirements"]


def test_overview_is_the_cli_overview_with_the_summary_as_columns(kg):
    found = kg.overview(as_of="2026-07-01")
    rows = cli_json("overview", "--as-of", "2026-07-01")
    assert found.data == rows
    assert found.rows == [{**{k: v for k, v in r.items() if k != "summary"}, **r["summary"]} for r in rows]
    by_candidature = {r["candidature"]: r for r in found.rows}
    assert by_candidature["C3-CAND-D"]["status"] == "classic" and by_candidature["C3-CAND-D"]["deposit"] == 41


def test_chain_with_dependents_is_the_cli_chain(kg):
    found = kg.chain("C4-NRU-MV", as_of="2026-07-15", dependents=True)
    report = cli_json("chain", "C4-NRU-MV", "--as-of", "2026-07-15", "--dependents")
    assert found.data == report
    assert [r["nru"] for r in found.rows] == [step["nru"] for step in report["chain"]]
    assert found.section("dependents").rows == [
        {"relation": "direct", "candidature": "C4-CAND-MS"},
        {"relation": "direct", "candidature": "C4-CAND-SF"},
        {"relation": "transitive", "candidature": "C4-CAND-DOM"},
    ]


def test_chain_rows_type_the_referencing_dates(kg):
    found = kg.chain("C4-CAND-DOM", as_of="2026-07-15")
    assert found.data == cli_json("chain", "C4-CAND-DOM", "--as-of", "2026-07-15")
    assert found.rows == [
        {"nru": "C4-NRU-SF", "candidature": "C4-CAND-SF", "dispositif": "LGC-SF-VA2", "referenced": date(2026, 6, 26)},
        {"nru": "C4-NRU-MV", "candidature": "C4-CAND-MV", "dispositif": "LGC-MV-VA2", "referenced": date(2026, 4, 24)},
    ]


def test_risks_are_the_cli_risks_with_dates_as_dates(kg):
    found = kg.risks(as_of="2026-07-10", within=45)
    report = cli_json("risks", "--as-of", "2026-07-10", "--within", "45")
    assert found.data == report and report
    for row, item in zip(found.rows, report, strict=True):
        assert row["date2"] == date.fromisoformat(item["date2"])
        assert {k: v for k, v in row.items() if k not in ("date2", "root_referenced")} == {
            k: v for k, v in item.items() if k not in ("date2", "root_referenced")
        }


def test_risks_over_time_counts_the_risks_of_each_date(kg):
    found = kg.risks_over_time("2026-06-26", "2026-07-24", every=14)
    assert [r["as_of"] for r in found.rows] == [date(2026, 6, 26), date(2026, 7, 10), date(2026, 7, 24)]
    for row in found.rows:
        report = cli_json("risks", "--as-of", row["as_of"].isoformat())
        rules = [r["rule"] for r in report]
        assert (row["at_risk"], row["ROOT-2"], row["ROOT-3"]) == (
            len(report),
            rules.count("ROOT-2"),
            rules.count("ROOT-3"),
        )


def test_withdrawal_impact_is_the_cli_impact(kg):
    found = kg.impact(nru="C3-NRU-A", as_of="2026-08-01")
    assert found.data == cli_json("impact", "--nru", "C3-NRU-A", "--as-of", "2026-08-01")
    assert [(r["candidature"], r["lost"], r["status_before"]) for r in found.rows] == [("C3-CAND-B", 10, "ready")]


def test_component_impact_is_the_cli_impact(kg):
    found = kg.impact(component="C7-CMP-B-PROXY", change="modify-proxy", as_of="2026-07-01")
    report = cli_json("impact", "--component", "C7-CMP-B-PROXY", "--change", "modify-proxy", "--as-of", "2026-07-01")
    assert found.data == report
    assert found.rows == report["guichet_editeur"]
    assert {r["habilitation"]: sorted(r["returns"]) for r in found.rows} == {
        h: ["C7-CMP-B-LPS", "C7-CMP-B-PROXY"]
        for h in ("C7-PSC-B", "C7-PSC-B2")  # PSC-5
    }


def test_commercial_name_impact_is_the_cli_impact(kg):
    found = kg.impact(commercial_name="C8-CN-MEDILYS", as_of="2026-07-01")
    report = cli_json("impact", "--commercial-name", "C8-CN-MEDILYS", "--as-of", "2026-07-01")
    assert found.data == report
    assert found.rows[0]["commercial_name"] == report["commercial_name"] == "C8-CN-MEDILYS"


def test_whatif_is_the_cli_whatif(kg):
    found = kg.whatif("C9-CAND-MS", "2026-06-15", add_profile="DOM", on="2026-06-15")
    assert found.data == cli_json(
        "whatif", "C9-CAND-MS", "--as-of", "2026-06-15", "--add-profile", "DOM", "--on", "2026-06-15"
    )
    added = [r for r in found.rows if r["before"] == "not-applicable"]
    assert len(added) == 4 and all(r["after"] == "deposit" for r in added)  # MOD-1


def test_whatif_refused_after_date2_date_3(kg):
    found = kg.whatif("C9-CAND-MS", "2026-08-05", add_profile="DOM", on="2026-08-05")
    report = cli_json(
        "whatif", "C9-CAND-MS", "--as-of", "2026-08-05", "--add-profile", "DOM", "--on", "2026-08-05", code=1
    )
    assert found.data == report and report["refused"] and report["rules"] == ["DATE-3"]
    assert found.rows == []


def test_validate_is_the_cli_validation_of_the_same_files():
    files = [INVALID / "ROOT-3.yaml"]
    graph = segur_kg.open(*files)
    found = graph.validate()
    result = invoke("validate", *files, "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.output
    assert found.data == json.loads(result.stdout)
    assert "ROOT-3" in {row["rule"] for row in found.rows}
    assert found.rows == found.data["findings"]


def test_library_query_is_the_cli_query(kg):
    found = kg.query("perimeter-summary", as_of=date(2026, 7, 1))
    result = invoke("query", "perimeter-summary", "--demo", "--param", "as_of=2026-07-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert found.data == json.loads(result.stdout)
    assert found.columns == found.data["head"]["vars"]
    counts = {r["candidature"]: r for r in found.rows}
    assert counts["C3-CAND-D"]["deposit"] == 41  # an xsd:integer as int


def test_query_text_with_a_header_binds_its_parameters(kg):
    text = (
        "# param: dispositif (xsd:string) — the dispositif\n"
        "SELECT ?date2 WHERE { ?d a sgr:Dispositif ; dcterms:identifier ?dispositif ; sgr:date2 ?date2 }"
    )
    found = kg.query(text, dispositif="DUI-MS-VA2")
    assert found.rows == [{"date2": date(2026, 7, 31)}]


def test_the_engine_is_built_once_and_derives_the_queries_decisions(monkeypatch):
    graph = segur_kg.open(demo=True)
    built = []
    from_store = Engine.from_store.__func__

    def counting(cls, store):
        built.append(store)
        return from_store(cls, store)

    monkeypatch.setattr(Engine, "from_store", classmethod(counting))
    graph.perimeter("C1-CAND", as_of="2026-07-01")
    graph.query("most-exempted-requirements", as_of="2026-07-01")  # needs: derived
    graph.overview(as_of="2026-07-01")
    assert len(built) == 1
    assert graph.query("most-exempted-requirements", as_of="2026-07-01").rows
