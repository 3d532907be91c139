"""The query library (queries/*.rq) and ``segur-kg query``.

Every query is run on the bundled examples and compared with its exact expected rows. The
expectations are reasoned from the dossiers (data/examples/*.yaml and their README) and the REM
tables, as the comments say; they are not copies of the output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from helpers.cli import invoke
from segur_kg import queries as Q
from segur_kg.errors import InputError
from segur_kg.ingest.loader import load
from segur_kg.resources import project_home, reference_dir

# Extra facts, loaded beside the bundle, for the questions whose answer on the (valid) bundle is
# empty: a name whose CNDA conformity is only pending, its CNDA child (nothing granted to inherit),
# a name reusing Médilys's NIL, and a candidature in version 3.8 naming C4-NRU-MV (3.9) as its root.
EXTRA_TTL = """\
@prefix sgr: <https://w3id.org/segur-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix cn: <https://w3id.org/segur-kg/id/commercial-name/> .
@prefix cand: <https://w3id.org/segur-kg/id/candidature/> .
@prefix sv: <https://w3id.org/segur-kg/id/solution-version/> .
@prefix sol: <https://w3id.org/segur-kg/id/solution/> .
@prefix disp: <https://w3id.org/segur-kg/id/dispositif/> .
@prefix ref: <https://w3id.org/segur-kg/id/referencing/> .

cn:X-CN-PENDING a sgr:CommercialName ; dcterms:identifier "X-CN-PENDING" ;
    rdfs:label "Pending" ; sgr:nil "NIL-X1" ; sgr:cndaConformity cn:X-CN-PENDING-cnda .
cn:X-CN-PENDING-cnda a sgr:CNDAConformity ; sgr:conformityStatus sgr:ConformityPending .
cn:X-CN-CHILD a sgr:CommercialName ; dcterms:identifier "X-CN-CHILD" ;
    rdfs:label "Child of pending" ; sgr:nil "NIL-X2" ; sgr:parentName cn:X-CN-PENDING .
cn:X-CN-COPY a sgr:CommercialName ; dcterms:identifier "X-CN-COPY" ;
    rdfs:label "Copy" ; sgr:nil "NIL-81001" ; sgr:parentName cn:C8-CN-MEDILYS .

cand:X-CAND-OLD a sgr:Candidature ; dcterms:identifier "X-CAND-OLD" ;
    sgr:solutionVersion sv:C4-SOL-LGC-3.8 ; sgr:dispositif disp:RIS-IMG-VA2 ;
    sgr:rootReferencing ref:C4-NRU-MV .
sv:C4-SOL-LGC-3.8 a sgr:SolutionVersion ; dcterms:identifier "C4-SOL-LGC-3.8" ;
    sgr:versionOf sol:C4-SOL-LGC ; sgr:versionString "3.8" ; sgr:versionKey "000003.000008.000000.000000" .
"""


# ------------------------------------------------------------------------------------------------
# Fixtures: the bundle is loaded once per module, through the library API
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundle():
    return load([], demo=True).store


@pytest.fixture(scope="module")
def extra_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "extra.ttl"
    path.write_text(EXTRA_TTL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extra(extra_file):
    return load([extra_file], demo=True).store


@pytest.fixture(scope="module")
def rdflib_bundle():
    return load([], store="rdflib", demo=True).store


_derived_as_of: dict[int, str] = {}  # store -> the date its derived graph holds


def run(store, name: str, **params) -> list[tuple]:
    """The rows of a library query, as plain values; the decisions are derived once per date."""
    q = Q.resolve(name)
    given = {k: str(v) for k, v in params.items()}
    derive = None
    if q.needs_derived:
        derive = _derived_as_of.get(id(store)) != given["as_of"]
        _derived_as_of[id(store)] = given["as_of"]
    return Q.rows(Q.run(store, q, given, derive))


def cli(*args: str):
    """``segur-kg query`` over the demo dossiers, as every test here reads them."""
    return invoke("query", "--demo", *args)


def exact(name: str) -> str:
    """Marks the test of a query's exact rows (see test_every_query_is_tested_with_exact_rows)."""
    return name


# ------------------------------------------------------------------------------------------------
# candidatures-at-risk (ROOT-2, ROOT-3): Date 2 of DUI-MS-VA2 is 2026-07-31, of LGC-SF-VA2 2026-09-30.
# Candidatures that named an intended root: C3-CAND-B (A, NRU recorded 06-12), C3-CAND-C (P, never
# recorded), C4-CAND-MS (MV, 05-04), C4-CAND-DOM (SF, 07-02), C5-CAND-2/3/3B/4 (C5-CAND-1,
# 06-15..06-17). C3-CAND-C is decided (rejected) only on 08-07.
# ------------------------------------------------------------------------------------------------
AT_RISK = [
    # as of 07-01 (30 days before the MS Date 2): C3-CAND-C, whose intended root C3-CAND-P is not
    # referenced before 08-28, and C4-CAND-DOM, whose root C4-NRU-SF exists since 06-26 but is
    # recorded only on 07-02. Everyone else had recorded its root by then.
    (
        {"as_of": "2026-07-01"},
        [
            ("C3-CAND-C", "DUI-MS-VA2", "2026-07-31", 30, "C3-CAND-P", None, "ROOT-2"),
            ("C4-CAND-DOM", "DUI-MS-VA2", "2026-07-31", 30, "C4-CAND-SF", "C4-NRU-SF", "ROOT-2"),
        ],
    ),
    # as of 06-01 within 90 days: the four C5 candidatures still wait for C5-NRU-1 (06-10);
    # C4-CAND-MS recorded its root on 05-04; C3-CAND-B's Date 2 is 121 days away.
    (
        {"as_of": "2026-06-01", "within": 90},
        [
            ("C3-CAND-C", "DUI-MS-VA2", "2026-07-31", 60, "C3-CAND-P", None, "ROOT-2"),
            ("C4-CAND-DOM", "DUI-MS-VA2", "2026-07-31", 60, "C4-CAND-SF", None, "ROOT-2"),
            ("C5-CAND-2", "DUI-MS-VA2", "2026-07-31", 60, "C5-CAND-1", None, "ROOT-2"),
            ("C5-CAND-3", "DUI-MS-VA2", "2026-07-31", 60, "C5-CAND-1", None, "ROOT-2"),
            ("C5-CAND-3B", "DUI-MS-VA2", "2026-07-31", 60, "C5-CAND-1", None, "ROOT-2"),
            ("C5-CAND-4", "DUI-MS-VA2", "2026-07-31", 60, "C5-CAND-1", None, "ROOT-2"),
        ],
    ),
    # as of 08-01: the MS Date 2 passed the day before without C3-CAND-C's root NRU (ROOT-3)
    ({"as_of": "2026-08-01"}, [("C3-CAND-C", "DUI-MS-VA2", "2026-07-31", -1, "C3-CAND-P", None, "ROOT-3")]),
    # as of 03-01 with a long horizon: every candidature that named a root and had not recorded it;
    # the day count crosses February (152 days to 07-31, 213 to 09-30)
    (
        {"as_of": "2026-03-01", "within": 365},
        [
            ("C3-CAND-C", "DUI-MS-VA2", "2026-07-31", 152, "C3-CAND-P", None, "ROOT-2"),
            ("C4-CAND-DOM", "DUI-MS-VA2", "2026-07-31", 152, "C4-CAND-SF", None, "ROOT-2"),
            ("C4-CAND-MS", "DUI-MS-VA2", "2026-07-31", 152, "C4-CAND-MV", None, "ROOT-2"),
            ("C5-CAND-2", "DUI-MS-VA2", "2026-07-31", 152, "C5-CAND-1", None, "ROOT-2"),
            ("C5-CAND-3", "DUI-MS-VA2", "2026-07-31", 152, "C5-CAND-1", None, "ROOT-2"),
            ("C5-CAND-3B", "DUI-MS-VA2", "2026-07-31", 152, "C5-CAND-1", None, "ROOT-2"),
            ("C5-CAND-4", "DUI-MS-VA2", "2026-07-31", 152, "C5-CAND-1", None, "ROOT-2"),
            ("C3-CAND-B", "LGC-SF-VA2", "2026-09-30", 213, "C3-CAND-A", None, "ROOT-2"),
        ],
    ),
    ({"as_of": "2026-05-01"}, []),  # 91 days before the MS Date 2: nothing near yet
]


