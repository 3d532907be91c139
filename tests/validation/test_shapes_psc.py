"""Pro Santé Connect, guichet éditeur (shapes/psc.ttl): PSC-1, PSC-3, PSC-5.
In the world, W-PSC habilitates W-LPS and W-PROXY separately and serves versions 2.9 and 2.10 of
W-SOL, both with these LPS and Proxy and the names W-CN and W-CN-PRO, all declared."""

from helpers.shapes import findings, shapes_hit

SECOND_HABILITATION = """
    psc:W-PSC2 a sgr:PSCHabilitation ; dcterms:identifier "W-PSC2" ; sgr:guichet sgr:GuichetEditeur ;
        sgr:pscConfiguration sgr:{configuration} ; sgr:nru "W-PSC-NRU-2" ; sgr:habilitationDate "2026-01-05"^^xsd:date ;
        sgr:proxy cmp:W-PROXY ; sgr:servesSolutionVersion ver:W-SOL-2.9 ; sgr:commercialName cn:W-CN , cn:W-CN-PRO .
"""
MONOBLOC = "psc:W-PSC sgr:pscConfiguration sgr:Monobloc ."


# ---- PSC-1
def test_PSC_1_served_versions_commercial_name_missing_from_the_perimeter_is_a_violation():
    assert findings(remove="psc:W-PSC sgr:commercialName cn:W-CN-PRO .") == {("PSC-1", "W-PSC", "Violation")}


def test_PSC_1_declared_name_no_served_version_carries_is_a_violation():
    got = findings(
        add="""
        cn:W-X a sgr:CommercialName ; dcterms:identifier "W-X" ; sgr:nil "NIL-W-X" ; sgr:parentName cn:W-CN .
        psc:W-PSC sgr:commercialName cn:W-X ."""
    )
    assert got == {("PSC-1", "W-PSC", "Violation")}


def test_PSC_1_declared_component_no_served_version_contains_is_a_violation():
    got = findings(
        add="""
        cmp:W-OTHER a sgr:MainComponent , sgr:Component ; dcterms:identifier "W-OTHER" .
        psc:W-PSC sgr:declaredComponent cmp:W-OTHER ."""
    )
    assert got == {("PSC-1", "W-PSC", "Violation")}


def test_PSC_1_lps_alone_configuration_with_a_proxy_is_a_violation():
    got = findings(remove="psc:W-PSC sgr:pscConfiguration ?c .", add="psc:W-PSC sgr:pscConfiguration sgr:LPSAlone .")
    assert got == {("PSC-1", "W-PSC", "Violation")}


def test_PSC_1_monobloc_without_its_proxy_is_a_violation():
    got = findings(remove="psc:W-PSC sgr:pscConfiguration ?c . psc:W-PSC sgr:proxy ?p .", add=MONOBLOC)
    assert got == {("PSC-1", "W-PSC", "Violation")}


def test_PSC_1_consistent_perimeter_conforms():
    assert findings() == set()


def test_PSC_1_operator_habilitations_are_not_checked_here():
    got = findings(
        add="""
        op:W-OP a sgr:Operator ; dcterms:identifier "W-OP" .
        oph:W-OPH a sgr:OperatorHabilitation ; dcterms:identifier "W-OPH" ; sgr:guichet sgr:GuichetOperateur ;
            sgr:operatorRole sgr:OperateurProxyESante ; sgr:operator op:W-OP ; sgr:operatedComponent cmp:W-PROXY ."""
    )
    assert got == set()


# ---- PSC-3
def test_PSC_3_served_version_with_another_lps_is_a_violation():
    got = findings(
        remove="ver:W-SOL-2.10 sgr:lps ?l .",
        add="""
        cmp:W-LPS2 a sgr:LPS , sgr:Component ; dcterms:identifier "W-LPS2" .
        ver:W-SOL-2.10 sgr:lps cmp:W-LPS2 .""",
    )
    assert got == {("PSC-3", "W-PSC", "Violation")}


def test_PSC_3_served_version_without_the_proxy_is_a_violation():
    assert findings(remove="ver:W-SOL-2.10 sgr:proxy ?p .") == {("PSC-3", "W-PSC", "Violation")}


def test_PSC_3_proxy_alone_serving_versions_with_different_lps_conforms():
    # PSC-6: a Proxy habilitated alone is reused with another LPS.
    got = findings(
        remove="psc:W-PSC sgr:pscConfiguration ?c . psc:W-PSC sgr:lps ?l . ver:W-SOL-2.10 sgr:lps ?m .",
        add="""
        psc:W-PSC sgr:pscConfiguration sgr:ProxyAlone .
        cmp:W-LPS2 a sgr:LPS , sgr:Component ; dcterms:identifier "W-LPS2" .
        ver:W-SOL-2.10 sgr:lps cmp:W-LPS2 .""",
    )
    assert got == set()


def test_PSC_3_candidature_relying_on_a_habilitation_that_does_not_serve_its_version_is_a_warning():
    got = shapes_hit(remove="psc:W-PSC sgr:servesSolutionVersion ver:W-SOL-2.10 .")
    assert got == {("PSC-3-SERVES", "W-B", "Warning")}


# ---- PSC-5
def test_PSC_5_proxy_of_a_monobloc_habilitated_alone_elsewhere_is_a_violation():
    got = findings(
        remove="psc:W-PSC sgr:pscConfiguration ?c .",
        add=MONOBLOC + SECOND_HABILITATION.format(configuration="ProxyAlone"),
    )
    assert got == {("PSC-5", "W-PSC2", "Violation")}


def test_PSC_5_monobloc_components_habilitated_separately_elsewhere_are_a_violation():
    got = findings(
        remove="psc:W-PSC sgr:pscConfiguration ?c .",
        add=MONOBLOC + SECOND_HABILITATION.format(configuration="Separate") + "psc:W-PSC2 sgr:lps cmp:W-LPS .",
    )
    assert got == {("PSC-5", "W-PSC2", "Violation")}


def test_PSC_5_proxy_habilitated_alone_after_leaving_the_monobloc_conforms():
    got = findings(
        remove="psc:W-PSC sgr:pscConfiguration ?c .",
        add=MONOBLOC
        + SECOND_HABILITATION.format(configuration="ProxyAlone")
        + """
        mod:W-MOD-P a sgr:Modification ; dcterms:identifier "W-MOD-P" ; sgr:modificationKind sgr:ProxyLeavesMonobloc ;
            sgr:modificationDate "2026-01-02"^^xsd:date ; sgr:modifies cmp:W-PROXY .""",
    )
    assert got == set()


def test_PSC_5_proxy_alone_next_to_a_separate_habilitation_conforms():
    assert findings(add=SECOND_HABILITATION.format(configuration="ProxyAlone")) == set()
