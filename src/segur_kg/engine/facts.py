"""The facts the engine reasons on, read from the store in a few bulk SPARQL queries.

One query per kind of fact, whatever the number of candidatures: the cost is a handful of scans
of the store, then plain Python dictionaries keyed by IRI. Nothing here decides anything.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from segur_kg.heap import give_back_freed_memory
from segur_kg.stores import OxigraphStore, Store
from segur_kg.stores.artefacts import kept
from segur_kg.stores.oxigraph import SPARQL_PREFIXES


# Rows come as plain strings (Store.select_values): IRIs, and literals' lexical forms.
def _s(value: str | None) -> str | None:
    return value


def _d(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _b(value: str | None) -> bool | None:
    if value is None:
        return None
    return value in ("true", "1")


class _Tokens(dict):
    """The values of the tokens of one TSV result (SPARQL 1.1 Query Results TSV), each decoded once:
    hundreds of thousands of proof rows share a few thousand IRIs, a few hundred dates and three
    statuses. A token decodes to what ``Store.select_values`` gives for the same term: an IRI
    without its brackets, a blank node's label, a literal's lexical form, None when unbound."""

    def __missing__(self, token: str) -> str | None:
        if not token:
            value = None
        elif token[0] == "<":
            value = token[1:-1]
        elif token[0] == '"':
            value = token[1 : token.rindex('"')]  # a literal, before its language tag or datatype
        elif token.startswith("_:"):
            value = token[2:]
        else:
            value = token  # a number or a boolean, written in its short form: its lexical form itself
        self[token] = value
        return value


def _tsv_lines(store: OxigraphStore, sparql: str) -> list[str] | None:
    """The rows of a SELECT as TSV lines, serialised by pyoxigraph itself (one pass in Rust, no Python
    object per term), header dropped; None when the result holds an escape (a literal with a tab, a
    quote, a newline or a backslash) or an RDF 1.2 triple term, which the row-by-row reader decodes."""
    result = store.native.query(SPARQL_PREFIXES + sparql, use_default_graph_as_union=True)
    data = result.serialize(format=ox.QueryResultsFormat.TSV)
    if b"\\" in data or b"<<" in data:
        return None
    text = data.decode("utf-8")
    del data  # the text and its lines are what the reader keeps: hundreds of megabytes on a national graph
    lines = text.split("\n")
    del text, lines[0]  # the header
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _select(store: Store, bulk: bool):
    """``select(sparql)``: the rows of a SELECT as tuples of plain strings, as ``Store.select_values``
    gives them; on pyoxigraph with ``bulk``, read from its own TSV serialisation."""
    if not (bulk and isinstance(store, OxigraphStore)):
        return store.select_values

    def select(sparql: str) -> list[tuple[str | None, ...]]:
        lines = _tsv_lines(store, sparql)
        if lines is None:
            return store.select_values(sparql)
        tokens = _Tokens()
        decode = tokens.__getitem__
        return [tuple(map(decode, line.split("\t"))) for line in lines]

    return select


@dataclass
class Requirement:
    iri: str
    ident: str
    rem: str
    profile: str | None  # profile code
    vague1: bool
    component_type: str | None  # component type code
    chapter: str | None


@dataclass
class Dispositif:
    iri: str
    ident: str
    wave: int
    couloir: str
    device_type: str
    rem: str | None  # REM IRI
    date1: date | None
    date2: date | None
    profiles: dict[str, bool] = field(default_factory=dict)  # code -> optional


@dataclass
class Version:
    iri: str
    ident: str
    solution: str | None
    version: str
    key: str
    main_component: str | None
    component_types: set[str] = field(default_factory=set)


@dataclass
class Referencing:
    iri: str
    nru: str
    wave: int
    dispositif: str | None
    version: str | None
    candidature: str | None
    date: date | None
    withdrawn: date | None
    profiles: set[str] = field(default_factory=set)
    # The requirement IRIs it declares it validated (a vague 1 referencing's validated_requirements):
    # None when it declares nothing, an empty set when it declares it validated none.
    validated: frozenset[str] | None = None


@dataclass(slots=True)
class Proof:
    requirement: str
    status: str  # deposited | validated | refused
    deposited: date | None
    decided: date | None
    scenario: str | None = None


@dataclass
class Modification:
    iri: str
    ident: str
    kind: str  # local name of the concept, e.g. AddProfile
    date: date | None
    target: str | None
    profile: str | None = None  # profile code
    component: str | None = None  # component IRI
    root: str | None = None  # referencing IRI


@dataclass
class Candidature:
    iri: str
    ident: str
    dispositif: str
    version: str | None
    status: str | None
    classic: bool = False
    root: str | None = None
    root_recorded: date | None = None
    intended_root: str | None = None
    attestation_date: date | None = None
    attestation_complete: bool = False
    admin_deposit: date | None = None
    eligibility: date | None = None
    complete_deposit: date | None = None
    decision: date | None = None
    profiles: set[str] = field(default_factory=set)
    components: dict[str, str] = field(default_factory=dict)  # component IRI -> type code
    va1: list[str] = field(default_factory=list)
    proofs: dict[str, list[Proof]] = field(default_factory=lambda: defaultdict(list))
    modifications: list[Modification] = field(default_factory=list)
    psc_habilitation: str | None = None


@dataclass
class Facts:
    requirements: dict[str, Requirement] = field(default_factory=dict)
    by_rem: dict[str, list[Requirement]] = field(default_factory=lambda: defaultdict(list))
    dispositifs: dict[str, Dispositif] = field(default_factory=dict)
    versions: dict[str, Version] = field(default_factory=dict)
    referencings: dict[str, Referencing] = field(default_factory=dict)
    candidatures: dict[str, Candidature] = field(default_factory=dict)
    component_types: dict[str, str] = field(default_factory=dict)  # component IRI -> type code
    # (couloir code, candidate requirement IRI) -> root requirement IRIs (COU-2)
    equivalences: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    ids: dict[str, str] = field(default_factory=dict)  # identifier -> IRI, for the CLI
    referencing_by_candidature: dict[str, Referencing] = field(default_factory=dict)
    solution_editors: dict[str, str] = field(default_factory=dict)  # solution IRI -> editor IRI (HER-3)


Q_REQUIREMENTS = """
SELECT ?req ?id ?rem ?code ?va1 ?ctype ?chapter WHERE {
  ?req a sgr:Requirement ; dcterms:identifier ?id ; sgr:inREM ?rem .
  OPTIONAL { ?req sgr:profile/sgr:profileCode ?code }
  OPTIONAL { ?req sgr:inVague1Perimeter ?va1 }
  OPTIONAL { ?req sgr:componentType/dcterms:identifier ?ctype }
  OPTIONAL { ?req sgr:chapter/dcterms:identifier ?chapter }
}"""

Q_DISPOSITIFS = """
SELECT ?d ?id ?wave ?couloir ?type ?rem ?date1 ?date2 WHERE {
  ?d a sgr:Dispositif ; dcterms:identifier ?id ; sgr:wave ?wave ;
     sgr:couloir/dcterms:identifier ?couloir ; sgr:deviceType/dcterms:identifier ?type .
  OPTIONAL { ?d sgr:rem ?rem } OPTIONAL { ?d sgr:date1 ?date1 } OPTIONAL { ?d sgr:date2 ?date2 }
}"""

Q_DISPOSITIF_PROFILES = """
SELECT ?d ?code ?optional WHERE {
  ?d a sgr:Dispositif ; sgr:hasProfile ?p . ?p sgr:profileCode ?code .
  BIND(EXISTS { ?d sgr:hasOptionalProfile ?p } AS ?optional)
}"""

Q_VERSIONS = """
SELECT ?v ?id ?sol ?text ?key ?main WHERE {
  ?v a sgr:SolutionVersion ; dcterms:identifier ?id ; sgr:versionString ?text ; sgr:versionKey ?key .
  OPTIONAL { ?v sgr:versionOf ?sol } OPTIONAL { ?v sgr:mainComponent ?main }
}"""

Q_SOLUTION_EDITORS = """
SELECT ?s ?e WHERE { ?s a sgr:Solution ; sgr:editor ?e }"""

Q_COMPONENT_TYPES = """
SELECT ?c ?type WHERE { ?c a sgr:AdditionalComponent ; sgr:componentType/dcterms:identifier ?type }"""

Q_VERSION_COMPONENTS = """
SELECT ?v ?c WHERE { ?v a sgr:SolutionVersion ; sgr:additionalComponent ?c }"""

Q_REFERENCINGS = """
SELECT ?r ?nru ?wave ?disp ?version ?cand ?date ?withdrawn WHERE {
  ?r a sgr:Referencing ; sgr:nru ?nru .
  OPTIONAL { ?r sgr:wave ?wave } OPTIONAL { ?r sgr:dispositif ?disp } OPTIONAL { ?r sgr:solutionVersion ?version }
  OPTIONAL { ?r sgr:ofCandidature ?cand } OPTIONAL { ?r sgr:referencingDate ?date }
  OPTIONAL { ?r sgr:withdrawalDate ?withdrawn }
}"""

Q_REFERENCING_PROFILES = """
SELECT ?r ?code WHERE { ?r a sgr:Referencing ; sgr:coversProfile/sgr:profileCode ?code }"""

# One row per requirement a referencing declares it validated, and one row without a requirement for a
# referencing that declares it validated none.
Q_REFERENCING_VALIDATED = """
SELECT ?r ?req WHERE {
  ?r a sgr:Referencing ; sgr:declaresValidatedRequirements true .
  OPTIONAL { ?r sgr:validatedRequirement ?req }
}"""

Q_CANDIDATURES = """
SELECT ?c ?id ?disp ?version ?status ?classic ?root ?recorded ?intended ?att ?attDate ?attComplete
       ?admin ?elig ?complete ?decision ?psc WHERE {
  ?c a sgr:Candidature ; dcterms:identifier ?id ; sgr:dispositif ?disp .
  OPTIONAL { ?c sgr:solutionVersion ?version } OPTIONAL { ?c sgr:candidatureStatus ?status }
  OPTIONAL { ?c sgr:classicDeposit ?classic } OPTIONAL { ?c sgr:rootReferencing ?root }
  OPTIONAL { ?c sgr:rootRecordedDate ?recorded } OPTIONAL { ?c sgr:intendedRoot ?intended }
  OPTIONAL { ?c sgr:attestation ?att . OPTIONAL { ?att sgr:attestationDate ?attDate }
             BIND(EXISTS { ?att sgr:attestsMainComponentIdentical true ; sgr:attestsSingleSolution true ;
                                sgr:attestsAscendingCompatibility true } AS ?attComplete) }
  OPTIONAL { ?c sgr:adminDepositDate ?admin } OPTIONAL { ?c sgr:eligibilityDate ?elig }
  OPTIONAL { ?c sgr:completeDepositDate ?complete } OPTIONAL { ?c sgr:decisionDate ?decision }
  OPTIONAL { ?c sgr:pscHabilitation ?psc }
}"""

Q_CANDIDATURE_PROFILES = """
SELECT ?c ?code WHERE { ?c a sgr:Candidature ; sgr:chosenProfile/sgr:profileCode ?code }"""

Q_CANDIDATURE_COMPONENTS = """
SELECT ?c ?comp WHERE { ?c a sgr:Candidature ; sgr:additionalComponent ?comp }"""

Q_CANDIDATURE_VA1 = """
SELECT ?c ?r WHERE { ?c a sgr:Candidature ; sgr:va1Referencing ?r }"""

Q_PROOFS = """
SELECT ?c ?req ?status ?deposited ?decided ?scenario WHERE {
  ?p a sgr:Proof ; sgr:ofCandidature ?c ; sgr:forRequirement ?req ; sgr:proofStatus ?status .
  OPTIONAL { ?p sgr:depositDate ?deposited } OPTIONAL { ?p sgr:statusDate ?decided }
  OPTIONAL { ?p sgr:forScenario ?scenario }
}"""

# The same rows for an on-disk store. There a nested-loop join costs one RocksDB seek per proof and
# pattern (about 10 µs), while a sub-select is one range scan (0.3 µs a row), joined by hash. The
# required patterns are joined by hash, the optional ones by seeks: at 595,000 proofs on disk, 25 s
# and a 1.0 GiB peak, against 46 s and 0.5 GiB for seeks only, 22 s and 1.8 GiB for hashes only
# (bench/README.md, "Memory"). In memory the nested loop wins (4 s against 9-12 s).
Q_PROOFS_ON_DISK = """
SELECT ?c ?req ?status ?deposited ?decided ?scenario WHERE {
  { SELECT ?p WHERE { ?p a sgr:Proof } }
  { SELECT ?p ?c WHERE { ?p sgr:ofCandidature ?c } }
  { SELECT ?p ?req WHERE { ?p sgr:forRequirement ?req } }
  { SELECT ?p ?status WHERE { ?p sgr:proofStatus ?status } }
  OPTIONAL { ?p sgr:depositDate ?deposited } OPTIONAL { ?p sgr:statusDate ?decided }
  OPTIONAL { ?p sgr:forScenario ?scenario }
}"""

Q_MODIFICATIONS = """
SELECT ?m ?id ?kind ?date ?target ?code ?comp ?root WHERE {
  ?m a sgr:Modification ; dcterms:identifier ?id ; sgr:modificationKind ?kind .
  OPTIONAL { ?m sgr:modificationDate ?date } OPTIONAL { ?m sgr:modifies ?target }
  OPTIONAL { ?m (sgr:addedProfile|sgr:removedProfile)/sgr:profileCode ?code }
  OPTIONAL { ?m sgr:addedComponent|sgr:removedComponent ?comp }
  OPTIONAL { ?m sgr:newRootReferencing ?root }
}"""

Q_EQUIVALENCES = """
SELECT ?couloir ?root ?cand WHERE {
  ?list a sgr:EquivalenceList ; sgr:couloir/dcterms:identifier ?couloir ; sgr:hasEntry ?e .
  ?e sgr:rootRequirement ?root ; sgr:candidateRequirement ?cand .
}"""

Q_IDS = """
SELECT ?s ?id WHERE {
  ?s dcterms:identifier ?id .
  VALUES ?class { sgr:Candidature sgr:Dispositif sgr:SolutionVersion sgr:Component sgr:CommercialName
                  sgr:PSCHabilitation sgr:Solution }
  ?s a ?class .
}"""

Q_NRUS = """SELECT ?s ?nru WHERE { ?s a sgr:Referencing ; sgr:nru ?nru }"""

SGR_NS = "https://w3id.org/segur-kg/ontology#"


def _local(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1]


@contextmanager
def paused_gc():
    """Pause Python's cycle collector while millions of acyclic objects are built (facts, then
    perimeters). Each collection walks every object still alive, so with it on, building grows
    faster than the data: every perimeter at 30,000 candidatures took 11.3 s with it, 6.9 s
    without (0.8 s at 3,000). Reference counting still frees what is dropped; cycles wait."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# The facts of a cache entry's store, kept beside it (Store.artefact_folder): the entry's key covers