@pytest.mark.parametrize("params,expected", AT_RISK)
def test_candidatures_at_risk(bundle, params, expected):
    assert run(bundle, exact("candidatures-at-risk"), **params) == expected


# ------------------------------------------------------------------------------------------------
# roots-and-users, root-on-several-dispositifs (TRANS-1, TRANS-2)
# Roots recorded in the bundle: C3-NRU-A (B), C4-NRU-MV (SF, MS), C4-NRU-SF (DOM), C5-NRU-1 (2, 3,
# 3B, 4), C9-NRU-CAB (C9-CAND-MS). C4-CAND-DOM reaches C4-NRU-MV through C4-NRU-SF: depth 2.
# ------------------------------------------------------------------------------------------------
ROOTS = [
    ("C3-NRU-A", "C3-CAND-A", "LGC-MV-VA2", "C3-CAND-B", "LGC-SF-VA2", 1, "C3-NRU-A"),
    ("C4-NRU-MV", "C4-CAND-MV", "LGC-MV-VA2", "C4-CAND-MS", "DUI-MS-VA2", 1, "C4-NRU-MV"),
    ("C4-NRU-MV", "C4-CAND-MV", "LGC-MV-VA2", "C4-CAND-SF", "LGC-SF-VA2", 1, "C4-NRU-MV"),
    ("C4-NRU-MV", "C4-CAND-MV", "LGC-MV-VA2", "C4-CAND-DOM", "DUI-MS-VA2", 2, "C4-NRU-SF"),
    ("C4-NRU-SF", "C4-CAND-SF", "LGC-SF-VA2", "C4-CAND-DOM", "DUI-MS-VA2", 1, "C4-NRU-SF"),
    ("C5-NRU-1", "C5-CAND-1", "DUI-MS-VA2", "C5-CAND-2", "DUI-MS-VA2", 1, "C5-NRU-1"),
    ("C5-NRU-1", "C5-CAND-1", "DUI-MS-VA2", "C5-CAND-3", "DUI-MS-VA2", 1, "C5-NRU-1"),
    ("C5-NRU-1", "C5-CAND-1", "DUI-MS-VA2", "C5-CAND-3B", "DUI-MS-VA2", 1, "C5-NRU-1"),
    ("C5-NRU-1", "C5-CAND-1", "DUI-MS-VA2", "C5-CAND-4", "DUI-MS-VA2", 1, "C5-NRU-1"),
    ("C9-NRU-CAB", "C9-CAND-CAB", "LGC-MV-VA2", "C9-CAND-MS", "DUI-MS-VA2", 1, "C9-NRU-CAB"),
]


def test_roots_and_users(bundle):
    assert run(bundle, exact("roots-and-users")) == ROOTS
    assert run(bundle, "roots-and-users", root="C4-NRU-MV") == [r for r in ROOTS if r[0] == "C4-NRU-MV"]
    assert run(bundle, "roots-and-users", root="C2-NRU-LGC") == []  # referenced, nobody's root


# Two referenced candidatures naming each other's NRU as root (a TRANS-2 cycle): each is a user of
# both roots, and each candidature on the chain is counted once (the user itself is on it twice).
CYCLE_TTL = (
    EXTRA_TTL.split("\n\n")[0]
    + """
cand:X-CYC-A a sgr:Candidature ; dcterms:identifier "X-CYC-A" ; sgr:dispositif disp:LGC-SF-VA2 ;
    sgr:rootReferencing ref:X-NRU-B .
cand:X-CYC-B a sgr:Candidature ; dcterms:identifier "X-CYC-B" ; sgr:dispositif disp:DUI-MS-VA2 ;
    sgr:rootReferencing ref:X-NRU-A .
ref:X-NRU-A a sgr:Referencing ; sgr:nru "X-NRU-A" ; sgr:ofCandidature cand:X-CYC-A ; sgr:dispositif disp:LGC-SF-VA2 .
ref:X-NRU-B a sgr:Referencing ; sgr:nru "X-NRU-B" ; sgr:ofCandidature cand:X-CYC-B ; sgr:dispositif disp:DUI-MS-VA2 .
"""
)


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_roots_and_users_counts_each_candidature_of_a_cycle_once(tmp_path, store):
    path = tmp_path / "cycle.ttl"
    path.write_text(CYCLE_TTL, encoding="utf-8")
    rows = run(load([path], store=store, demo=True).store, "roots-and-users")
    assert [r for r in rows if r[0].startswith("X-")] == [
        ("X-NRU-A", "X-CYC-A", "LGC-SF-VA2", "X-CYC-A", "LGC-SF-VA2", 2, "X-NRU-B"),
        ("X-NRU-A", "X-CYC-A", "LGC-SF-VA2", "X-CYC-B", "DUI-MS-VA2", 2, "X-NRU-A"),
        ("X-NRU-B", "X-CYC-B", "DUI-MS-VA2", "X-CYC-A", "LGC-SF-VA2", 2, "X-NRU-B"),
        ("X-NRU-B", "X-CYC-B", "DUI-MS-VA2", "X-CYC-B", "DUI-MS-VA2", 2, "X-NRU-A"),
    ]
    assert [r for r in rows if not r[0].startswith("X-")] == ROOTS


