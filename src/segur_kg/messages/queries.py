"""Messages of the query library and ``segur-kg query``."""

MESSAGES = {
    # library.py: headers and finding a query
    "queries.line": ("ligne {number}", "line {number}"),
    "queries.malformed-parameter": (
        "paramètre mal déclaré '{value}' : attendu « # param: nom (type, default valeur|optional) — description » "
        "avec un type parmi {datatypes}",
        "malformed parameter '{value}': expected '# param: name (type, default value|optional) — description' "
        "with a type among {datatypes}",
    ),
    "queries.no-such-file": ("fichier de requête introuvable", "no such query file"),
    "queries.unknown-query": (
        "requête inconnue '{name}' : attendu un fichier .rq ou l'une de {names}",
        "unknown query '{name}': expected a .rq file or one of {names}",
    ),
    # binding.py: parameters
    "queries.assignment-expected": ("'{item}' : nom=valeur attendu", "'{item}': expected name=value"),
    "queries.parameter-given-twice": ("paramètre '{name}' donné deux fois", "parameter '{name}' given twice"),
    "queries.bad-value": (
        "'{value}' n'est pas {expected} (requête {query})",
        "'{value}' is not {expected} (query {query})",
    ),
    "queries.expected-date": ("une date réelle AAAA-MM-JJ (ou today)", "a real date YYYY-MM-DD (or today)"),
    "queries.expected-integer": ("un nombre entier", "a whole number"),
    "queries.expected-decimal": ("un nombre décimal", "a decimal number"),
    "queries.expected-boolean": ("un booléen (true ou false)", "a boolean (true or false)"),
    "queries.none": ("aucun", "none"),
    "queries.unknown-parameter": (
        "paramètre inconnu de la requête {query} : attendu {known}",
        "unknown parameter of query {query}: expected {known}",
    ),
    "queries.required-parameter": (
        "paramètre obligatoire de la requête {query} : --param {name}=…",
        "required parameter of query {query}: --param {name}=…",
    ),
    # {block} is "{ … }", passed as a value so that its braces are never read as a placeholder
    "queries.no-where-block": (
        "pas de bloc WHERE {block} où lier les paramètres",
        "no WHERE {block} block to bind the parameters in",
    ),
    # running.py
    "queries.cannot-write-derived": (
        "impossible d'écrire les décisions du moteur au {day} (graphe dérivé), que lit cette requête : {reason} ; "
        "lancez « segur-kg derive --as-of {day} » avec un accès en écriture, puis la requête avec --no-derive",
        "cannot write the engine's decisions as of {day} (the derived graph), which this query reads: {reason}; "
        "run 'segur-kg derive --as-of {day}' with write access, then the query with --no-derive",
    ),
    "queries.invalid-sparql": ("SPARQL invalide : {detail}", "invalid SPARQL: {detail}"),
    "queries.select-expected": (
        "requête SELECT attendue (ASK et CONSTRUCT ne sont pas pris en charge)",
        "expected a SELECT query (ASK and CONSTRUCT are not supported)",
    ),
    "queries.no-derived-decisions": (
        "attention : aucune décision dérivée au {day} dans le magasin ; "
        "relancer sans --no-derive ou après « segur-kg derive --as-of {day} »",
        "warning: no derived decisions as of {day} in the store; "
        "run again without --no-derive or after 'segur-kg derive --as-of {day}'",
    ),
    # results.py: what the command prints
    "queries.row-count": ("{n} ligne(s).", "{n} row(s)."),
    "queries.listing-usage": (
        "Requêtes de queries/ : segur-kg query NOM [--param nom=valeur…] [--format table|csv|json]",
        "Queries of queries/: segur-kg query NAME [--param name=value…] [--format table|csv|json]",
    ),
    "queries.listing-derived": ("  (décisions dérivées)", "  (derived decisions)"),
    "queries.listing-rules": ("règles : ", "rules: "),
    "queries.param-today": ("aujourd'hui", "today"),
    "queries.param-default": ("par défaut {value}", "default {value}"),
    "queries.param-optional": ("facultatif", "optional"),
    "queries.param-required": ("obligatoire", "required"),
    "queries.param-doc": (" : {doc}", ": {doc}"),
    # Bounded queries (segur_kg.limits, docs/limits.md)
    "queries.line-column": ("ligne {line}, colonne {column}", "line {line}, column {column}"),
    "queries.too-large": (
        "{size} octets : au-delà de la limite de {limit} octets pour une requête ({variable})",
        "{size} bytes: over the limit of {limit} bytes for a query ({variable})",
    ),
    "queries.too-deep": (
        "parenthèses, accolades ou crochets imbriqués sur plus de {limit} niveaux : limite dépassée ({variable})",
        "parentheses, braces or brackets nested deeper than {limit} levels: over the limit ({variable})",
    ),
    "queries.no-stack": (
        "impossible de réserver {size} Mio de pile pour exécuter cette requête (mémoire du processus)",
        "cannot set aside {size} MiB of stack to run this query (the process's memory)",
    ),
    "queries.too-complex": (
        "requête trop imbriquée pour le moteur rdflib (limite de récursion de Python) : "
        "simplifiez-la ou lancez-la sur le magasin par défaut",
        "query nested too deep for the rdflib engine (Python's recursion limit): "
        "simplify it or run it on the default store",
    ),
    "queries.service-refused": (
        "la requête utilise SERVICE (ou une mise à jour) : segur-kg n'interroge jamais le réseau",
        "the query uses SERVICE (or an update): segur-kg never queries the network",
    ),
}