# the inputs and segur-kg's own code, so the file never outlives the classes it holds.
FACTS_FILE = "engine-facts.pickle"


def load_facts(store: Store) -> Facts:
    """The store's facts: read from the store, or, for a cache entry's store, from the facts an
    earlier command read from the same entry (docs/engine.md, "How the facts are read")."""
    with paused_gc():
        return kept(store, FACTS_FILE, read_facts, Facts)


def read_facts(store: Store, bulk: bool = True) -> Facts:
    """The facts of the store. On pyoxigraph with ``bulk`` (the default), each query's result is read
    from the TSV that pyoxigraph serialises (docs/engine.md, "How the facts are read"); without it, term
    by term through ``Store.select_values``. Both give the same facts."""
    if store.backend == "rdflib":
        # rdflib's SPARQL engine takes close to a minute on these joins; the same quads in an
        # in-memory pyoxigraph store answer in milliseconds, and the facts are the same.
        from segur_kg.stores import OxigraphStore

        fast = OxigraphStore()
        fast.load(store.serialize("nquads"), "nquads")
        store = fast
    f = Facts()
    rows = _select(store, bulk)
    for req, ident, rem, code, va1, ctype, chapter in rows(Q_REQUIREMENTS):
        r = Requirement(str(req), str(ident), str(rem), _s(code), bool(_b(va1)), _s(ctype), _s(chapter))
        f.requirements[r.iri] = r
        f.by_rem[r.rem].append(r)
    for reqs in f.by_rem.values():
        reqs.sort(key=lambda r: r.ident)
    for d, ident, wave, couloir, dtype, rem, d1, d2 in rows(Q_DISPOSITIFS):
        f.dispositifs[str(d)] = Dispositif(
            str(d),
            str(ident),
            1 if str(wave).endswith("Vague1") else 2,
            str(couloir),
            str(dtype),
            _s(rem),
            _d(d1),
            _d(d2),
        )
    for d, code, optional in rows(Q_DISPOSITIF_PROFILES):
        if str(d) in f.dispositifs:
            f.dispositifs[str(d)].profiles[str(code)] = bool(_b(optional))
    for c, ctype in rows(Q_COMPONENT_TYPES):
        f.component_types[str(c)] = str(ctype)
    for sol, editor in rows(Q_SOLUTION_EDITORS):
        f.solution_editors[str(sol)] = str(editor)
    for v, ident, sol, text, key, main in rows(Q_VERSIONS):
        f.versions[str(v)] = Version(str(v), str(ident), _s(sol), str(text), str(key), _s(main))
    for v, c in rows(Q_VERSION_COMPONENTS):
        if str(v) in f.versions and str(c) in f.component_types:
            f.versions[str(v)].component_types.add(f.component_types[str(c)])
    for r, nru, wave, disp, version, cand, d, withdrawn in rows(Q_REFERENCINGS):
        f.referencings[str(r)] = Referencing(
            str(r),
            str(nru),
            1 if str(wave).endswith("Vague1") else 2,
            _s(disp),
            _s(version),
            _s(cand),
            _d(d),
            _d(withdrawn),
        )
    for ref in f.referencings.values():
        if ref.candidature:
            f.referencing_by_candidature[ref.candidature] = ref
    for r, code in rows(Q_REFERENCING_PROFILES):
        if str(r) in f.referencings:
            f.referencings[str(r)].profiles.add(str(code))
    validated: dict[str, set[str]] = defaultdict(set)
    for r, req in rows(Q_REFERENCING_VALIDATED):
        declared = validated[r]  # created even when the referencing validated none
        if req is not None:
            declared.add(req)
    for r, reqs in validated.items():
        if r in f.referencings:
            f.referencings[r].validated = frozenset(reqs)
    for row in rows(Q_CANDIDATURES):
        (
            c,
            ident,
            disp,
            version,
            status,
            classic,
            root,
            recorded,
            intended,
            att,
            att_date,
            att_complete,
            admin,
            elig,
            complete,
            decision,
            psc,
        ) = row
        f.candidatures[str(c)] = Candidature(
            str(c),
            str(ident),
            str(disp),
            _s(version),
            _local(_s(status)),
            bool(_b(classic)),
            _s(root),
            _d(recorded),
            _s(intended),
            _d(att_date),
            bool(att is not None and _b(att_complete)),
            _d(admin),
            _d(elig),
            _d(complete),
            _d(decision),
            psc_habilitation=_s(psc),
        )
    for c, code in rows(Q_CANDIDATURE_PROFILES):
        f.candidatures[str(c)].profiles.add(str(code))
    for c, comp in rows(Q_CANDIDATURE_COMPONENTS):
        f.candidatures[str(c)].components[str(comp)] = f.component_types.get(str(comp), "")
    for c, r in rows(Q_CANDIDATURE_VA1):
        f.candidatures[str(c)].va1.append(str(r))
    for c in f.candidatures.values():
        c.va1.sort()
    _read_proofs(store, f.candidatures, bulk)
    give_back_freed_memory()  # the proofs' TSV and its lines: hundreds of MiB on a national graph
    for m, ident, kind, d, target, code, comp, root in rows(Q_MODIFICATIONS):
        mod = Modification(str(m), str(ident), _local(str(kind)), _d(d), _s(target), _s(code), _s(comp), _s(root))
        if mod.target in f.candidatures:
            f.candidatures[mod.target].modifications.append(mod)
    for c in f.candidatures.values():
        c.modifications.sort(key=lambda m: (m.date or date.min, m.ident))
    for couloir, root, cand in rows(Q_EQUIVALENCES):
        f.equivalences[(str(couloir), str(cand))].add(str(root))
    for s, ident in rows(Q_IDS):
        f.ids.setdefault(str(ident), str(s))
    for s, nru in rows(Q_NRUS):
        f.ids.setdefault(str(nru), str(s))
    return f