def test_root_on_several_dispositifs(bundle):
    # only C4-NRU-MV serves two dispositifs (LGC-SF-VA2 and DUI-MS-VA2); C5-NRU-1's four users are
    # all on DUI-MS-VA2. Direct users only: C4-CAND-DOM recorded C4-NRU-SF.
    assert run(bundle, exact("root-on-several-dispositifs")) == [
        ("C4-NRU-MV", "LGC-MV-VA2", 2, "C4-CAND-MS", "DUI-MS-VA2"),
        ("C4-NRU-MV", "LGC-MV-VA2", 2, "C4-CAND-SF", "LGC-SF-VA2"),
    ]
    every_root = run(bundle, "root-on-several-dispositifs", min_dispositifs=1)
    assert [(r[0], r[3]) for r in every_root] == [
        (r[0], r[3]) for r in sorted(ROOTS, key=lambda r: (r[0], r[4], r[3])) if r[5] == 1
    ]


# ------------------------------------------------------------------------------------------------
# Commercial names, versions (CNDA-1, CNDA-2, NAME-1, ASC-1)
# ------------------------------------------------------------------------------------------------
def test_commercial_names_cnda_nil(bundle, extra):
    # every bundled name has a granted conformity, or inherits Médilys's (Médilys Praticien, CNDA-2),
    # and every NIL is distinct: nothing to report
    assert run(bundle, exact("commercial-names-cnda-nil")) == []
    assert run(extra, "commercial-names-cnda-nil") == [
        ("C8-CN-MEDILYS", "Médilys", "NIL-81001", "shared-nil", "X-CN-COPY", "CNDA-1"),
        ("X-CN-CHILD", "Child of pending", "NIL-X2", "no-cnda-conformity", None, "CNDA-1"),
        ("X-CN-COPY", "Copy", "NIL-81001", "shared-nil", "C8-CN-MEDILYS", "CNDA-1"),
        ("X-CN-PENDING", "Pending", "NIL-X1", "no-cnda-conformity", None, "CNDA-1"),
    ]


# Vague 2 referencings and the names of their version (NAME-1): one name each, except C8-NRU whose
# version 8.2 carries Médilys and its CNDA child Médilys Praticien.
NAMES = [
    ("C2-NRU-LGC", "C2-CAND-LGC", "C2-CN-LGC", "Radiance Médecin", "NIL-21003", "own", "C2-CN-LGC"),
    ("C3-NRU-A", "C3-CAND-A", "C3-CN-A", "Hélios Cabinet", "NIL-31001", "own", "C3-CN-A"),
    ("C3-NRU-B", "C3-CAND-B", "C3-CN-B", "Hélios Paramédical", "NIL-31002", "own", "C3-CN-B"),
    ("C3-NRU-D", "C3-CAND-D", "C3-CN-D", "Orphée Domicile", "NIL-31005", "own", "C3-CN-D"),
    ("C3-NRU-P", "C3-CAND-P", "C3-CN-P", "Orphée Sages-femmes", "NIL-31003", "own", "C3-CN-P"),
    ("C4-NRU-MS", "C4-CAND-MS", "C4-CN-MS", "Atlas Médico-social", "NIL-41002", "own", "C4-CN-MS"),
    ("C4-NRU-MV", "C4-CAND-MV", "C4-CN-LGC", "Atlas Médical", "NIL-41001", "own", "C4-CN-LGC"),
    ("C4-NRU-SF", "C4-CAND-SF", "C4-CN-LGC", "Atlas Médical", "NIL-41001", "own", "C4-CN-LGC"),
    ("C5-NRU-1", "C5-CAND-1", "C5-CN-AGD", "Cèdre Agenda", "NIL-51001", "own", "C5-CN-AGD"),
    ("C5-NRU-2", "C5-CAND-2", "C5-CN-PORT", "Cèdre Portail", "NIL-51002", "own", "C5-CN-PORT"),
    ("C6-NRU-ARP", "C6-CAND-ARP", "C6-CN-ARP", "Arpège Établissements et Services", "NIL-61001", "own", "C6-CN-ARP"),
    ("C7-NRU-A", "C7-CAND-A", "C7-CN-A", "Nova Cabinet", "NIL-71001", "own", "C7-CN-A"),
    ("C8-NRU", "C8-CAND", "C8-CN-MEDILYS", "Médilys", "NIL-81001", "own", "C8-CN-MEDILYS"),
    ("C8-NRU", "C8-CAND", "C8-CN-PRATICIEN", "Médilys Praticien", "NIL-81002", "inherited", "C8-CN-MEDILYS"),
    ("C9-NRU-CAB", "C9-CAND-CAB", "C9-CN-CAB", "Alizé Cabinet", "NIL-91001", "own", "C9-CN-CAB"),
]


def test_names_sent_with_nru(bundle):
    assert run(bundle, exact("names-sent-with-nru")) == NAMES
    assert run(bundle, "names-sent-with-nru", nru="C8-NRU") == NAMES[12:14]


def test_versions_below_root(bundle, extra):
    # every root of the bundle has a version lower or equal to its users': C4's 3.10 and 3.11 are
    # above 3.9 and 3.10 in version order although "3.10" < "3.9" as strings (the string-order trap)
    assert run(bundle, exact("versions-below-root")) == []
    assert run(extra, "versions-below-root") == [("X-CAND-OLD", "C4-SOL-LGC", "3.8", "C4-NRU-MV", "C4-SOL-LGC", "3.9")]


