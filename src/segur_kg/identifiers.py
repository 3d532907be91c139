"""What a user types for an entity, a short identifier or an IRI, turned into the IRI of a known
entity of the kind expected; one resolver for the CLI, the engine and ``validate --focus``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from segur_kg.messages import msg

# An absolute IRI as SPARQL accepts it between angle brackets (matched whole: no line break after it).
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s\x00-\x20<>\"{}|\\^`]*", re.I)

# The class of each kind of entity a command can be asked about, and how the kind is named.
KINDS: dict[str, tuple[str, tuple[str, str]]] = {
    "candidature": ("sgr:Candidature", ("candidature", "candidature")),
    "nru": ("sgr:Referencing", ("NRU", "NRU")),
    "component": ("sgr:Component", ("composant", "component")),
    "commercial-name": ("sgr:CommercialName", ("dénomination commerciale", "commercial name")),
    "psc-habilitation": ("sgr:PSCHabilitation", ("habilitation PSC", "PSC habilitation")),
}


def is_iri(text: str) -> bool:
    return bool(_IRI.fullmatch(text))


def resolve(
    ident: str,
    kinds: Iterable[str],
    iri_of: Callable[[str], str | None],
    kinds_of: Callable[[str], set[str]] | None,
    error: Callable[[str], Exception],
) -> str:
    """The IRI of ``ident`` (given as an IRI or a short identifier) if it names an entity of one of
    ``kinds``. ``iri_of`` looks an identifier up, ``kinds_of`` tells the kinds of an IRI (None: any
    kind is accepted); ``error`` makes the exception raised, from its message."""
    kinds = tuple(kinds)
    iri = ident if is_iri(ident) else iri_of(ident)
    if iri is None:
        raise error(msg("common.unknown-identifier", ident=ident))
    if kinds_of is not None and not kinds_of(iri) & set(kinds):
        from segur_kg.i18n import language

        names = [KINDS[k][1][0 if language() == "fr" else 1] for k in kinds]
        raise error(msg("common.wrong-kind", ident=ident, kinds=msg("common.or").join(names)))
    return iri


def resolve_in_store(store, ident: str, kinds: Iterable[str], error: Callable[[str], Exception]) -> str:
    """:func:`resolve` asking the store (for commands that do not read the engine's facts)."""
    kinds = tuple(kinds)
    typed = " UNION ".join(f"{{ ?s a {KINDS[k][0]} }}" for k in kinds)

    def iri_of(text: str) -> str | None:
        literal = json.dumps(text)
        named = f"{{ ?s dcterms:identifier {literal} }} UNION {{ ?s sgr:nru {literal} }}"
        rows = store.select_values(f"SELECT ?s WHERE {{ {named} {typed} }} LIMIT 1")
        return rows[0][0] if rows else None

    def kinds_of(iri: str) -> set[str]:
        return {k for k in kinds if store.query(f"ASK {{ <{iri}> a {KINDS[k][0]} }}")}

    return resolve(ident, kinds, iri_of, kinds_of, error)
