"""Messages of the reference pages that ``segur-kg serve`` offers: the ontology documented
(``/ontology``) and the rule index (``/rules``), built by :mod:`segur_kg.doc_pages`."""

MESSAGES = {
    # the frame of every page
    "reference.nav.query": ("Requêtes SPARQL", "SPARQL queries"),
    "reference.nav.ontology": ("Ontologie", "Ontology"),
    "reference.nav.rules": ("Règles", "Rules"),
    "reference.nav.other-language": ("English", "Français"),
    "reference.contents": ("Sommaire", "Contents"),
    "reference.none": ("aucun", "none"),
    "reference.statement-in-english": (
        "Énoncé en anglais, la langue de la page du domaine",
        "Statement in English, the language of the domain page",
    ),
    # the ontology page (doc_pages/ontology.py)
    "reference.ontology.title": ("Ontologie segur-kg", "The segur-kg ontology"),
    "reference.ontology.introduction": (
        "Chaque classe et chaque propriété de l'ontologie {ontology}, version {version}, avec ses libellés, "
        "ses commentaires, ses liens aux autres termes et les règles qui la concernent : celles que "
        "l'ontologie lui attache (sgr:rule) et celles dont les formes SHACL la visent (sh:targetClass) ou "
        "la contraignent (sh:path).",
        "Every class and property of the ontology {ontology}, version {version}, with its labels, its "
        "comments, its links to the other terms and the rules that concern it: those the ontology attaches "
        "to it (sgr:rule) and those whose SHACL shapes target it (sh:targetClass) or constrain it (sh:path).",
    ),
    "reference.ontology.namespaces": ("Espaces de noms", "Namespaces"),
    "reference.ontology.prefix": ("préfixe", "prefix"),
    "reference.ontology.namespace": ("espace de noms", "namespace"),
    "reference.ontology.classes": ("Classes", "Classes"),
    "reference.ontology.object-properties": ("Propriétés d'objet", "Object properties"),
    "reference.ontology.datatype-properties": ("Propriétés de données", "Datatype properties"),
    "reference.ontology.annotation-properties": ("Propriétés d'annotation", "Annotation properties"),
    "reference.ontology.other-properties": ("Autres propriétés", "Other properties"),
    "reference.ontology.controlled-values": ("Valeurs contrôlées (SKOS)", "Controlled values (SKOS)"),
    "reference.ontology.kind.class": ("classe", "class"),
    "reference.ontology.kind.object": ("propriété d'objet", "object property"),
    "reference.ontology.kind.datatype": ("propriété de données", "datatype property"),
    "reference.ontology.kind.annotation": ("propriété d'annotation", "annotation property"),
    "reference.ontology.kind.property": ("propriété", "property"),
    "reference.ontology.kind.scheme": ("liste de valeurs", "concept scheme"),
    "reference.ontology.iri": ("IRI", "IRI"),
    "reference.ontology.labels": ("Libellés", "Labels"),
    "reference.ontology.comment": ("Commentaire", "Comment"),
    "reference.ontology.super-classes": ("Super-classes", "Super-classes"),
    "reference.ontology.sub-classes": ("Sous-classes", "Sub-classes"),
    "reference.ontology.super-properties": ("Super-propriétés", "Super-properties"),
    "reference.ontology.sub-properties": ("Sous-propriétés", "Sub-properties"),
    "reference.ontology.domain": ("Domaine", "Domain"),
    "reference.ontology.range": ("Portée", "Range"),
    "reference.ontology.domain-of": ("Domaine de", "Domain of"),
    "reference.ontology.range-of": ("Portée de", "Range of"),
    "reference.ontology.rules": ("Règles", "Rules"),
    "reference.ontology.values": ("Valeurs", "Values"),
    "reference.ontology.notation": ("code", "code"),
    "reference.ontology.label": ("libellé", "label"),
    "reference.ontology.definition": ("définition", "definition"),
    "reference.ontology.union": ("{members} (l'un ou l'autre)", "{members} (either)"),
    "reference.ontology.from-ontology": ("l'ontologie (sgr:rule)", "the ontology (sgr:rule)"),
    "reference.ontology.from-target": ("les formes qui la visent : {shapes}", "the shapes that target it: {shapes}"),
    "reference.ontology.from-path": (
        "les formes qui la contraignent : {shapes}",
        "the shapes that constrain it: {shapes}",
    ),
    # the rules page (doc_pages/rules.py)
    "reference.rules.title": ("Index des règles", "Rule index"),
    "reference.rules.introduction": (
        "Les {count} règles de l'équivalence des preuves, dans l'ordre du domaine : ce que dit chaque "
        "règle, les formes SHACL qui la vérifient, les fonctions du moteur qui la décident, les dossiers "
        "d'exemple qui l'enfreignent ou l'illustrent, les tests qui la nomment et les termes de l'ontologie "
        "qu'elle concerne.",
        "The {count} rules of the equivalence of proofs, in the order of the domain: what each rule says, "
        "the SHACL shapes that check it, the engine functions that decide it, the example dossiers that "
        "break or illustrate it, the tests that name it and the ontology terms it concerns.",
    ),
    "reference.rules.tests-not-installed": (
        "Les tests ne font pas partie du paquet installé : cette page ne les liste que depuis une copie des sources.",
        "The tests are not part of the installed package: this page lists them from a source checkout only.",
    ),
    "reference.rules.overview": ("Vue d'ensemble", "Overview"),
    "reference.rules.rule": ("règle", "rule"),
    "reference.rules.family": ("famille", "family"),
    "reference.rules.shapes": ("Formes", "Shapes"),
    "reference.rules.engine": ("Fonctions du moteur", "Engine functions"),
    "reference.rules.invalid-examples": ("Exemples invalides", "Invalid examples"),
    "reference.rules.worked-examples": ("Exemples travaillés", "Worked examples"),
    "reference.rules.tests": ("Tests", "Tests"),
    "reference.rules.terms": ("Termes de l'ontologie", "Ontology terms"),
    "reference.rules.severity.Violation": ("violation", "violation"),
    "reference.rules.severity.Warning": ("avertissement", "warning"),
    "reference.rules.severity.Info": ("information", "information"),
    "reference.rules.other-family": ("Autres règles", "Other rules"),
}