def _read_proofs(store: Store, candidatures: dict[str, Candidature], bulk: bool) -> None:
    """Every proof into its candidature's ``proofs``. Hundreds of thousands of proofs share a few
    hundred dates, three statuses and a few thousand IRIs: each is decoded and parsed once, keyed by
    its token in pyoxigraph's TSV (by its value from other stores)."""
    on_disk = isinstance(store, OxigraphStore) and store.path is not None
    query = Q_PROOFS_ON_DISK if on_disk else Q_PROOFS
    lines = _tsv_lines(store, query) if bulk and isinstance(store, OxigraphStore) else None
    if on_disk:
        # The hash join's tables, freed by now: Python's own allocations come from other pages, so
        # they would stay beside the rows read next.
        give_back_freed_memory()
    if lines is None:
        tokens = store.select_values(query)
        value = _Identity()
    else:
        tokens = (line.split("\t") for line in lines)
        value = _Tokens()
    days: dict[str | None, date | None] = {}
    statuses: dict[str | None, str] = {}
    owners: dict[str | None, dict | None] = {}
    requirements: dict[str | None, str] = {}
    for c, req, status, deposited, decided, scenario in tokens:
        proofs = owners.get(c, owners)
        if proofs is owners:
            cand = candidatures.get(value[c])
            proofs = owners[c] = None if cand is None else cand.proofs
        if proofs is None:
            continue
        if deposited not in days:
            days[deposited] = _d(value[deposited])
        if decided not in days:
            days[decided] = _d(value[decided])
        if status not in statuses:
            statuses[status] = _local(value[status]).lower()
        if req not in requirements:
            requirements[req] = value[req]
        iri = requirements[req]
        proofs[iri].append(Proof(iri, statuses[status], days[deposited], days[decided], value[scenario]))


class _Identity(dict):
    """Values already decoded (Store.select_values): each is its own value."""

    def __missing__(self, value: str | None) -> str | None:
        return value