# ------------------------------------------------------------------------------------------------
# PSC (PSC-3..PSC-8), case 7
# ------------------------------------------------------------------------------------------------
PSC = [
    # separate: each component returns alone (PSC-4)
    ("Separate", "C7-PSC-A", "C7-PSC-NRU-A", 1, "C7-CMP-A-LPS", "LPS", "C7-CMP-A-LPS", "PSC-4"),
    ("Separate", "C7-PSC-A", "C7-PSC-NRU-A", 1, "C7-CMP-A-PROXY", "Proxy", "C7-CMP-A-PROXY", "PSC-4"),
    # its renewal after the LPS was modified, same LPS and Proxy
    ("Separate", "C7-PSC-A2", "C7-PSC-NRU-A2", 1, "C7-CMP-A-LPS", "LPS", "C7-CMP-A-LPS", "PSC-4"),
    ("Separate", "C7-PSC-A2", "C7-PSC-NRU-A2", 1, "C7-CMP-A-PROXY", "Proxy", "C7-CMP-A-PROXY", "PSC-4"),
    # monobloc: either change sends both back (PSC-5), for the habilitation and for its renewal
    ("Monobloc", "C7-PSC-B", "C7-PSC-NRU-B", 1, "C7-CMP-B-LPS", "LPS", "C7-CMP-B-LPS", "PSC-5"),
    ("Monobloc", "C7-PSC-B", "C7-PSC-NRU-B", 1, "C7-CMP-B-LPS", "LPS", "C7-CMP-B-PROXY", "PSC-5"),
    ("Monobloc", "C7-PSC-B", "C7-PSC-NRU-B", 1, "C7-CMP-B-PROXY", "Proxy", "C7-CMP-B-LPS", "PSC-5"),
    ("Monobloc", "C7-PSC-B", "C7-PSC-NRU-B", 1, "C7-CMP-B-PROXY", "Proxy", "C7-CMP-B-PROXY", "PSC-5"),
    ("Monobloc", "C7-PSC-B2", "C7-PSC-NRU-B2", 1, "C7-CMP-B-LPS", "LPS", "C7-CMP-B-LPS", "PSC-5"),
    ("Monobloc", "C7-PSC-B2", "C7-PSC-NRU-B2", 1, "C7-CMP-B-LPS", "LPS", "C7-CMP-B-PROXY", "PSC-5"),
    ("Monobloc", "C7-PSC-B2", "C7-PSC-NRU-B2", 1, "C7-CMP-B-PROXY", "Proxy", "C7-CMP-B-LPS", "PSC-5"),
    ("Monobloc", "C7-PSC-B2", "C7-PSC-NRU-B2", 1, "C7-CMP-B-PROXY", "Proxy", "C7-CMP-B-PROXY", "PSC-5"),
    # proxy alone, serving Nova Paramédical 1.4 and Nova Sage-femme 1.0 (PSC-6, PSC-3)
    ("ProxyAlone", "C7-PSC-C", "C7-PSC-NRU-C", 2, "C7-CMP-C-PROXY", "Proxy", "C7-CMP-C-PROXY", "PSC-6"),
    # LPS alone, serving Nova Hôpital 1.0 and 2.0 (PSC-7)
    ("LPSAlone", "C7-PSC-D", "C7-PSC-NRU-D", 2, "C7-CMP-D-LPS", "LPS", "C7-CMP-D-LPS", "PSC-7"),
    # the new Proxy of Nova Hôpital 2.0, habilitated alone
    ("ProxyAlone", "C7-PSC-D-PROXY", "C7-PSC-NRU-D-PROXY", 1, "C7-CMP-D-PROXY", "Proxy", "C7-CMP-D-PROXY", "PSC-6"),
    # the Proxy of Nova Paramédical habilitated alone again for Alizé Kiné (same group) and Orion Dentaire
    ("ProxyAlone", "C7-PSC-E", "C7-PSC-NRU-E", 1, "C7-CMP-C-PROXY", "Proxy", "C7-CMP-C-PROXY", "PSC-6"),
    ("ProxyAlone", "C7-PSC-F", "C7-PSC-NRU-F", 1, "C7-CMP-C-PROXY", "Proxy", "C7-CMP-C-PROXY", "PSC-6"),
]


def test_psc_change_impact(bundle):
    assert run(bundle, exact("psc-change-impact")) == PSC
    assert run(bundle, "psc-change-impact", component="C7-CMP-B-PROXY") == PSC[6:8] + PSC[10:12]


def test_operator_rehabilitations(bundle):
    # the LPS of Nova Cabinet migrates on 05-11 (PSC-8); Azur HDS is habilitated as its Opérateur de
    # Service Utilisateur on 05-27. The earlier C7-OPH-A-LPS (2025) does not cover the change.
    row = ("C7-MOD-A-MIGRATION", "Migration", "2026-05-11", "C7-CMP-A-LPS", "OperateurServiceUtilisateur")
    assert run(bundle, exact("operator-rehabilitations"), as_of="2026-07-01") == [
        row + ("C7-OPH-A-LPS-AZUR", "C7-OP-AZUR", "2026-05-27")
    ]
    assert run(bundle, "operator-rehabilitations", as_of="2026-05-20") == [row + (None, None, None)]
    assert run(bundle, "operator-rehabilitations", as_of="2026-05-01") == []


