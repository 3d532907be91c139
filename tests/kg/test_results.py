"""Result tables: escaped HTML with headers in the current language and a note when truncated,
DataFrames with typed columns, and one clear ImportError without pandas."""

from __future__ import annotations

import sys
from datetime import date

import pytest

import segur_kg
from segur_kg.i18n import set_language
from segur_kg.kg import results
from segur_kg.kg.results import Table, table


@pytest.fixture(scope="module")
def kg():
    return segur_kg.open(demo=True)


def test_html_escapes_every_value_and_title():
    hostile = table([{"candidature": "<script>alert(1)</script>", "rules": ["A&B", '"q"']}], title="<b>t</b>")
    page = hostile._repr_html_()
    assert "<script>" not in page and "<b>t</b>" not in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    assert "<td>A&amp;B, &quot;q&quot;</td>" in page
    assert "<caption>&lt;b&gt;t&lt;/b&gt;</caption>" in page


def test_headers_follow_the_language_and_keep_the_key_as_tooltip(kg):
    set_language("fr")
    found = kg.overview(as_of="2026-07-01")  # its title in the language of the call
    assert '<th title="deposit">à déposer</th>' in found._repr_html_()
    assert "<caption>Candidatures au 2026-07-01</caption>" in found._repr_html_()
    set_language("en")  # headers in the language of the display
    assert '<th title="deposit">to deposit</th>' in found._repr_html_()
    assert '<th title="candidature">candidature</th>' in found._repr_html_()


def test_a_sparql_variable_without_a_label_is_its_own_header():
    assert '<th title="n_reqs">n_reqs</th>' in table([{"n_reqs": 1}])._repr_html_()


def test_long_results_are_truncated_with_a_note(monkeypatch):
    monkeypatch.setattr(results, "MAX_HTML_ROWS", 3)
    page = table([{"n": i} for i in range(10)])._repr_html_()
    assert page.count("<tr>") == 4  # the header and three rows
    assert "3 of 10 rows shown; .to_frame() or .rows give them all" in page
    assert "no rows" in table([], ["n"])._repr_html_()


def test_iris_of_the_project_are_compacted_in_html_only():
    iri = "https://w3id.org/segur-kg/id/candidature/C1-CAND"
    t = table([{"c": iri}])
    assert "<td>id:candidature/C1-CAND</td>" in t._repr_html_()
    assert t.rows[0]["c"] == iri


def test_frame_dtypes_of_the_engine_results(kg):
    risks = kg.risks(as_of="2026-07-10", within=45).to_frame()
    assert str(risks["date2"].dtype) == "datetime64[ns]"
    assert str(risks["days_left"].dtype) == "int64"
    assert risks["date2"].iloc[0].date() == date(2026, 7, 31)
    overview = kg.overview(as_of="2026-07-01").to_frame()
    assert {str(overview[k].dtype) for k in ("deposit", "exempt-heritage", "exempt-equivalence")} == {"int64"}
    steps = kg.perimeter("C4-CAND-DOM", as_of="2026-07-15", why="INS/va1.05").to_frame()
    assert str(steps["passed"].dtype) in ("bool", "boolean")


def test_frame_dtypes_with_missing_values():
    frame = table(
        [{"n": 1, "ok": True, "day": "2026-07-01"}, {"n": None, "ok": None, "day": None}], dates=("day",)
    ).to_frame()
    assert [str(frame[k].dtype) for k in ("n", "ok", "day")] == ["Int64", "boolean", "datetime64[ns]"]
    assert frame["day"].isna().tolist() == [False, True]


def test_frame_dtypes_of_a_query(kg):
    frame = kg.query(
        "SELECT ?d ?date2 (COUNT(?c) AS ?n) WHERE { ?x a sgr:Dispositif ; dcterms:identifier ?d ;"
        " sgr:date2 ?date2 . OPTIONAL { ?c sgr:dispositif ?x } } GROUP BY ?d ?date2 ORDER BY ?d"
    ).to_frame()
    assert str(frame["date2"].dtype) == "datetime64[ns]"
    assert str(frame["n"].dtype) == "int64"
    assert frame["d"].dtype == object


def test_to_frame_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` does when it is not installed
    with pytest.raises(ImportError) as caught:
        Table(["n"], [{"n": 1}]).to_frame()
    assert str(caught.value) == (
        ".to_frame() needs pandas: install the segur-kg[notebook] extra (pip install 'segur-kg[notebook]')"
    )


def test_an_unknown_section_names_the_known_ones(kg):
    with pytest.raises(KeyError, match="expected one of summary"):
        kg.perimeter("C1-CAND", as_of="2026-07-01").section("nope")
