"""Golden test: the exact French and English text of a few messages, with the actual values."""

from helpers.shapes import report


def messages(add: str = "", remove: str = "") -> dict[str, tuple[str, str]]:
    """Shape ID -> (French, English) message of the one finding of each shape."""
    fr, en = report(add, remove, lang="fr"), report(add, remove, lang="en")
    assert [(f.shape, f.focus) for f in fr.findings] == [(f.shape, f.focus) for f in en.findings]
    assert len({f.shape for f in fr.findings}) == len(fr.findings)
    return {f.shape: (f.message, g.message) for f, g in zip(fr.findings, en.findings, strict=True)}


def test_ROOT_3_message_names_candidature_nru_dates_and_dispositif():
    got = messages(
        remove="cand:W-B sgr:rootRecordedDate ?d .", add='cand:W-B sgr:rootRecordedDate "2026-10-01"^^xsd:date .'
    )
    assert got == {
        "ROOT-3": (
            "La candidature W-B a saisi le NRU racine W-NRU-A le 2026-10-01, après la Date 2 du dispositif "
            "LGC-SF-VA2 (2026-09-30) : son dossier est incomplet à la Date 2 et sera rejeté, sauf dépôt classique.",
            "Candidature W-B recorded root NRU W-NRU-A on 2026-10-01, after Date 2 of dispositif LGC-SF-VA2 "
            "(2026-09-30): its dossier is incomplete at Date 2 and will be rejected, unless it chooses the classic "
            "deposit.",
        )
    }


def test_ASC_1_message_names_both_versions_as_written():
    got = messages(
        remove="ref:W-NRU-A sgr:solutionVersion ?v . cand:W-B sgr:solutionVersion ?w .",
        add="ref:W-NRU-A sgr:solutionVersion ver:W-SOL-2.10 . cand:W-B sgr:solutionVersion ver:W-SOL-2.9 .",
    )
    assert got == {
        "ASC-1": (
            "La candidature W-B présente la version 2.9, inférieure à la version 2.10 de sa solution racine "
            "(NRU W-NRU-A) : la version candidate doit être égale ou supérieure à celle de la racine.",
            "Candidature W-B presents version 2.9, below version 2.10 of its root solution (NRU W-NRU-A): "
            "the candidate version must be equal to or greater than the root's.",
        )
    }


def test_DATE_1_unrecorded_message_names_the_status_in_each_language():
    got = messages(remove="cand:W-A sgr:adminDepositDate ?d .")
    assert got == {
        "DATE-1-UNRECORDED": (
            "La candidature W-A est au statut « référencée » mais sa date de dépôt du dossier administratif n'est pas "
            "renseignée : impossible de vérifier qu'il a été déposé avant la Date 1 du dispositif LGC-MV-VA2 "
            "(2026-01-31).",
            "Candidature W-A is 'referenced' but its administrative deposit date is not recorded: it cannot be checked "
            "that it was deposited before Date 1 of dispositif LGC-MV-VA2 (2026-01-31).",
        )
    }


def test_structural_message_names_the_identifier_of_the_node():
    got = messages(remove="cand:W-B sgr:candidatureStatus ?s .")
    assert got == {
        "STRUCT-CANDIDATURE": (
            "La candidature W-B doit avoir exactement un statut : brouillon, déposée, éligible, référencée, "
            "rejetée ou retirée.",
            "Candidature W-B must have exactly one status: draft, submitted, eligible, referenced, rejected "
            "or withdrawn.",
        )
    }


def test_PSC_1_message_names_habilitation_nru_version_and_name():
    got = messages(remove="psc:W-PSC sgr:commercialName cn:W-CN-PRO . ver:W-SOL-2.9 sgr:commercialName cn:W-CN-PRO .")
    assert got == {
        "PSC-1": (
            "L'habilitation PSC W-PSC (NRU W-PSC-NRU) sert la version W-SOL-2.10, dont la dénomination commerciale "
            "W-CN-PRO n'est pas dans le périmètre déclaré au guichet éditeur : les exigences 102 et 104 vérifient la "
            "cohérence des dénominations, des composants et de la configuration LPS/Proxy.",
            "PSC habilitation W-PSC (NRU W-PSC-NRU) serves version W-SOL-2.10, whose commercial name W-CN-PRO is not "
            "in the perimeter declared at the guichet éditeur: requirements 102 and 104 check that names, components "
            "and LPS/Proxy configuration are consistent.",
        )
    }
