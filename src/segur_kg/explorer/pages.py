"""The explorer's pages, rendered on the server from the dicts of :mod:`segur_kg.explorer.views` (the same
dicts its ``/api/`` routes send): plain HTML, links and GET forms, no script, in the request's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode

from segur_kg.engine.explain import decision_label, proof_label, status_label
from segur_kg.explorer import graph
from segur_kg.explorer.views import SEARCH_LIMIT, nru_url
from segur_kg.messages import msg


@dataclass(frozen=True)
class Frame:
    """What every page needs of its request: its path and parameters, its language, whether the language
    was asked for in the URL (then every link keeps it), and the URL of its JSON."""

    path: str
    params: dict[str, str]
    lang: str
    lang_in_url: bool
    json_url: str

    def href(self, url: str) -> str:
        """``url`` with the page's ``lang`` when the page was asked for in a language."""
        if not self.lang_in_url:
            return url
        return f"{url}{'&' if '?' in url else '?'}{urlencode({'lang': self.lang})}"

    def other_language(self) -> str:
        params = {**self.params, "lang": "en" if self.lang == "fr" else "fr"}
        return f"{self.path}?{urlencode(params)}"


def link(frame: Frame, url: str | None, text: str) -> str:
    return f'<a href="{escape(frame.href(url))}">{escape(text)}</a>' if url else escape(text)


def rule_links(rules: Iterable[str]) -> str:
    """Each rule ID a link to its entry of the rules page (``/rules#ROOT-3``)."""
    return " ".join(f'<a class="rule" href="/rules#{escape(rule)}">{escape(rule)}</a>' for rule in rules)


