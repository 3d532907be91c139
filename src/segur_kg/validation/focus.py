"""``validate --focus``: the candidature asked for, and the closure of the nodes its validity depends
on (the only nodes whose findings are kept).

See docs/validation.md (the focus closure).
"""

from __future__ import annotations

from rdflib import URIRef

from segur_kg import identifiers
from segur_kg.errors import InputError
from segur_kg.stores import Store


def resolve_candidature(store: Store, ident: str) -> URIRef:
    """The IRI of the candidature with this identifier or IRI, or an InputError."""
    iri = identifiers.resolve_in_store(
        store, ident, ("candidature",), lambda message: InputError("--focus", "", message)
    )
    return URIRef(iri)


# One step up a root chain: the candidature's root referencing, or the new root its modification names.
_ROOT_STEP = "(sgr:rootReferencing|^sgr:ofCandidature/sgr:newRootReferencing)"
_DEPENDENCIES = """
SELECT DISTINCT ?n WHERE {
  { <C> (sgr:solutionVersion|sgr:dispositif|sgr:attestation|sgr:pscHabilitation|sgr:intendedRoot
         |sgr:additionalComponent) ?n }
  UNION { <C> (sgr:rootReferencing|sgr:va1Referencing|^sgr:ofCandidature) ?n }
  UNION { <C> ^sgr:ofCandidature/sgr:newRootReferencing ?n }
  UNION { <C> (sgr:rootReferencing|sgr:va1Referencing|^sgr:ofCandidature/sgr:newRootReferencing)
              /sgr:solutionVersion ?n }
  UNION { <C> sgr:solutionVersion/(sgr:versionOf|sgr:versionOf/sgr:editor) ?n }
  UNION { <C> sgr:solutionVersion/(sgr:mainComponent|sgr:additionalComponent|sgr:lps|sgr:proxy) ?n }
  UNION { <C> sgr:solutionVersion/sgr:commercialName/sgr:parentName* ?n }
  UNION { <C> sgr:solutionVersion/sgr:commercialName/sgr:parentName*/sgr:cndaConformity ?n }
  UNION { <C> sgr:solutionVersion/^sgr:servesSolutionVersion ?n }
  UNION { <C> sgr:solutionVersion/(sgr:mainComponent|sgr:additionalComponent|sgr:lps|sgr:proxy
                                   |sgr:commercialName)/^sgr:modifies ?n }
  UNION { <C> sgr:solutionVersion/(sgr:lps|sgr:proxy)/^sgr:operatedComponent ?n }
}"""


def _root_chain(store: Store, candidature: URIRef) -> list[URIRef]:
    """The candidature and the candidatures of its roots, transitively: one query per step (a
    ``*`` path over this alternative of an inverse would be evaluated over the whole graph)."""
    seen: set[URIRef] = set()
    frontier = {candidature}
    while frontier:
        seen |= frontier
        values = " ".join(f"<{c}>" for c in sorted(frontier))
        rows = store.select(
            f"SELECT DISTINCT ?c WHERE {{ VALUES ?x {{ {values} }} ?x {_ROOT_STEP}/sgr:ofCandidature ?c }}"
        ).column("c")
        frontier = {c for c in rows if isinstance(c, URIRef)} - seen
    typed = " ".join(f"<{c}>" for c in sorted(seen))
    return sorted(store.select(f"SELECT ?c WHERE {{ VALUES ?c {{ {typed} }} ?c a sgr:Candidature }}").column("c"))


def dependency_closure(store: Store, candidature: URIRef) -> set[URIRef]:
    """The candidature and what its validity depends on: its solution version (solution, editor,
    components, commercial names with their parents and CNDA conformities), its referencings
    (own, vague 1, root), proofs, modifications, attestation, PSC habilitation (and those serving
    its version), operator habilitations of its LPS/Proxy; and the same for every candidature of
    its root chain."""
    chain = _root_chain(store, candidature)
    nodes: set[URIRef] = {candidature, *chain}
    for c in chain or [candidature]:
        nodes.update(store.select(_DEPENDENCIES.replace("<C>", f"<{c}>")).column("n"))
    return {n for n in nodes if n is not None}
