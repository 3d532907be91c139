"""CNDA and commercial names (shapes/cnda-names.ttl): CNDA-1, CNDA-2, NAME-1.
In the world, W-CN (NIL-W-1) has a granted CNDA conformity; W-CN-PRO (NIL-W-2) is its CNDA child."""

from helpers.shapes import CNDA_W_CN, findings, shapes_hit

SECOND_SOLUTION = """
    sol:W-SOL2 a sgr:Solution ; dcterms:identifier "W-SOL2" ; sgr:editor ed:W-ED ; sgr:deviceType dt:DUI .
    cmp:W2-CORE a sgr:MainComponent , sgr:Component ; dcterms:identifier "W2-CORE" .
    ver:W-SOL2-1.0 a sgr:SolutionVersion ; dcterms:identifier "W-SOL2-1.0" ; sgr:versionOf sol:W-SOL2 ;
        sgr:versionString "1.0" ; sgr:versionKey "000001.000000.000000.000000" ; sgr:mainComponent cmp:W2-CORE ;
        sgr:commercialName {names} .
"""


# ---- CNDA-1
def test_CNDA_1_two_commercial_names_sharing_a_nil_are_violations():
    got = findings(remove="cn:W-CN-PRO sgr:nil ?n .", add='cn:W-CN-PRO sgr:nil "NIL-W-1" .')
    assert got == {("CNDA-1", "W-CN", "Violation"), ("CNDA-1", "W-CN-PRO", "Violation")}


def test_CNDA_1_commercial_name_without_nil_is_a_warning():
    assert shapes_hit(remove="cn:W-CN-PRO sgr:nil ?n .") == {("CNDA-1-NIL", "W-CN-PRO", "Warning")}


def test_CNDA_1_distinct_nils_conform():
    assert findings() == set()


# ---- CNDA-2
def test_CNDA_2_name_without_conformity_own_or_inherited_is_a_warning():
    got = findings(
        remove=f"<{CNDA_W_CN}> sgr:conformityStatus ?s .",
        add=f"<{CNDA_W_CN}> sgr:conformityStatus sgr:ConformityPending .",
    )
    assert got == {("CNDA-2", "W-CN", "Warning"), ("CNDA-2", "W-CN-PRO", "Warning")}


def test_CNDA_2_grandchild_inherits_the_conformity_through_the_chain():
    assert (
        findings(
            add='cn:W-CN-MINI a sgr:CommercialName ; dcterms:identifier "W-CN-MINI" ; sgr:nil "NIL-W-3" ; '
            "sgr:parentName cn:W-CN-PRO ."
        )
        == set()
    )


def test_CNDA_2_child_whose_own_request_was_refused_still_inherits_the_parents():
    got = findings(
        add="""
        cn:W-CN-PRO sgr:cndaConformity <https://w3id.org/segur-kg/id/commercial-name/W-CN-PRO/cnda> .
        <https://w3id.org/segur-kg/id/commercial-name/W-CN-PRO/cnda> a sgr:CNDAConformity ;
            sgr:conformityStatus sgr:ConformityRefused ."""
    )
    assert got == set()


def test_CNDA_2_parent_names_in_a_cycle_are_violations():
    got = shapes_hit(add="cn:W-CN sgr:parentName cn:W-CN-PRO .")
    assert got == {("CNDA-2-CYCLE", "W-CN", "Violation"), ("CNDA-2-CYCLE", "W-CN-PRO", "Violation")}


def test_CNDA_2_a_name_that_is_its_own_parent_is_a_violation():
    # The shortest cycle: the one-step path back to the name itself (the `+` in the shape).
    got = shapes_hit(add="cn:W-CN sgr:parentName cn:W-CN .")
    assert got == {("CNDA-2-CYCLE", "W-CN", "Violation")}


# ---- NAME-1
def test_NAME_1_referencing_of_a_version_without_commercial_name_is_a_violation():
    # W-VA1 and W-NRU-A are both about version 2.9.
    got = findings(remove="ver:W-SOL-2.9 sgr:commercialName ?n .")
    assert got == {("NAME-1", "W-VA1", "Violation"), ("NAME-1", "W-NRU-A", "Violation")}


def test_NAME_1_commercial_name_of_two_solutions_is_a_warning():
    got = shapes_hit(add=SECOND_SOLUTION.format(names="cn:W-CN"))
    assert got == {("NAME-1-SINGLE-SOLUTION", "W-CN", "Warning")}


def test_NAME_1_each_solution_with_its_own_names_conforms():
    got = findings(
        add=SECOND_SOLUTION.format(names="cn:W2-CN")
        + """
        cn:W2-CN a sgr:CommercialName ; dcterms:identifier "W2-CN" ; sgr:nil "NIL-W2-1" ; sgr:parentName cn:W-CN ."""
    )
    assert got == set()