def table(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """A table; ``rows`` are cells already escaped (HTML)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def section(heading: str, content: str) -> str:
    return f"<section><h2>{escape(heading)}</h2>{content}</section>"


def date_form(frame: Frame, as_of: str, keep: Iterable[str] = ()) -> str:
    """The date control: a GET form to the same page, keeping its other parameters."""
    hidden = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(frame.params[name])}">'
        for name in (*keep, "lang")
        if frame.params.get(name) and (name != "lang" or frame.lang_in_url)
    )
    return (
        f'<form class="date" method="get" action="{escape(frame.path)}">'
        f'<label>{escape(msg("explorer.date-label"))} <input type="date" name="as_of" value="{escape(as_of)}" required>'
        f'</label>{hidden}<button type="submit">{escape(msg("explorer.date-submit"))}</button></form>'
    )


def page(frame: Frame, title: str, body: str) -> bytes:
    """The whole page: the header (the explorer, the query page, the ontology, the rules, search, the other
    language, this page's JSON), then ``body``."""
    lang_hidden = f'<input type="hidden" name="lang" value="{frame.lang}">' if frame.lang_in_url else ""
    header = (
        '<header><nav class="site">'
        f'<a class="brand" href="{escape(frame.href("/explore"))}">{escape(msg("explorer.title"))}</a>'
        f'<a href="{escape(frame.href("/explore"))}">{escape(msg("explorer.nav-national"))}</a>'
        f'<a href="/">{escape(msg("explorer.nav-query"))}</a>'
        f'<a href="/ontology">{escape(msg("explorer.nav-ontology"))}</a>'
        f'<a href="/rules">{escape(msg("explorer.nav-rules"))}</a>'
        f'<a class="lang" hreflang="{"en" if frame.lang == "fr" else "fr"}" href="{escape(frame.other_language())}">'
        f"{escape(msg('explorer.other-language'))}</a>"
        f'<a class="json" href="{escape(frame.href(frame.json_url))}">{escape(msg("explorer.json-link"))}</a>'
        "</nav>"
        f'<form class="search" method="get" action="/explore/search">'
        f'<input type="search" name="q" aria-label="{escape(msg("explorer.search-label"))}" '
        f'placeholder="{escape(msg("explorer.search-label"))}" value="{escape(frame.params.get("q", ""))}">'
        f'{lang_hidden}<button type="submit">{escape(msg("explorer.search-submit"))}</button></form></header>'
    )
    document = (
        f'<!doctype html><html lang="{frame.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · {escape(msg('explorer.title'))}</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/explorer.css"></head>'
        f"<body>{header}<main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )
    return document.encode("utf-8")


# ---- the pages


def national(frame: Frame, view: dict) -> bytes:
    as_of = view["as_of"]
    by_status = table(
        [msg("explorer.col-status"), msg("explorer.col-count")],
        [
            [
                escape(status_label(row["status"])),
                f'<a data-status="{row["status"]}" href="{escape(frame.href(row["url"]))}">{row["count"]}</a>',
            ]
            for row in view["by_status"]
        ],
        "counts",
    )

    def grouped(rows: list[dict], key: str) -> str:
        return table(
            [msg(f"explorer.col-{key}"), msg("explorer.col-total"), msg("explorer.col-status")],
            [
                [
                    escape(row[key]),
                    f'<a data-{key}="{escape(row[key])}" href="{escape(frame.href(row["url"]))}">{row["total"]}</a>',
                    escape(", ".join(f"{status_label(s)} {n}" for s, n in row["by_status"].items())),
                ]
                for row in rows
            ],
            "counts",
        )

    if view["at_risk"]:
        risks = table(
            [
                msg("explorer.col-candidature"),
                msg("explorer.col-dispositif"),
                msg("explorer.col-date2"),
                msg("explorer.col-days-left"),
                msg("explorer.col-rule"),
                msg("explorer.col-intended-root"),
                msg("explorer.col-status"),
            ],
            [
                [
                    link(frame, risk["url"], risk["candidature"]),
                    escape(risk["dispositif"]),
                    escape(risk["date2"] or "-"),
                    str(risk["days_left"]),
                    rule_links([risk["rule"]]),
                    escape(risk["intended_root"] or "-"),
                    escape(status_label(risk["status"])) + " " + rule_links(risk["rules"]),
                ]
                for risk in view["at_risk"]
            ],
            "risks",
        )
    else:
        risks = f"<p>{escape(msg('explorer.at-risk-none', date=as_of))}</p>"
    if view["top_roots"]:
        roots = table(
            [
                msg("explorer.col-nru"),
                msg("explorer.col-candidature"),
                msg("explorer.col-direct"),
                msg("explorer.col-transitive"),
            ],
            [
                [
                    link(frame, root["url"], root["nru"]),
                    escape(root["candidature"] or "-"),
                    str(root["direct"]),
                    str(root["transitive"]),
                ]
                for root in view["top_roots"]
            ],
            "roots",
        )
    else:
        roots = f"<p>{escape(msg('explorer.top-roots-none'))}</p>"
    body = (
        date_form(frame, as_of)
        + f'<p class="total">{escape(msg("explorer.national-total", count=view["candidatures"], date=as_of))}</p>'
        + f'<div class="columns"><section><h2>{escape(msg("explorer.by-status"))}</h2>{by_status}</section>'
        + section(msg("explorer.by-dispositif"), grouped(view["by_dispositif"], "dispositif"))
        + section(msg("explorer.by-couloir"), grouped(view["by_couloir"], "couloir"))
        + "</div>"
        + f"<section><h2>{escape(msg('explorer.at-risk-heading', days=view['at_risk_within']))}</h2>{risks}</section>"
        + f"<section><h2>{escape(msg('explorer.top-roots-heading'))}</h2>{roots}</section>"
    )
    return page(frame, msg("explorer.national-heading", date=as_of), body)


def summary_text(summary: dict) -> str:
    return msg(
        "explorer.summary-line",
        deposit=summary["deposit"],
        heritage=summary["exempt-heritage"],
        equivalence=summary["exempt-equivalence"],
        not_applicable=summary["not-applicable"],
    )


def candidatures(frame: Frame, view: dict) -> bytes:
    filters = view["filters"]
    described = [
        msg(f"explorer.filter-{name}", value=status_label(value) if name == "status" else value)
        for name, value in filters.items()
        if value
    ]
    line = (
        msg("explorer.list-filters", count=view["count"], filters=", ".join(described))
        if described
        else msg("explorer.list-all", count=view["count"])
    )
    rows = [
        [
            link(frame, row["url"], row["candidature"]),
            escape(row["dossier"]),
            escape(row["dispositif"]),
            escape(row["couloir"]),
            f'<span class="status status-{row["status"]}">{escape(status_label(row["status"]))}</span> '
            + rule_links(row["status_rules"]),
            escape(" / ".join(str(row["summary"][k]) for k in row["summary"])),
        ]
        for row in view["candidatures"]
    ]
    headers = [
        msg("explorer.col-candidature"),
        msg("explorer.col-dossier"),
        msg("explorer.col-dispositif"),
        msg("explorer.col-couloir"),
        msg("explorer.col-status"),
        msg("explorer.col-summary"),
    ]
    body = (
        date_form(frame, view["as_of"], keep=("status", "dispositif", "couloir"))
        + f'<p class="total">{escape(line)}</p>'
        + table(headers, rows, "candidatures")
    )
    return page(frame, msg("explorer.list-heading", date=view["as_of"]), body)


def candidature(frame: Frame, view: dict) -> bytes:
    as_of = view["as_of"]
    chain = view["chain"]
    facts = msg("explorer.candidature-facts", dispositif=view["dispositif"], couloir=view["couloir"], date=as_of)
    status = (
        f'<p class="status-line"><span class="status status-{view["status"]}" data-status="{view["status"]}">'
        f"{escape(msg('explorer.status-line', status=status_label(view['status'])))}</span> "
        f"{rule_links(view['status_rules'])}</p>"
    )
    own = f"<p>{escape(msg('explorer.own-nru'))} {link(frame, view['nru_url'], view['nru'])}</p>" if view["nru"] else ""
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in view["notes"])
    if chain["cycle"]:
        chain_html = f"<p>{escape(msg('explorer.chain-cycle', cycle=' -> '.join(chain['cycle'])))}</p>"
    elif chain["steps"]:
        drawing = graph.svg(
            [{**node, "url": frame.href(node["url"])} for node in chain["nodes"]],
            chain["edges"],
            msg("explorer.chain-graph", node=view["candidature"]),
            highlight=view["candidature"],
        )
        steps = table(
            [
                msg("explorer.col-nru"),
                msg("explorer.col-candidature"),
                msg("explorer.col-dispositif"),
                msg("explorer.col-referenced"),
            ],
            [
                [
                    link(frame, node_url(chain, step["nru"]), step["nru"]).replace("<a ", '<a class="root" ', 1),
                    link(frame, node_url(chain, step["candidature"]), step["candidature"] or "-"),
                    escape(step["dispositif"] or "-"),
                    escape(step["referenced"] or "-"),
                ]
                for step in chain["steps"]
            ],
            "chain",
        )
        chain_html = f'<div class="graph">{drawing}</div>{steps}'
    else:
        chain_html = f"<p>{escape(msg('explorer.chain-none', date=as_of))}</p>"
    requirements = table(
        [
            msg("explorer.col-requirement"),
            msg("explorer.col-profile"),
            msg("explorer.col-decision"),
            msg("explorer.col-rules"),
            msg("explorer.col-via"),
            msg("explorer.col-origin"),
            msg("explorer.col-proof"),
            msg("explorer.col-reason"),
        ],
        [
            [
                escape(d["requirement"]),
                escape(d["profile"] or "-"),
                f'<span class="decision decision-{d["decision"]}" data-decision="{d["decision"]}">'
                f"{escape(decision_label(d['decision']))}</span>",
                rule_links(d["rules"]),
                " → ".join(link(frame, node_url(chain, nru), nru) for nru in d["via"]) or "-",
                link(frame, node_url(chain, d["origin"]), d["origin"]) if d["origin"] else "-",
                escape(proof_label(d["proof_status"]) or "-"),
                escape(d["message"]),
            ]
            for d in view["requirements"]
        ],
        "requirements",
    )
    body = (
        date_form(frame, as_of)
        + f"<p>{escape(facts)}</p>{status}{own}{notes}"
        + f'<p class="summary">{escape(summary_text(view["summary"]))}</p>'
        + f"<section><h2>{escape(msg('explorer.chain-heading'))}</h2>{chain_html}</section>"
        + f"<section><h2>{escape(msg('explorer.requirements-heading'))}</h2>{requirements}</section>"
    )
    return page(frame, msg("explorer.candidature-heading", candidature=view["candidature"]), body)


def node_url(chain: dict, ident: str | None) -> str | None:
    """The page of a node of the chain (a via or an origin NRU is one of them)."""
    return next((node["url"] for node in chain["nodes"] if node["id"] == ident), None)


def nru(frame: Frame, view: dict) -> bytes:
    as_of = view["as_of"]
    facts = msg(
        "explorer.nru-facts", wave=view["wave"], dispositif=view["dispositif"] or "-", date=view["referenced"] or "-"
    )
    owner = (
        f"<p>{escape(msg('explorer.nru-obtained-by'))} {link(frame, view['candidature_url'], view['candidature'])}</p>"
        if view["candidature"]
        else ""
    )
    withdrawn = (
        f'<p class="note">{escape(msg("explorer.nru-withdrawn", date=view["withdrawn"]))}</p>'
        if view["withdrawn"]
        else ""
    )
    dependents = view["dependents"]
    graph_of = view["graph"]
    urls = {node["id"]: node["url"] for node in graph_of["nodes"]}
    if dependents["direct"] or dependents["transitive"]:
        lists = "".join(
            f'<h3>{escape(msg(key))}</h3><ul class="{name}">'
            + "".join(f"<li>{link(frame, urls.get(ident), ident)}</li>" for ident in dependents[name])
            + "</ul>"
            for name, key in (
                ("direct", "explorer.dependents-direct"),
                ("transitive", "explorer.dependents-transitive"),
            )
            if dependents[name]
        )
        drawing = graph.svg(
            [{**node, "url": frame.href(node["url"])} for node in graph_of["nodes"]],
            graph_of["edges"],
            msg("explorer.dependents-graph", node=view["nru"]),
            highlight=view["nru"],
        )
        dependents_html = f'<div class="graph">{drawing}</div>{lists}'
    else:
        dependents_html = f"<p>{escape(msg('explorer.dependents-none', nru=view['nru']))}</p>"
    if view["withdrawal"]:
        withdrawal = table(
            [
                msg("explorer.col-candidature"),
                msg("explorer.col-status-before"),
                msg("explorer.col-status-after"),
                msg("explorer.col-lost"),
            ],
            [
                [
                    link(frame, row["url"], row["candidature"]),
                    escape(status_label(row["status_before"])),
                    escape(status_label(row["status_after"])),
                    "<br>".join(
                        escape(
                            msg(
                                "explorer.lost-requirement",
                                requirement=lost["requirement"],
                                was=decision_label(lost["was"]),
                                now=decision_label(lost["now"]),
                            )
                        )
                        for lost in row["lost"]
                    ),
                ]
                for row in view["withdrawal"]
            ],
            "withdrawal",
        )
    else:
        withdrawal = f"<p>{escape(msg('explorer.withdrawal-none'))}</p>"
    chain = ""
    if view["chain"]:
        chain = (
            f"<section><h2>{escape(msg('explorer.chain-heading'))}</h2>"
            + table(
                [
                    msg("explorer.col-nru"),
                    msg("explorer.col-candidature"),
                    msg("explorer.col-dispositif"),
                    msg("explorer.col-referenced"),
                ],
                [
                    [
                        link(frame, nru_url(step["nru"], date.fromisoformat(as_of)), step["nru"]),
                        escape(step["candidature"] or "-"),
                        escape(step["dispositif"] or "-"),
                        escape(step["referenced"] or "-"),
                    ]
                    for step in view["chain"]
                ],
                "chain",
            )
            + "</section>"
        )
    body = (
        date_form(frame, as_of)
        + f"<p>{escape(facts)}</p>{owner}{withdrawn}{chain}"
        + f"<section><h2>{escape(msg('explorer.dependents-heading', nru=view['nru']))}</h2>{dependents_html}</section>"
        + section(msg("explorer.withdrawal-heading", nru=view["nru"], date=as_of), withdrawal)
    )
    return page(frame, msg("explorer.nru-heading", nru=view["nru"]), body)


def search(frame: Frame, view: dict) -> bytes:
    if not view["q"].strip():
        return page(frame, msg("explorer.search-heading"), "")
    if not view["hits"]:
        return page(frame, msg("explorer.search-heading"), f"<p>{escape(msg('explorer.search-none', q=view['q']))}</p>")
    line = msg("explorer.search-count", count=view["count"], q=view["q"])
    if view["truncated"]:
        line += " " + msg("explorer.search-truncated", limit=SEARCH_LIMIT)
    rows = [
        [
            escape(msg(f"explorer.kind-{hit['kind']}")),
            link(frame, hit["url"], hit["id"]),
            escape(hit["label"]) + hit_candidatures(hit),
        ]
        for hit in view["hits"]
    ]
    body = f'<p class="total">{escape(line)}</p>' + table(
        [msg("explorer.col-kind"), msg("explorer.col-identifier"), msg("explorer.col-label")], rows, "hits"
    )
    return page(frame, msg("explorer.search-heading"), body)


def hit_candidatures(hit: dict) -> str:
    """The candidatures a solution, a commercial name or a NIL leads to, after its name."""
    if not hit.get("candidatures"):
        return ""
    named = msg("explorer.hit-candidatures", candidatures=", ".join(hit["candidatures"]))
    return f' <span class="hint">({escape(named)})</span>'


def refusal(frame: Frame, status: int, message: str) -> bytes:
    heading = msg("explorer.not-found-heading" if status == 404 else "explorer.error-heading")
    return page(frame, heading, f'<p class="error">{escape(message)}</p>')
