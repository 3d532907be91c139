"""Hypothesis properties of the impact of a change outside the candidature (PSC-1..8, CNDA-1, CNDA-2,
NAME-1, ASC-2, MOD-1): which PSC habilitations return to the guichet éditeur, which operators need a
new habilitation, which candidatures are concerned, what a commercial name carries.

impact.component_impact and impact.name_impact read the store, so each example is a small dossier
written to a temporary folder and imported as a user's file is (JSON is YAML). Every property is checked
against what the generated dossier says, for every component or name of it.
"""

from __future__ import annotations

import json
import tempfile
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_rule_properties import RULE_PROPERTY, subset

from segur_kg.engine import Engine, impact
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.loader import load, reference

DOSSIER_GRAPH = "https://w3id.org/segur-kg/test/impact-properties"

# A load takes a tenth of a second: fewer examples, each checking every component and name of its dossier.
IMPACT_PROPERTY = settings(RULE_PROPERTY, max_examples=10)
CONFIGURATIONS = {
    "separate": (True, True),
    "monobloc": (True, True),
    "proxy-alone": (False, True),
    "lps-alone": (True, False),
}
CONFIG_RULE = {"separate": "PSC-4", "monobloc": "PSC-5", "proxy-alone": "PSC-6", "lps-alone": "PSC-7"}
NEW_HABILITATION = {"service-utilisateur": "Opérateur de Service Utilisateur", "proxy": "Opérateur de Proxy e-Santé"}
OPERATOR_CHANGES = ("migration", "internalisation", "provider-change", "proxy-leaves-monobloc")
DAYS = (date(2025, 11, 3), date(2026, 3, 2), date(2026, 8, 3))


class Dossier:
    """A generated dossier and what it says, read back from the dictionary rather than the store."""

    def __init__(self, data: dict, as_of: date) -> None:
        self.data, self.as_of = data, as_of

    def __repr__(self) -> str:
        return f"Dossier(as of {self.as_of}: {json.dumps(self.data, default=str)})"

    @property
    def habilitations(self) -> list[dict]:
        return self.data["psc_habilitations"]

    def versions(self) -> dict[str, dict]:
        return {v["id"]: v for s in self.data["solutions"] for v in s["versions"]}

    def components(self) -> list[str]:
        return [c["id"] for s in self.data["solutions"] for c in s["components"]]

    def names(self) -> dict[str, dict]:
        return {n["id"]: n for s in self.data["solutions"] for n in s["commercial_names"]}

    def users(self, component: str) -> set[str]:
        return {
            v["id"]
            for v in self.versions().values()
            if component in (v["main_component"], v.get("lps"), v.get("proxy"))
        }

    @contextmanager
    def loaded(self):
        """The engine and the store with the dossier imported, as ``load`` imports a user's file, into a
        named graph of one store that holds the ontology and the reference data (queries read the union)."""
        store = reference_store()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "impact.yaml"
            path.write_text(json.dumps(self.data, default=str, ensure_ascii=False), encoding="utf-8")
            store.add_graph(import_dossiers([path], reference().index), graph=DOSSIER_GRAPH)
        try:
            yield Engine.from_store(store), store
        finally:
            store.clear_graph(DOSSIER_GRAPH)


@lru_cache(maxsize=1)
def reference_store():
    return load([]).store


