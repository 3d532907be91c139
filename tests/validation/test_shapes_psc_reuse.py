"""What a PSC habilitation reuses (shapes/psc.ttl, PSC-2): only habilitations granted on or before its
own date, and never, through a chain of reuses, itself. In the world W-PSC is granted on 2025-11-01;
the second habilitation added here, W-PSC2 (a Proxy alone), on 2026-01-05."""

from helpers.shapes import findings, report

SECOND_HABILITATION = """
    psc:W-PSC2 a sgr:PSCHabilitation ; dcterms:identifier "W-PSC2" ; sgr:guichet sgr:GuichetEditeur ;
        sgr:pscConfiguration sgr:ProxyAlone ; sgr:nru "W-PSC-NRU-2" ; sgr:habilitationDate "2026-01-05"^^xsd:date ;
        sgr:proxy cmp:W-PROXY ; sgr:servesSolutionVersion ver:W-SOL-2.9 ; sgr:commercialName cn:W-CN , cn:W-CN-PRO .
"""


def test_PSC_2_reusing_an_earlier_habilitation_conforms():
    assert findings(add=SECOND_HABILITATION + "psc:W-PSC2 sgr:reusesHabilitation psc:W-PSC .") == set()


def test_PSC_2_reusing_a_habilitation_granted_later_is_a_violation():
    added = SECOND_HABILITATION + "psc:W-PSC sgr:reusesHabilitation psc:W-PSC2 ."
    assert findings(add=added) == {("PSC-2", "W-PSC", "Violation")}
    (finding,) = report(add=added, lang="en").findings
    assert finding.message == (
        "PSC habilitation W-PSC, granted on 2025-11-01, reuses the proofs of habilitation W-PSC2 (NRU W-PSC-NRU-2), "
        "granted later, on 2026-01-05: only the validated proofs of an existing homologation are reused."
    )


def test_PSC_2_reusing_a_habilitation_granted_the_same_day_conforms():
    same_day = SECOND_HABILITATION.replace("2026-01-05", "2025-11-01")
    assert findings(add=same_day + "psc:W-PSC2 sgr:reusesHabilitation psc:W-PSC .") == set()


def test_PSC_2_a_habilitation_that_reuses_itself_is_a_violation():
    assert findings(add="psc:W-PSC sgr:reusesHabilitation psc:W-PSC .") == {("PSC-2", "W-PSC", "Violation")}


def test_PSC_2_a_cycle_of_reuses_is_a_violation_for_each_habilitation_in_it():
    same_day = SECOND_HABILITATION.replace("2026-01-05", "2025-11-01")
    added = same_day + "psc:W-PSC2 sgr:reusesHabilitation psc:W-PSC . psc:W-PSC sgr:reusesHabilitation psc:W-PSC2 ."
    assert findings(add=added) == {("PSC-2", "W-PSC", "Violation"), ("PSC-2", "W-PSC2", "Violation")}
    messages = {f.message for f in report(add=added, lang="en").findings}
    assert (
        "PSC habilitation W-PSC2 reuses the proofs of habilitation W-PSC, which, reuse after reuse, leads back to "
        "W-PSC2: reused proofs go back to a habilitation where they were validated."
    ) in messages


def test_PSC_2_dates_of_another_datatype_are_not_compared():
    # a habilitation date that is not an xsd:date is STRUCT-PSC-HABILITATION's, not PSC-2's
    added = SECOND_HABILITATION.replace('"2026-01-05"^^xsd:date', '"2026-01-05"') + (
        "psc:W-PSC sgr:reusesHabilitation psc:W-PSC2 ."
    )
    assert findings(add=added) == {("STRUCT-PSC-HABILITATION", "W-PSC2", "Violation")}
