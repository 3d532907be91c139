"""Messages of the stores: the external SPARQL server (``--store sparql+http://...``)."""

MESSAGES = {
    "stores.no-host": ("adresse du serveur SPARQL sans hôte", "SPARQL server URL without a host"),
    "stores.server-answered": (
        "le serveur SPARQL a répondu {code} {reason} : {message}",
        "the SPARQL server answered {code} {reason}: {message}",
    ),
    "stores.no-answer": (
        "pas de réponse du serveur SPARQL en {timeout} s",
        "no answer from the SPARQL server within {timeout} s",
    ),
    "stores.unreachable": ("serveur SPARQL injoignable ({detail})", "SPARQL server unreachable ({detail})"),
    "stores.partial-answer": (
        "le serveur a arrêté la requête à sa limite de temps et n'en renvoie qu'une partie "
        "(Virtuoso : MaxQueryExecutionTime, section [SPARQL])",
        "the server stopped the query at its time limit and returns part of the answer only "
        "(Virtuoso: MaxQueryExecutionTime, [SPARQL] section)",
    ),
    "stores.answer-cut": (
        "le serveur a tronqué la réponse à {limit} lignes "
        "(Virtuoso : ResultSetMaxRows, section [SPARQL] de virtuoso.ini) ; augmentez cette limite",
        "the server cut the answer at {limit} rows "
        "(Virtuoso: ResultSetMaxRows, [SPARQL] section of virtuoso.ini); raise that limit",
    ),
    "stores.graph-cut": (
        "le serveur n'a renvoyé que {received} des {expected} triplets du graphe <{graph}> "
        "(Virtuoso : ResultSetMaxRows, section [SPARQL] de virtuoso.ini) ; augmentez cette limite",
        "the server sent only {received} of the {expected} triples of graph <{graph}> "
        "(Virtuoso: ResultSetMaxRows, [SPARQL] section of virtuoso.ini); raise that limit",
    ),
    "stores.unreadable-json": (
        "réponse illisible (JSON des résultats SPARQL attendu, reçu {content_type})",
        "unreadable answer (SPARQL JSON results expected, got {content_type})",
    ),
    "stores.unreadable-rdf": (
        "réponse illisible (N-Triples attendu, reçu {content_type})",
        "unreadable answer (N-Triples expected, got {content_type})",
    ),
    "stores.malformed-rdf-answer": ("réponse RDF mal formée : {reason}", "malformed RDF answer: {reason}"),
    "stores.malformed-rdf": ("RDF mal formé ({format}) : {reason}", "malformed RDF ({format}): {reason}"),
}