# ------------------------------------------------------------------------------------------------
# heritage-coverage (HER-2..5, MS-1): REM-DUI-MS-VA2 has 9 GEN and 1 per profile vague 1
# requirements; REM-RIS-IMG-VA2 9 GEN.
# ------------------------------------------------------------------------------------------------
def test_heritage_coverage(bundle):
    assert run(bundle, exact("heritage-coverage")) == [
        # C1-NRU-VA1-MS1 covers GEN, PA, PH; PDE was never referenced in vague 1 (HER-4)
        ("C1-CAND", "GEN", 9, True, "C1-NRU-VA1-MS1", "HER-3"),
        ("C1-CAND", "PA", 1, True, "C1-NRU-VA1-MS1", "HER-3"),
        ("C1-CAND", "PDE", 1, False, None, "HER-4"),
        ("C1-CAND", "PH", 1, True, "C1-NRU-VA1-MS1", "HER-3"),
        # RIS vague 1 -> RIS vague 2 (HER-2)
        ("C2-CAND-RIS", "GEN", 9, True, "C2-NRU-VA1-RIS", "HER-3"),
        # three vague 1 NRUs in one candidature (HER-5): each covers GEN and its own profile
        ("C6-CAND-ARP", "GEN", 9, True, "C6-NRU-VA1-MS1-PH", "HER-3"),
        ("C6-CAND-ARP", "GEN", 9, True, "C6-NRU-VA1-MS2-PDE", "HER-3"),
        ("C6-CAND-ARP", "GEN", 9, True, "C6-NRU-VA1-MS2-PDS", "HER-3"),
        ("C6-CAND-ARP", "PDE", 1, True, "C6-NRU-VA1-MS2-PDE", "HER-3"),
        ("C6-CAND-ARP", "PDS", 1, True, "C6-NRU-VA1-MS2-PDS", "HER-3"),
        ("C6-CAND-ARP", "PH", 1, True, "C6-NRU-VA1-MS1-PH", "HER-3"),
        # referenced in vague 1 on PDE only, applying on PA: PA's vague 1 requirement is due (MS-1)
        ("C6-CAND-BOU", "GEN", 9, True, "C6-NRU-VA1-BOU-PDE", "HER-3"),
        ("C6-CAND-BOU", "PA", 1, False, None, "HER-4"),
    ]
    assert [r[1] for r in run(bundle, "heritage-coverage", candidature="C6-CAND-BOU")] == ["GEN", "PA"]


