"""A root graph drawn as inline SVG, in Python: layers from networkx (each node one layer after what points
to it), boxes and arrows, every node a link to its page. No script, no external asset; the colours are
classes of explorer.css (the page's policy allows no inline style)."""

from __future__ import annotations

from html import escape

import networkx as nx

BOX_WIDTH, BOX_HEIGHT = 150, 34
GAP_X, GAP_Y = 60, 18
MARGIN = 10
# Beyond this many nodes the drawing is left out (the page's tables list them all).
MAX_NODES = 120


def layers(nodes: list[dict], edges: list[dict]) -> list[list[str]]:
    """The node IDs by layer: topological generations of the graph, or, when the graph has a cycle
    (TRANS-2), the distance from the first node."""
    graph = nx.DiGraph()
    graph.add_nodes_from(node["id"] for node in nodes)
    graph.add_edges_from((edge["from"], edge["to"]) for edge in edges)
    if nx.is_directed_acyclic_graph(graph):
        return [sorted(generation) for generation in nx.topological_generations(graph)]
    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), nodes[0]["id"])
    by_layer: dict[int, list[str]] = {}
    for node in graph:
        by_layer.setdefault(distance.get(node, max(distance.values()) + 1), []).append(node)
    return [sorted(by_layer[layer]) for layer in sorted(by_layer)]


def svg(nodes: list[dict], edges: list[dict], title: str, highlight: str | None = None) -> str:
    """The graph as an ``<svg>`` element: ``nodes`` (id, kind, url) left to right by layer, ``edges``
    (from, to) as arrows; ``highlight`` is the node the page is about. Empty when there is nothing to
    draw or too much."""
    if not nodes or len(nodes) > MAX_NODES:
        return ""
    by_id = {node["id"]: node for node in nodes}
    position: dict[str, tuple[int, int]] = {}
    columns = layers(nodes, edges)
    for column, members in enumerate(columns):
        for row, ident in enumerate(members):
            position[ident] = (MARGIN + column * (BOX_WIDTH + GAP_X), MARGIN + row * (BOX_HEIGHT + GAP_Y))
    width = MARGIN * 2 + len(columns) * BOX_WIDTH + (len(columns) - 1) * GAP_X
    height = MARGIN * 2 + max(len(m) for m in columns) * (BOX_HEIGHT + GAP_Y) - GAP_Y
    parts = [
        f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker></defs>',
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = position[edge["from"]], position[edge["to"]]
        start_x, end_x = (x1 + BOX_WIDTH, x2) if x2 > x1 else (x1, x2 + BOX_WIDTH)
        parts.append(
            f'<line class="edge edge-{escape(edge.get("relation", ""))}" x1="{start_x}" y1="{y1 + BOX_HEIGHT // 2}" '
            f'x2="{end_x}" y2="{y2 + BOX_HEIGHT // 2}" marker-end="url(#arrow)"/>'
        )
    for ident, (x, y) in position.items():
        node = by_id[ident]
        classes = f"node node-{escape(node['kind'])}" + (" node-current" if ident == highlight else "")
        parts.append(
            f'<a href="{escape(node["url"])}" class="{classes}" data-node="{escape(ident)}">'
            f'<rect x="{x}" y="{y}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6"/>'
            f'<text x="{x + BOX_WIDTH // 2}" y="{y + BOX_HEIGHT // 2 + 5}" text-anchor="middle">'
            f"{escape(ident)}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)
