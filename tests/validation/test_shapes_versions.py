"""Ascending compatibility and versions (shapes/versions.ttl): ASC-1, ASC-3.
Versions compare by version key: 2.10 > 2.9 and 5.2 = 5.2.0."""

from helpers.shapes import findings
from segur_kg.versions import version_key


def version(ident: str, text: str) -> str:
    """Turtle of a further version of W-SOL, like those of the world."""
    return f"""
    ver:{ident} a sgr:SolutionVersion ; dcterms:identifier "{ident}" ; sgr:versionOf sol:W-SOL ;
        sgr:versionString "{text}" ; sgr:versionKey "{version_key(text)}" ; sgr:mainComponent cmp:W-CORE ;
        sgr:lps cmp:W-LPS ; sgr:proxy cmp:W-PROXY ; sgr:commercialName cn:W-CN , cn:W-CN-PRO .
    psc:W-PSC sgr:servesSolutionVersion ver:{ident} .
    """


def candidature(
    ident: str, version_id: str, *profiles: str, status: str = "Eligible", dispositif: str = "LGC-SF-VA2"
) -> str:
    """Turtle of a further candidature of W-SOL, by default on LGC-SF-VA2 (W-B's dispositif)."""
    prefix = "plgc" if dispositif.startswith("LGC") else "pdui"
    chosen = " , ".join(f"{prefix}:{p}" for p in profiles)
    return f"""
    cand:{ident} a sgr:Candidature ; dcterms:identifier "{ident}" ; sgr:dispositif disp:{dispositif} ;
        sgr:solutionVersion ver:{version_id} ; sgr:chosenProfile {chosen} ; sgr:candidatureStatus sgr:{status} ;
        sgr:adminDepositDate "2026-02-02"^^xsd:date ; sgr:eligibilityDate "2026-03-16"^^xsd:date .
    """


# ---- ASC-1
def test_ASC_1_candidate_version_below_the_roots_is_a_violation():
    # The root is referenced with 2.10, the candidate is 2.9: 2.9 < 2.10 (as versions, not as text).
    got = findings(
        remove="ref:W-NRU-A sgr:solutionVersion ?v . cand:W-B sgr:solutionVersion ?w .",
        add="ref:W-NRU-A sgr:solutionVersion ver:W-SOL-2.10 . cand:W-B sgr:solutionVersion ver:W-SOL-2.9 .",
    )
    assert got == {("ASC-1", "W-B", "Violation")}


def test_ASC_1_candidate_version_above_the_roots_conforms():
    # The world: root 2.9, candidate 2.10.
    assert findings() == set()


def test_ASC_1_equal_versions_written_differently_conform():
    got = findings(
        remove="ref:W-NRU-A sgr:solutionVersion ?v . cand:W-B sgr:solutionVersion ?w .",
        add=version("W-SOL-5.2.0", "5.2.0")
        + version("W-SOL-5.2", "5.2")
        + "ref:W-NRU-A sgr:solutionVersion ver:W-SOL-5.2.0 . cand:W-B sgr:solutionVersion ver:W-SOL-5.2 .",
    )
    assert got == set()


def test_ASC_1_lower_version_in_classic_deposit_is_only_an_information():
    got = findings(
        remove="ref:W-NRU-A sgr:solutionVersion ?v . cand:W-B sgr:solutionVersion ?w . "
        "cand:W-B sgr:classicDeposit ?c .",
        add="ref:W-NRU-A sgr:solutionVersion ver:W-SOL-2.10 . "
        "cand:W-B sgr:solutionVersion ver:W-SOL-2.9 ; sgr:classicDeposit true .",
    )
    assert got == {("ROOT-4", "W-B", "Info")}


# ---- ASC-3
def test_ASC_3_two_candidatures_of_one_solution_with_the_same_version_are_violations():
    got = findings(add=candidature("W-B2", "W-SOL-2.10", "GEN", "IE-USAGERS"))
    assert got == {("ASC-3", "W-B", "Violation"), ("ASC-3", "W-B2", "Violation")}


def test_ASC_3_versions_5_2_and_5_2_0_are_the_same_version():
    # Two médico-social candidatures of W-SOL on different profiles, versions 5.2 and 5.2.0.
    got = findings(
        add=version("W-SOL-5.2", "5.2")
        + version("W-SOL-5.2.0", "5.2.0")
        + candidature("W-C1", "W-SOL-5.2", "GEN", "PA", dispositif="DUI-MS-VA2")
        + candidature("W-C2", "W-SOL-5.2.0", "GEN", "PH", dispositif="DUI-MS-VA2")
    )
    assert got == {("ASC-3", "W-C1", "Violation"), ("ASC-3", "W-C2", "Violation")}


def test_ASC_3_versions_5_2_and_5_3_on_different_profiles_conform():
    got = findings(
        add=version("W-SOL-5.2", "5.2")
        + version("W-SOL-5.3", "5.3")
        + candidature("W-C1", "W-SOL-5.2", "GEN", "PA", dispositif="DUI-MS-VA2")
        + candidature("W-C2", "W-SOL-5.3", "GEN", "PH", dispositif="DUI-MS-VA2")
    )
    assert got == set()


def test_ASC_3_two_candidatures_sharing_an_optional_profile_are_violations():
    got = findings(
        add=candidature("W-B2", "W-SOL-2.9", "GEN", "IE-USAGERS") + "cand:W-B sgr:chosenProfile plgc:IE-USAGERS ."
    )
    assert got == {("ASC-3", "W-B", "Violation"), ("ASC-3", "W-B2", "Violation")}


def test_ASC_3_two_candidatures_with_exactly_the_same_profiles_are_violations():
    got = findings(add=candidature("W-B2", "W-SOL-2.9", "GEN"))
    assert got == {("ASC-3", "W-B", "Violation"), ("ASC-3", "W-B2", "Violation")}


def test_ASC_3_different_versions_and_profiles_beyond_the_general_one_conform():
    assert findings(add=candidature("W-B2", "W-SOL-2.9", "GEN", "IE-USAGERS")) == set()


def test_ASC_3_a_rejected_candidature_does_not_count():
    assert findings(add=candidature("W-B2", "W-SOL-2.10", "GEN", status="Rejected")) == set()


# ---- ASC-2 (the conformity kept is attested, not recorded: its attestation is ROOT-5's)
def test_ASC_2_attestation_without_ascending_compatibility_is_reported_by_ROOT_5():
    from helpers.shapes import ATTESTATION_B, report

    r = report(remove=f"<{ATTESTATION_B}> sgr:attestsAscendingCompatibility ?x .", lang="en")
    assert [(f.key, f.focus_id, f.severity) for f in r.findings] == [("ROOT-5", "W-B", "Violation")]
    assert "does not state that the candidate version keeps ascending compatibility" in r.findings[0].message