# ------------------------------------------------------------------------------------------------
# modifications-by-phase (MOD-1): every candidature modification of the bundle falls between its
# dispositif's Date 1 and Date 2 (the dossiers record only valid facts).
# ------------------------------------------------------------------------------------------------
def test_modifications_by_phase(bundle):
    b = "between-dates"
    assert run(bundle, exact("modifications-by-phase")) == [
        (
            "C3-CAND-A",
            "C3-MOD-A-IE",
            "RemoveProfile",
            "2026-04-20",
            "CandidatureAdministrative",
            "LGC-MV-VA2",
            b,
            "MOD-1",
        ),
        ("C3-CAND-B", "C3-MOD-B-ROOT", "SetRootNRU", "2026-06-12", "Eligibilite", "LGC-SF-VA2", b, "MOD-1"),
        ("C4-CAND-DOM", "C4-MOD-DOM-ROOT", "SetRootNRU", "2026-07-02", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
        ("C4-CAND-MS", "C4-MOD-MS-ROOT", "SetRootNRU", "2026-05-04", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
        ("C5-CAND-2", "C5-MOD-2-ROOT", "SetRootNRU", "2026-06-15", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
        ("C5-CAND-3", "C5-MOD-3-ROOT", "SetRootNRU", "2026-06-16", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
        ("C5-CAND-3B", "C5-MOD-3B-ROOT", "SetRootNRU", "2026-06-16", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
        ("C5-CAND-4", "C5-MOD-4-ROOT", "SetRootNRU", "2026-06-17", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
        (
            "C7-CAND-D2",
            "C7-MOD-D2-PROXY-NRU",
            "SetProxyNRU",
            "2026-05-12",
            "CandidatureAdministrative",
            "DPI-HOP-VA2",
            b,
            "MOD-1",
        ),
        (
            "C9-CAND-MS",
            "C9-MOD-AGENDA",
            "AddAdditionalComponent",
            "2026-03-20",
            "CandidatureAdministrative",
            "DUI-MS-VA2",
            b,
            "MOD-1",
        ),
        ("C9-CAND-MS", "C9-MOD-ROOT", "SetRootNRU", "2026-04-24", "Eligibilite", "DUI-MS-VA2", b, "MOD-1"),
    ]


# ------------------------------------------------------------------------------------------------
# Queries on the engine's decisions (needs: derived)
# Applicable requirements = the REM's GEN requirements + those of the chosen profiles + those of the
# declared additional components. REM-LGC-MV-VA2: GEN 39, AGENDA 3, FACTURATION 3, TLC 2,
# IE-USAGERS 3. REM-LGC-SF-VA2: GEN 39, AGENDA 3, FACTURATION 2, TLC 2, IE-USAGERS 3.
# REM-DUI-MS-VA2: GEN 33, each component 2, each of PA, PH, PDE, PDS, DOM 4. REM-RIS-IMG-VA2: GEN 38.
# REM-DPI-HOP-VA2: GEN 37, PORTAIL 2, BAL-PER-ORG 4.
# ------------------------------------------------------------------------------------------------
SUMMARY_2026_07_01 = [
    # candidature, dispositif, status, deposit, heritage, equivalence, not applicable
    ("C1-CAND", "DUI-MS-VA2", "ready", 34, 11, 0, 16),  # README: 11 heritage, 34 to deposit
    ("C2-CAND-LGC", "LGC-MV-VA2", "referenced", 39, 0, 0, 11),  # GEN only
    ("C2-CAND-RIS", "RIS-IMG-VA2", "ready", 29, 9, 0, 0),  # README: 9 RIS vague 1 by heritage
    ("C3-CAND-A", "LGC-MV-VA2", "referenced", 39, 0, 0, 11),  # IE-USAGERS removed on 04-20
    ("C3-CAND-B", "LGC-SF-VA2", "ready", 32, 0, 10, 7),  # GEN + IE-USAGERS = 42, 10 via C3-NRU-A
    ("C3-CAND-C", "DUI-MS-VA2", "pending-root", 37, 0, 0, 24),  # GEN + PDS, waiting for C3-CAND-P
    ("C3-CAND-D", "DUI-MS-VA2", "classic", 41, 0, 0, 20),  # README: classic deposit, 41
    ("C3-CAND-P", "LGC-SF-VA2", "ready", 39, 0, 0, 10),  # referenced only on 08-28
    ("C4-CAND-DOM", "DUI-MS-VA2", "pending-root", 45, 0, 0, 16),  # GEN, PA, DOM, agenda, TLC; root recorded 07-02
    ("C4-CAND-MS", "DUI-MS-VA2", "ready", 30, 0, 9, 22),  # README: 9 via C4-NRU-MV
    ("C4-CAND-MV", "LGC-MV-VA2", "referenced", 45, 0, 0, 5),  # GEN + agenda + facturation
    ("C4-CAND-SF", "LGC-SF-VA2", "referenced", 34, 0, 12, 3),  # README: 12 via C4-NRU-MV
    ("C5-CAND-1", "DUI-MS-VA2", "referenced", 39, 0, 0, 22),  # GEN, PA, agenda
    ("C5-CAND-2", "DUI-MS-VA2", "ready", 25, 0, 20, 16),  # README: 20 exempt
    ("C5-CAND-3", "DUI-MS-VA2", "ready", 25, 0, 14, 22),  # README: 14 exempt
    ("C5-CAND-3B", "DUI-MS-VA2", "ready", 26, 0, 13, 22),  # README: 13 exempt
    ("C5-CAND-4", "DUI-MS-VA2", "ready", 26, 0, 17, 18),  # README: 17 exempt
    ("C6-CAND-ARP", "DUI-MS-VA2", "ready", 33, 12, 0, 16),  # README: 12 by heritage
    ("C6-CAND-BOU", "DUI-MS-VA2", "ready", 28, 9, 0, 24),  # README: 9 GEN by heritage
    ("C7-CAND-A", "LGC-MV-VA2", "referenced", 39, 0, 0, 11),
    ("C7-CAND-B", "DUI-MS-VA2", "ready", 37, 0, 0, 24),  # GEN + PH
    ("C7-CAND-C", "LGC-SF-VA2", "ready", 39, 0, 0, 10),
    ("C7-CAND-C2", "LGC-SF-VA2", "ready", 39, 0, 0, 10),
    ("C7-CAND-D", "DPI-HOP-VA2", "ready", 37, 0, 0, 6),
    ("C7-CAND-D2", "DPI-HOP-VA2", "ready", 41, 0, 0, 2),  # GEN + BAL-PER-ORG
    ("C8-CAND", "LGC-MV-VA2", "referenced", 39, 0, 0, 11),
    ("C9-CAND-CAB", "LGC-MV-VA2", "referenced", 42, 0, 0, 8),  # GEN + agenda
    ("C9-CAND-MS", "DUI-MS-VA2", "ready", 31, 0, 8, 22),  # README: 8 via C9-NRU-CAB
]


def test_perimeter_summary(bundle):
    rows = run(bundle, exact("perimeter-summary"), as_of="2026-07-01")
    assert [r[:7] for r in rows] == SUMMARY_2026_07_01
    # to_provide: deposit decisions without a validated proof. C3-CAND-B as of 07-01 has validated
    # SFP.01-04, ORDN.04 and SSI/va1.02 (ORDN.01, SSI/IE.01 and IE.02 are decided only on 07-27).
    assert run(bundle, "perimeter-summary", as_of="2026-07-01", candidature="C3-CAND-B") == [
        ("C3-CAND-B", "LGC-SF-VA2", "ready", 32, 0, 10, 7, 26)
    ]
    # README case 9: as of 05-01, ready with root C9-NRU-CAB, 8 exempt; of its 31 to deposit, six
    # are validated by then (DUI/va1.01, DOS.01, DOS.04, va1.03, PH.01, PH.02)
    assert run(bundle, "perimeter-summary", as_of="2026-05-01", candidature="C9-CAND-MS") == [
        ("C9-CAND-MS", "DUI-MS-VA2", "ready", 31, 0, 8, 22, 25)
    ]
    # README case 3: as of 05-01, B waits for A (pending-root, ROOT-2) and deposits all 42
    assert run(bundle, "perimeter-summary", as_of="2026-05-01", candidature="C3-CAND-B")[0][:7] == (
        "C3-CAND-B",
        "LGC-SF-VA2",
        "pending-root",
        42,
        0,
        0,
        7,
    )


def _rem_ids(rem: str, profile: str, component: str = "") -> set[str]:
    with (reference_dir() / "rems" / f"{rem}.csv").open(encoding="utf-8") as handle:
        return {r["ID"] for r in csv.DictReader(handle) if r["Profil"] == profile and r["Composant"] == component}


def test_proofs_to_deposit(bundle):
    # C9-CAND-MS as of 05-01 (GEN, PH, agenda added on 03-20, root C9-NRU-CAB): the 33 GEN
    # requirements of REM-DUI-MS-VA2 less the 7 that CAB validated and EQ-MS maps (INS/va1.05,
    # INS.05, DMP/va1.03, DMP/UX.12, PSC.01, PSC.06, SSI/IAM.03); AGD.05 of the agenda chapter
    # (AGD.01 is exempt too: 8 in all); and the 4 PH requirements (no equivalent at the LGC root).
    exempt = {"INS/va1.05", "INS.05", "DMP/va1.03", "DMP/UX.12", "PSC.01", "PSC.06", "SSI/IAM.03"}
    gen = _rem_ids("REM-DUI-MS-VA2", "GEN") - exempt
    assert len(gen) == 26
    proofs = {  # the candidature's proofs as they stood on 05-01
        "DUI/va1.01": "validated",
        "DUI/DOS.01": "validated",
        "DUI/DOS.04": "validated",
        "DUI/va1.03": "validated",
        "DUI/PH.01": "validated",
        "DUI/PH.02": "validated",
        "AGD.05": "deposited",  # decided on 05-07
        # DUI/PH.03 (deposited 07-06) and MSS/UX.13 (05-04) are not deposited yet: none
    }
    expected = sorted(
        [("C9-CAND-MS", r, "GEN", None, proofs.get(r, "none")) for r in gen]
        + [("C9-CAND-MS", "AGD.05", "GEN", "AGENDA", "deposited")]
        + [("C9-CAND-MS", r, "PH", None, proofs.get(r, "none")) for r in _rem_ids("REM-DUI-MS-VA2", "PH")],
        key=lambda row: row[1],
    )
    assert run(bundle, exact("proofs-to-deposit"), as_of="2026-05-01", candidature="C9-CAND-MS") == expected
    assert [
        r[1] for r in run(bundle, "proofs-to-deposit", as_of="2026-05-01", candidature="C9-CAND-MS", state="deposited")
    ] == ["AGD.05"]


# SF as of 07-01: C3-CAND-B is exempt through C3-NRU-A of the 10 requirements A validated that EQ-SF
# lists (not ORDN.01, MDV.01, PRESC.01; SSI/IE.01 was refused); C4-CAND-SF of the 12 C4-CAND-MV
# validated that EQ-SF lists (not MDV.01, ORDN.01, FACT.02). Eight are common to both.
MOST_EXEMPTED_SF = [
    ("SF", "REM-LGC-SF-VA2", r, 2, 0, 2)
    for r in ("DMP/UX.12", "DMP/UX.15", "INS.05", "INS/va1.05", "MSS/UX.11", "PSC.01", "PSC.06", "SSI/IAM.03")
] + [("SF", "REM-LGC-SF-VA2", r, 1, 0, 1) for r in ("AGD.01", "AGD.02", "APCV.01", "FACT.01", "MSS/va1.06", "VACC.01")]

# MS as of 07-01, six exemptions or more: the GEN vague 1 requirements are inherited by C1-CAND,
# C6-CAND-ARP and C6-CAND-BOU (3); C5-CAND-2/3/3B/4 are exempt of what C5-CAND-1 validated (4),
# C4-CAND-MS of what C4-CAND-MV validated and EQ-MS lists, C9-CAND-MS of what C9-CAND-CAB did.
MOST_EXEMPTED_MS_6 = [
    ("MS", "REM-DUI-MS-VA2", "INS/va1.05", 9, 3, 6),  # validated by C5-1, C4-MV and C9-CAB
    ("MS", "REM-DUI-MS-VA2", "DMP/va1.03", 8, 3, 5),  # C5-1 and C9-CAB
    ("MS", "REM-DUI-MS-VA2", "MSS/va1.06", 8, 3, 5),  # C5-1 and C4-MV
    ("MS", "REM-DUI-MS-VA2", "DUI/va1.01", 7, 3, 4),  # C5-1 (same REM)
    ("MS", "REM-DUI-MS-VA2", "INS/va1.01", 7, 3, 4),  # C5-1
] + [("MS", "REM-DUI-MS-VA2", r, 6, 0, 6) for r in ("DMP/UX.12", "INS.05", "PSC.01", "PSC.06", "SSI/IAM.03")]


def test_most_exempted_requirements(bundle):
    assert run(bundle, exact("most-exempted-requirements"), as_of="2026-07-01", couloir="SF") == MOST_EXEMPTED_SF
    assert (
        run(bundle, "most-exempted-requirements", as_of="2026-07-01", couloir="MS", min_count=6) == MOST_EXEMPTED_MS_6
    )
    # imagery: the 9 vague 1 requirements of REM-RIS-IMG-VA2, inherited by C2-CAND-RIS only (COU-1: no equivalence)
    assert run(bundle, "most-exempted-requirements", as_of="2026-07-01", couloir="IMG") == [
        ("IMG", "REM-RIS-IMG-VA2", r, 1, 1, 0) for r in sorted(_rem_ids_va1("REM-RIS-IMG-VA2"))
    ]
    # the whole table: one row per (couloir, requirement) exempted at least once; MV has none (roots only)
    every = run(bundle, "most-exempted-requirements", as_of="2026-07-01")
    assert {r[0] for r in every} == {"IMG", "MS", "SF"}
    heritage = 11 + 9 + 12 + 9  # C1-CAND, C2-CAND-RIS, C6-CAND-ARP, C6-CAND-BOU
    equivalence = 10 + 9 + 12 + 20 + 14 + 13 + 17 + 8  # C3-B, C4-MS, C4-SF, C5-2, C5-3, C5-3B, C5-4, C9-MS
    assert sum(r[3] for r in every) == heritage + equivalence


def _rem_ids_va1(rem: str) -> set[str]:
    with (reference_dir() / "rems" / f"{rem}.csv").open(encoding="utf-8") as handle:
        return {r["ID"] for r in csv.DictReader(handle) if r["Périmètre"] == "Vague 1"}


def test_every_query_is_tested_with_exact_rows():
    # the queries over the Squash export are tested in tests/catalogue/, against `equivalences suggest`
    files = [Path(__file__), *sorted((Path(__file__).parents[1] / "catalogue").glob("test_*.py"))]
    tested = {name for f in files for name in re.findall(r'exact\("([a-z0-9-]+)"\)', f.read_text(encoding="utf-8"))}
    names = {q.name for q in Q.library()}
    assert len(names) >= 10
    assert names == tested, f"queries without an exact-rows test: {sorted(names - tested)}"


# ------------------------------------------------------------------------------------------------
# Headers
# ------------------------------------------------------------------------------------------------
def test_headers_are_complete_and_name_known_rules(bundle):
    known = {str(r[0]) for r in bundle.select("SELECT ?n WHERE { ?r a sgr:Rule ; skos:notation ?n }").rows}
    for q in Q.library():
        assert q.titles.keys() == {"fr", "en"} and q.questions.keys() == {"fr", "en"}, q.name
        assert q.rules and set(q.rules) <= known, q.name
        for p in q.params:
            assert p.doc, (q.name, p.name)
        uses_decisions = "PerimeterDecision" in q.text or "PerimeterStatus" in q.text
        assert q.needs_derived == uses_decisions, q.name
        if q.needs_derived:
            assert q.param("as_of") is not None, q.name


def test_parameters_are_injected_as_typed_values():
    q = Q.parse_header(
        "# param: as_of (xsd:date, default today) — d\n# param: n (xsd:integer, optional) — n\n"
        "SELECT ?x WHERE { ?x ?p ?o }\n",
        Path("t.rq"),
    )
    bound = Q.bind(q, {})
    assert bound == {"as_of": f'"{date.today().isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'}
    text = Q.inject(q.text, Q.bind(q, {"n": "-3", "as_of": "2026-07-01"}))
    assert (
        'WHERE {\n  VALUES ?as_of { "2026-07-01"^^<http://www.w3.org/2001/XMLSchema#date> }\n'
        '  VALUES ?n { "-3"^^<http://www.w3.org/2001/XMLSchema#integer> } ?x ?p ?o }' in text
    )
    # braces in comments, strings and IRIs before the WHERE group are not taken for it
    tricky = '# a { in a comment\nPREFIX ex: <http://e/#x>\nSELECT ?x WHERE { ?x ex:p "}{" }'
    assert Q.inject(tricky, {"x": '"v"'}).endswith('WHERE {\n  VALUES ?x { "v" } ?x ex:p "}{" }')


@pytest.mark.parametrize(
    "given,message",
    [
        ({"as_of": "2026-02-30"}, "--param: as_of: '2026-02-30' is not a real date"),
        ({"as_of": "1/7/2026"}, "--param: as_of: '1/7/2026' is not a real date"),
        ({"within": "3.5"}, "--param: within: '3.5' is not a whole number"),
        (
            {"candidature": "C1-CAND"},
            "--param: candidature: unknown parameter of query candidatures-at-risk: expected as_of, within",
        ),
    ],
)
def test_parameter_mistakes_name_the_parameter(given, message):
    with pytest.raises(InputError) as info:
        Q.bind(Q.resolve("candidatures-at-risk"), given)
    assert str(info.value).startswith(message)


# ------------------------------------------------------------------------------------------------
# Both engines give the same rows (pyoxigraph by default, rdflib with --store rdflib)
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,params",
    [
        ("candidatures-at-risk", {"as_of": "2026-06-01", "within": 90}),
        ("roots-and-users", {}),
        ("psc-change-impact", {}),
        ("heritage-coverage", {}),
        ("names-sent-with-nru", {}),
        ("commercial-names-cnda-nil", {}),
        ("most-exempted-requirements", {"as_of": "2026-07-01", "couloir": "SF"}),
        ("proofs-to-deposit", {"as_of": "2026-05-01", "candidature": "C9-CAND-MS"}),
    ],
)
def test_same_rows_on_both_engines(bundle, rdflib_bundle, name, params):
    assert run(rdflib_bundle, name, **params) == run(bundle, name, **params)


# ------------------------------------------------------------------------------------------------
# The command line
# ------------------------------------------------------------------------------------------------
def test_list_shows_every_query_with_its_french_title_then_english():
    library = Q.library()
    fr = cli("--list")
    assert fr.exit_code == 0, fr.stderr
    en = cli("--list", "--lang", "en")
    assert en.exit_code == 0, en.stderr
    for q in library:
        assert f"{q.name} — {q.titles['fr']}" in fr.stdout
        assert f"{q.name} — {q.titles['en']}" in en.stdout
        assert q.titles["en"] not in fr.stdout or q.titles["en"] == q.titles["fr"]
    listed = json.loads(cli("--list", "--format", "json", "--lang", "en").stdout)
    assert [i["name"] for i in listed] == [q.name for q in library]
    assert listed[0]["params"][0].startswith("as_of (xsd:date, default today)")


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["candidatures-at-risk", "-p", "as_of=2026-13-01"],
            "erreur: --param: as_of: '2026-13-01' n'est pas une date réelle",
        ),
        (
            ["candidatures-at-risk", "--param", "within=soon", "--lang", "en"],
            "error: --param: within: 'soon' is not a whole number",
        ),
        (
            ["candidatures-at-risk", "--param", "horizon=3", "--lang", "en"],
            "error: --param: horizon: unknown parameter of query candidatures-at-risk",
        ),
        (
            ["candidatures-at-risk", "--param", "within", "--lang", "en"],
            "error: --param: 'within': expected name=value",
        ),
        (["no-such-query", "--lang", "en"], "error: query: unknown query 'no-such-query'"),
        (["missing.rq", "--lang", "en"], "error: missing.rq: no such query file"),
        (["--lang", "en"], "error: query: expected a query name or a .rq file (or --list)"),
    ],
)
def test_mistakes_end_with_one_line_and_exit_2(args, message):
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert result.stdout == ""


def test_a_query_file_runs_with_its_parameters(tmp_path):
    rq = tmp_path / "names.rq"
    rq.write_text(
        "# title-en: NIL of a name\n"
        "# param: name (xsd:string) — a commercial name identifier\n"
        "SELECT ?name ?nil WHERE { ?n dcterms:identifier ?name ; sgr:nil ?nil }\n",
        encoding="utf-8",
    )
    result = cli(str(rq), "-p", "name=C8-CN-PRATICIEN", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [["name", "nil"], ["C8-CN-PRATICIEN", "NIL-81002"]]
    # a required parameter that is missing
    missing = cli(str(rq), "--lang", "en")
    assert missing.exit_code == 2 and "error: --param: name: required parameter of query names" in missing.stderr
    # a syntax error in the file is the user's mistake too
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?p }\n", encoding="utf-8")
    broken = cli(str(bad), "--lang", "en")
    assert broken.exit_code == 2 and broken.stderr.startswith(f"error: {bad}: invalid SPARQL")


def test_csv_and_json_outputs_parse(bundle):
    expected = run(bundle, "roots-and-users", root="C4-NRU-MV")
    as_csv = cli("roots-and-users", "-p", "root=C4-NRU-MV", "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.stderr
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert table[0] == [
        "root",
        "root_candidature",
        "root_dispositif",
        "candidature",
        "dispositif",
        "depth",
        "direct_root",
    ]
    assert [tuple(r) for r in table[1:]] == [tuple(str(v) for v in row) for row in expected]
    as_json = cli("candidatures-at-risk", "-p", "as_of=2026-07-01", "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    doc = json.loads(as_json.stdout)
    assert doc["head"]["vars"] == [
        "candidature",
        "dispositif",
        "date2",
        "days_left",
        "intended_root",
        "root_nru",
        "rule",
    ]
    first, second = doc["results"]["bindings"]
    assert first["candidature"] == {"type": "literal", "value": "C3-CAND-C"}
    assert first["days_left"] == {
        "type": "literal",
        "value": "30",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert first["date2"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    assert "root_nru" not in first and second["root_nru"]["value"] == "C4-NRU-SF"  # unbound: absent


def test_table_output_and_files_argument(extra_file):
    result = cli("versions-below-root", str(extra_file), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Versions below their root's version" in result.stdout
    assert "X-CAND-OLD" in result.stdout and "1 row(s)." in result.stdout


def test_derived_queries_derive_unless_told_not_to():
    derived = cli("perimeter-summary", "-p", "as_of=2026-07-01", "-p", "candidature=C5-CAND-2", "--format", "csv")
    assert derived.exit_code == 0, derived.stderr
    assert derived.stdout.splitlines()[1] == "C5-CAND-2,DUI-MS-VA2,ready,25,0,20,16,20"
    bare = cli("perimeter-summary", "-p", "as_of=2026-07-01", "--no-derive", "--format", "csv", "--lang", "en")
    assert bare.exit_code == 0
    assert bare.stdout.splitlines() == [
        "candidature,dispositif,status,deposit,heritage,equivalence,not_applicable,to_provide"
    ]
    assert "warning: no derived decisions as of 2026-07-01" in bare.stderr


def test_library_lives_in_the_project():
    assert Q.queries_dir() == project_home() / "queries"
    assert (Q.queries_dir() / "README.md").is_file()