@st.composite
def dossiers(draw) -> Dossier:
    solutions, habilitations, operator_habilitations, candidatures = [], [], [], []
    # Hypothesis tries the first value of each choice first: that value is the richer dossier (several
    # solutions, names in a chain of parents, dependents in a chain), so that few examples reach every case.
    for i in range(draw(st.sampled_from([2, 3, 1]))):
        sid = f"P{i}"
        config = draw(st.sampled_from(sorted(CONFIGURATIONS)))
        has_lps, has_proxy = CONFIGURATIONS[config]
        components = [{"id": f"{sid}-CORE", "kind": "main"}]
        lps, proxy = (f"{sid}-LPS" if has_lps else None), (f"{sid}-PROXY" if has_proxy else None)
        components += [{"id": x, "kind": k} for x, k in ((lps, "lps"), (proxy, "proxy")) if x]
        names = []
        for n in range(draw(st.sampled_from([3, 2, 1]))):  # each name may be the child of an earlier one
            name = {"id": f"{sid}-CN{n}", "name": f"Nom {sid} {n}", "nil": f"NIL-{sid}-{n}"}
            parent = draw(st.sampled_from([n - 1, None, 0])) if n else None
            if parent is not None:
                name["parent"] = f"{sid}-CN{parent}"
            names.append(name)
        versions = [
            {
                "id": f"{sid}-{v}",
                "version": v,
                "main_component": f"{sid}-CORE",
                **({"lps": lps} if lps else {}),
                **({"proxy": proxy} if proxy else {}),
                "commercial_names": [n["id"] for n in names],
            }
            for v in ("1.0", "2.0")[: draw(st.sampled_from([2, 1]))]
        ]
        solutions.append(
            {"id": sid, "editor": "ED-P", "name": sid, "device_type": "LGC", "components": components,
             "commercial_names": names, "versions": versions}
        )  # fmt: skip
        served = [v["id"] for v in versions]
        if proxy and not lps and draw(st.booleans()):  # the Proxy reused by another solution of the editor (PSC-6)
            rid = f"{sid}R"
            solutions.append(
                {"id": rid, "editor": "ED-P", "name": rid, "device_type": "LGC",
                 "components": [{"id": f"{rid}-CORE", "kind": "main"}],
                 "commercial_names": [{"id": f"{rid}-CN0", "name": f"Nom {rid}", "nil": f"NIL-{rid}"}],
                 "versions": [{"id": f"{rid}-1.0", "version": "1.0", "main_component": f"{rid}-CORE", "proxy": proxy,
                               "commercial_names": [f"{rid}-CN0"]}]}
            )  # fmt: skip
            served.append(f"{rid}-1.0")
        habilitations.append(
            {
                "id": f"H-{sid}",
                "configuration": config,
                "nru": f"HNRU-{sid}",
                "date": "2025-10-01",
                **({"lps": lps} if lps else {}),
                **({"proxy": proxy} if proxy else {}),
                "serves": served,
                "commercial_names": subset(draw, [n["id"] for n in names]),
                "components": [f"{sid}-CORE"],
            }
        )
        for component, role in ((lps, "service-utilisateur"), (proxy, "proxy")):
            for k in range(draw(st.integers(0, 2)) if component else 0):
                operator_habilitations.append(
                    {
                        "id": f"OPH-{component}-{k}",
                        "role": role,
                        "operator": draw(st.sampled_from(["OP-A", "OP-B"])),
                        "component": component,
                        "date": draw(st.sampled_from(DAYS)).isoformat(),
                    }
                )
    versions = [v["id"] for s in solutions for v in s["versions"]]
    nrus = []
    for n, version in enumerate(versions):
        referenced = draw(st.sampled_from(["2026-03-02", "2026-07-01", None]))
        cand = {"id": f"K{n}", "solution_version": version, "dispositif": "LGC-MV-VA2", "profiles": ["GEN"]}
        if referenced:
            cand |= {"status": "referenced", "referencing": {"nru": f"NRU-K{n}", "date": referenced}}
            nrus.append(f"NRU-K{n}")
        else:
            cand["status"] = "eligible"
        candidatures.append(cand)
    for n in range(draw(st.sampled_from([3, 2, 1, 0])) if nrus else 0):  # relying on an NRU, maybe in a chain
        root = draw(st.sampled_from(nrus[::-1]))  # the latest first, a dependent's own: chains form
        dependent = {
            "id": f"D{n}",
            "solution_version": draw(st.sampled_from(versions[::-1])),  # another solution's first
            "dispositif": "LGC-SF-VA2",
            "profiles": ["GEN"],
            "root": root,
            "root_recorded": "2026-07-10",
            "attestation": {"date": "2026-07-10", "main_component_identical": True, "single_solution": True,
                            "ascending_compatibility": True},
        }  # fmt: skip
        if draw(st.sampled_from([True, True, False])):
            dependent |= {"status": "referenced", "referencing": {"nru": f"NRU-D{n}", "date": "2026-09-01"}}
            nrus.append(f"NRU-D{n}")
        else:
            dependent["status"] = "eligible"
        candidatures.append(dependent)
    data = {
        "dossier": "PROPS",
        "editors": [{"id": "ED-P", "name": "Éditeur P"}],
        "operators": [{"id": "OP-A", "name": "Opérateur A"}, {"id": "OP-B", "name": "Opérateur B"}],
        "solutions": solutions,
        "psc_habilitations": habilitations,
        "operator_habilitations": operator_habilitations,
        "candidatures": candidatures,
    }
    return Dossier(data, draw(st.dates(date(2025, 12, 1), date(2026, 12, 31))))


def each_component(d: Dossier, change: str | None) -> list[tuple[str, dict]]:
    """(component, its impact) for every component of the dossier, after one import."""
    with d.loaded() as (engine, store):
        return [(c, impact.component_impact(engine, store, c, change, d.as_of)) for c in d.components()]


def each_name(d: Dossier) -> list[tuple[str, dict]]:
    with d.loaded() as (engine, store):
        return [(name, impact.name_impact(engine, store, name, d.as_of)) for name in d.names()]


def returned(answer: dict) -> dict[str, dict]:
    return {entry["habilitation"]: entry for entry in answer["guichet_editeur"]}


# ---- the guichet éditeur
@IMPACT_PROPERTY
@given(dossiers())
def test_PSC_2_PSC_3_only_the_habilitations_whose_declared_perimeter_holds_the_component_return(d):
    for component, answer in each_component(d, None):
        holding = {h["id"]: h for h in d.habilitations if component in (h.get("lps"), h.get("proxy"), *h["components"])}
        assert set(returned(answer)) == set(holding), component
        for hid, entry in returned(answer).items():
            assert "PSC-2" in entry["rules"]
            assert entry["serves"] == sorted(holding[hid]["serves"])
            assert ("PSC-3" in entry["rules"]) == (len(holding[hid]["serves"]) > 1)


