"""Root chains (TRANS-1, TRANS-2): which referencing each candidature names as its root, the chain of
roots up to the first that has none, its cycles, and who depends on a referencing. See docs/engine.md."""

from __future__ import annotations

from datetime import date

import networkx as nx

from segur_kg.engine.errors import RootCycleError
from segur_kg.engine.facts import Facts
from segur_kg.engine.state import state_on
from segur_kg.rules import decides


def root_graph(facts: Facts) -> nx.DiGraph:
    """candidature -> its root referencing -> the candidature that obtained it -> ..."""
    g = nx.DiGraph()
    for c in facts.candidatures.values():
        g.add_node(c.iri, kind="candidature", label=c.ident)
        roots = {c.root} | {m.root for m in c.modifications if m.root}
        for root in filter(None, roots):
            ref = facts.referencings.get(root)
            g.add_node(root, kind="referencing", label=ref.nru if ref else root)
            g.add_edge(c.iri, root)
    for ref in facts.referencings.values():
        g.add_node(ref.iri, kind="referencing", label=ref.nru)
        if ref.candidature:
            g.add_edge(ref.iri, ref.candidature)
    return g


class RootChains:
    """The root graph of one snapshot of the facts, and the chains read from it."""

    def __init__(self, facts: Facts) -> None:
        self.f = facts
        self.graph = root_graph(facts)
        self.cyclic = self._cyclic_candidatures()

    @decides("TRANS-2")
    def _cyclic_candidatures(self) -> dict[str, str]:
        """Candidatures whose chain of roots runs into a cycle, with the cycle's description.

        Their root is refused rather than the whole computation stopped: a national run still
        answers for every other candidature."""
        out: dict[str, str] = {}
        for component in nx.strongly_connected_components(self.graph):
            node = min(component)  # the same description of the cycle from one run to the next
            if len(component) == 1 and not self.graph.has_edge(node, node):
                continue
            labels = " -> ".join(self.graph.nodes[u]["label"] for u, _ in nx.find_cycle(self.graph, node))
            for member in component | nx.ancestors(self.graph, node):
                if member in self.f.candidatures:
                    out[member] = labels
        return out

    @decides("TRANS-2")
    def cycles(self) -> list[list[str]]:
        """Every cycle of the root graph, as the labels (identifiers, NRUs) of its nodes."""
        return [[self.graph.nodes[n]["label"] for n in cycle] for cycle in nx.simple_cycles(self.graph)]

    @decides("TRANS-2")
    def chain(self, candidature: str, as_of: date | None = None) -> list[str]:
        """The NRUs from this candidature's root up to the first root that has none, with each
        candidature's root as recorded on ``as_of`` (default: every recording counts)."""
        as_of = as_of or date.max
        path = [self.f.candidatures[candidature].ident]  # candidature, NRU, candidature, NRU...
        current = self.f.candidatures[candidature]
        while True:
            root = state_on(current, as_of, self.f.component_types).root
            ref = self.f.referencings.get(root) if root else None
            if root is None:
                break
            path.append(ref.nru if ref else root)
            nxt = self.f.candidatures.get(ref.candidature) if ref and ref.candidature else None
            if nxt is None:
                break
            if nxt.ident in path[::2]:
                raise RootCycleError(path[path.index(nxt.ident) :] + [nxt.ident])
            path.append(nxt.ident)
            current = nxt
        return path[1::2]

    @decides("TRANS-1", "TRANS-2")
    def dependents(self, nru_iri: str) -> dict[str, list[str]]:
        """Who relies on this referencing: ``direct`` candidatures naming it as root (on any dispositif),
        and ``transitive`` ones, through a chain of roots."""
        reverse = self.graph.reverse(copy=False)
        reached = nx.descendants(reverse, nru_iri) if nru_iri in reverse else set()
        candidatures = self.f.candidatures
        direct = (
            sorted(candidatures[c].ident for c in self.graph.predecessors(nru_iri) if c in candidatures)
            if nru_iri in self.graph
            else []
        )
        transitive = sorted(
            candidatures[n].ident for n in reached if n in candidatures and candidatures[n].ident not in direct
        )
        return {"direct": direct, "transitive": transitive}
