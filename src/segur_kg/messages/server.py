"""Messages of the SPARQL endpoint (``segur-kg serve``): HTTP refusals, the workers, the command."""

MESSAGES = {
    # protocol.py
    "server.no-acceptable-format": (
        "aucun format acceptable pour « {accept} » ; formats possibles : {offered}",
        "no acceptable format for '{accept}'; available formats: {offered}",
    ),
    # workers.py
    "server.query-over-time-limit": (
        "la requête a dépassé la limite de temps ({timeout} s) et a été arrêtée",
        "the query went over the time limit ({timeout} s) and was stopped",
    ),
    "server.busy": (
        "le serveur est occupé : aucune requête n'a pu commencer en {timeout} s",
        "the server is busy: the query could not start within {timeout} s",
    ),
    "server.query-stopped-for-others": (
        "la requête a été arrêtée après {seconds} s pour laisser un processus aux autres clients : "
        "les requêtes longues ne les occupent jamais tous ; réessayez dans {retry} s",
        "the query was stopped after {seconds} s to leave a worker to the other clients: "
        "long queries never hold them all; retry in {retry} s",
    ),
    "server.worker-stopped": (
        "le processus de requête s'est arrêté ({reason})",
        "the query process stopped ({reason})",
    ),
    "server.worker-unexpected-end": ("fin inattendue", "unexpected end"),
    "server.client-limit": (
        "trop de requêtes en cours pour {client} : {running} au plus à la fois ; réessayez dans {retry} s",
        "too many queries in progress for {client}: at most {running} at a time; retry in {retry} s",
    ),
    "server.result-too-large": (
        "résultat trop grand : plus de {limit} octets ; ajoutez LIMIT ou sélectionnez moins de variables",
        "result too large: over {limit} bytes; add LIMIT or select fewer variables",
    ),
    "server.result-cut": (
        "réponse interrompue après {sent} octets : {reason}",
        "answer cut after {sent} bytes: {reason}",
    ),
    "server.worker-not-started": (
        "un processus de requête n'a pas démarré en {timeout} s",
        "a query worker did not start within {timeout} s",
    ),
    "server.worker-cannot-open": (
        "un processus de requête n'a pas pu ouvrir le graphe : {detail}",
        "a query worker could not open the graph: {detail}",
    ),
    # analysis.py
    "server.query-escape-invalid": (
        "échappement \\u invalide dans la requête : {detail}",
        "invalid \\u escape in the query: {detail}",
    ),
    "server.query-escape-twice": (
        "l'échappement {escape} est lui-même le produit d'un échappement : écrivez le caractère voulu",
        "the escape {escape} is itself the product of an escape: write the character you mean",
    ),
    "server.query-syntax": (
        "requête illisible, ligne {line}, colonne {column} : {detail}",
        "the query cannot be read, line {line}, column {column}: {detail}",
    ),
    "server.query-syntax-found": (", trouvé {found}", ", found {found}"),  # the parser quotes what it found
    "server.query-not-analysable": (
        "requête impossible à analyser (SPARQL 1.1 attendu) : {detail}",
        "the query cannot be analysed (SPARQL 1.1 expected): {detail}",
    ),
    "server.query-too-deep": (
        "requête trop imbriquée pour être analysée",
        "the query is nested too deeply to be analysed",
    ),
    "server.query-form-expected": (
        "requête SELECT, ASK, CONSTRUCT ou DESCRIBE attendue",
        "expected a SELECT, ASK, CONSTRUCT or DESCRIBE query",
    ),
    # http.py: requests
    "server.host-refused": (
        "en-tête Host refusé : ce serveur n'écoute que cette machine",
        "Host header refused: this server only listens to this machine",
    ),
    "server.not-found": ("introuvable : {path}", "not found: {path}"),
    "server.method-not-allowed": (
        "méthode {method} non permise sur {path} (permises : {allowed})",
        "method {method} not allowed on {path} (allowed: {allowed})",
    ),
    "server.length-required": ("Content-Length requis", "Content-Length required"),
    "server.invalid-length": ("Content-Length invalide", "invalid Content-Length"),
    "server.body-too-large": (
        "corps de requête trop grand : {length} octets, au plus {limit}",
        "request body too large: {length} bytes, at most {limit}",
    ),
    "server.body-not-utf8": ("le corps de la requête n'est pas en UTF-8", "the request body is not UTF-8"),
    "server.parameter-twice": (
        "paramètre donné à la fois dans l'URL et dans le corps",
        "parameter given both in the URL and in the body",
    ),
    "server.query-twice": (
        "requête donnée à la fois dans l'URL et dans le corps",
        "query given both in the URL and in the body",
    ),
    "server.unsupported-content-type": (
        "type de contenu non pris en charge « {content_type} » : "
        "application/sparql-query ou application/x-www-form-urlencoded",
        "unsupported content type '{content_type}': application/sparql-query or application/x-www-form-urlencoded",
    ),
    "server.query-too-long": (
        "requête trop longue : {length} caractères, au plus {limit}",
        "query too long: {length} characters, at most {limit}",
    ),
    "server.query-too-nested": (
        "requête trop imbriquée : plus de {limit} niveaux de parenthèses, accolades ou crochets (ligne {line})",
        "query nested too deeply: over {limit} levels of parentheses, braces or brackets (line {line})",
    ),
    "server.cross-origin-refused": (
        "requête d'une autre origine refusée ({origin}) : ce point d'accès ne répond qu'à sa propre page ({host})",
        "request from another origin refused ({origin}): this endpoint only answers its own page ({host})",
    ),
    "server.update-refused": (
        "mise à jour refusée : ce point d'accès est en lecture seule",
        "update refused: this endpoint is read-only",
    ),
    "server.dataset-parameters": (
        "default-graph-uri et named-graph-uri ne sont pas pris en charge : utilisez FROM et FROM NAMED dans la requête",
        "default-graph-uri and named-graph-uri are not supported: use FROM and FROM NAMED in the query",
    ),
    "server.query-expected": (
        "une requête SPARQL est attendue dans le paramètre « query » (une seule)",
        "expected one SPARQL query in the 'query' parameter",
    ),
    "server.query-repeated": ("un seul paramètre « query » est permis", "only one 'query' parameter is allowed"),
    "server.service-refused": (
        "SERVICE refusé : ce point d'accès n'interroge aucun autre service",
        "SERVICE refused: this endpoint does not query other services",
    ),
    # http.py: the server and the command
    "server.timeout-positive": ("attendu un nombre de secondes positif", "expected a positive number of seconds"),
    "server.workers-at-least-one": ("attendu au moins 1", "expected at least 1"),
    "server.port-range": ("attendu un port entre 0 et 65535", "expected a port between 0 and 65535"),
    "server.cannot-listen": (
        "impossible d'écouter sur {host}:{port} ({reason})",
        "cannot listen on {host}:{port} ({reason})",
    ),
    "server.reachable-from-network": (
        "attention : {host} est joignable depuis le réseau, sans authentification",
        "warning: {host} is reachable from the network, without authentication",
    ),
    "server.started": (
        "Page de requêtes : {url}\nExplorateur de périmètres : {url}explore\nOntologie : {url}ontology\n"
        "Point d'accès SPARQL : {url}sparql\n(Ctrl-C pour arrêter)",
        "Query page: {url}\nPerimeter explorer: {url}explore\nOntology: {url}ontology\n"
        "SPARQL endpoint: {url}sparql\n(Ctrl-C to stop)",
    ),
    "server.stopped": ("Arrêté.", "Stopped."),
    "server.isolation": (
        "Processus de requête isolés du réseau ({mode}).",
        "Query workers isolated from the network ({mode}).",
    ),
    "server.isolation-none": (
        "attention : les processus de requête ne sont pas isolés du réseau ({reason}) ; "
        "seule l'analyse des requêtes écarte SERVICE",
        "warning: the query workers are not isolated from the network ({reason}); "
        "only the analysis of queries keeps SERVICE out",
    ),
    "server.isolation-not-asked": ("{variable}=none", "{variable}=none"),
    "server.per-client-at-least-one": ("attendu au moins 1", "expected at least 1"),
    "server.limit-positive": ("attendu un nombre positif", "expected a positive number"),
    # saved.py, derived.py, description.py: the page's saved queries and the derived decisions
    "server.unknown-saved-query": (
        "requête enregistrée inconnue : {name} (voir /queries)",
        "unknown saved query: {name} (see /queries)",
    ),
    "server.saved-parameter-twice": (
        "paramètre {name} : une seule valeur est attendue",
        "parameter {name}: expected one value",
    ),
    "server.saved-parameter-refused": ("paramètre {name} : {reason}", "parameter {name}: {reason}"),
    "server.cannot-derive": (
        "la requête {name} lit les décisions du moteur au {day}, qui n'ont pas pu être dérivées : {reason}",
        "the query {name} reads the engine's decisions as of {day}, which could not be derived: {reason}",
    ),
}