@IMPACT_PROPERTY
@given(dossiers(), st.sampled_from([None, *OPERATOR_CHANGES]))
def test_PSC_4_PSC_5_PSC_6_PSC_7_a_monobloc_sends_back_both_components_any_other_configuration_the_one_modified(
    d, change
):
    by_id = {h["id"]: h for h in d.habilitations}
    for component, answer in each_component(d, change):
        for hid, entry in returned(answer).items():
            h = by_id[hid]
            assert entry["rules"][0] == CONFIG_RULE[h["configuration"]]
            if component in (h.get("lps"), h.get("proxy")) and h["configuration"] == "monobloc":
                assert entry["returns"] == [h["lps"], h["proxy"]]  # indivisible (PSC-5)
            else:
                assert entry["returns"] == [component]


# ---- the guichet opérateur
@IMPACT_PROPERTY
@given(dossiers(), st.sampled_from(["modify", *OPERATOR_CHANGES]))
def test_PSC_8_a_change_of_operation_asks_whoever_operates_the_component_for_a_new_habilitation(d, change):
    for component, answer in each_component(d, None if change == "modify" else change):
        if change == "modify":  # a modification of the software alone asks nothing of the operators
            assert answer["guichet_operateur"] == []
            continue
        operating = [
            h
            for h in d.data["operator_habilitations"]
            if h["component"] == component and date.fromisoformat(h["date"]) <= d.as_of
        ]
        # Whoever operates it now: the latest habilitation of each role by the date.
        current = {
            role: max((h for h in operating if h["role"] == role), key=lambda h: (h["date"], h["id"]))
            for role in {h["role"] for h in operating}
        }
        expected = {(h["id"], h["operator"], NEW_HABILITATION[role]) for role, h in current.items()}
        got = {(e["habilitation"], e["operator"], e["new_habilitation"]) for e in answer["guichet_operateur"]}
        assert got == expected, component
        assert all(e["rules"] == ["PSC-8"] for e in answer["guichet_operateur"])


# ---- the candidatures concerned
@IMPACT_PROPERTY
@given(dossiers())
def test_ASC_2_MOD_1_a_modified_component_concerns_its_candidatures_and_every_one_relying_on_their_referencing(d):
    cands = d.data["candidatures"]
    obtained_by = {c["referencing"]["nru"]: c["id"] for c in cands if "referencing" in c}
    for component, answer in each_component(d, None):
        users = sorted(c["id"] for c in cands if c["solution_version"] in d.users(component))
        relying, frontier = set(), set(users)
        while frontier:  # candidatures naming as root an NRU obtained by one already reached, directly or not
            frontier = {c["id"] for c in cands if obtained_by.get(c.get("root")) in frontier} - relying
            relying |= frontier
        assert answer["candidatures"] == users
        assert answer["dependent_candidatures"] == sorted(relying)
        assert answer["rules"] == ["MOD-1"] + (["ASC-2"] if relying else [])


# ---- commercial names
@IMPACT_PROPERTY
@given(dossiers())
def test_PSC_1_a_changed_commercial_name_sends_the_habilitations_declaring_it_back_to_requirement_102(d):
    for name, answer in each_name(d):
        declaring = sorted(h["id"] for h in d.habilitations if name in h["commercial_names"])
        editeur = answer["guichet_editeur"]
        assert editeur["habilitations"] == declaring
        assert editeur["requirements"] == (["EDC/PSC.102"] if declaring else [])
        assert editeur["rules"] == (["PSC-1", "PSC-2"] if declaring else [])


@IMPACT_PROPERTY
@given(dossiers())
def test_CNDA_1_CNDA_2_each_name_asks_its_own_cnda_conformity_and_its_descendants_inherit_it(d):
    names = d.names()
    for name, answer in each_name(d):
        assert answer["nil"] == names[name]["nil"] and answer["parent"] == names[name].get("parent")
        assert answer["cnda"]["own_request_needed"] is True and answer["cnda"]["rules"] == ["CNDA-1"]
        descendants, frontier = set(), {name}
        while frontier:
            frontier = {n for n, entry in names.items() if entry.get("parent") in frontier} - descendants
            descendants |= frontier
        assert answer["cnda"]["children_inheriting"] == sorted(descendants)
        assert answer["cnda"]["children_rules"] == (["CNDA-2"] if descendants else [])


@IMPACT_PROPERTY
@given(dossiers())
def test_NAME_1_a_name_goes_with_every_referencing_of_its_versions_obtained_by_the_date(d):
    versions = d.versions()
    for name, answer in each_name(d):
        sent = sorted(
            c["referencing"]["nru"]
            for c in d.data["candidatures"]
            if "referencing" in c
            and name in versions[c["solution_version"]]["commercial_names"]
            and date.fromisoformat(c["referencing"]["date"]) <= d.as_of
        )
        assert answer["referencings_sent_with_name"] == sent
        assert answer["rules"] == (["NAME-1"] if sent else [])
