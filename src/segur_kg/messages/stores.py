"""Messages of the stores: the store folder (``--store DIR``) and the external SPARQL server
(``--store sparql+http://...``)."""

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
    # The store folder (stores/folder.py, docs/stores.md)
    "stores.folder.not-a-folder": (
        "un fichier porte ce nom ; --store attend un dossier (existant ou à créer)",
        "a file has this name; --store expects a folder (existing or to create)",
    ),
    "stores.folder.cannot-create": (
        "impossible de créer le dossier du magasin ({reason})",
        "cannot create the store folder ({reason})",
    ),
    "stores.folder.busy": (
        "un autre processus segur-kg utilise ce magasin ; relancez la commande quand il a fini",
        "another segur-kg process is using this store; run the command again once it has finished",
    ),
    "stores.folder.incomplete": (
        "ce dossier n'est pas un magasin complet ({marker} manquant, il contient {found}) : une création "
        "interrompue, un magasin d'une version antérieure ou un autre dossier ; pour reconstruire le magasin, "
        "supprimez le dossier puis relancez segur-kg import FICHIERS --store {folder}",
        "this folder is not a whole store ({marker} is missing, it holds {found}): an interrupted creation, "
        "a store of an earlier version or another folder; to rebuild the store, delete the folder and run "
        "segur-kg import FILES --store {folder}",
    ),
    "stores.folder.bad-marker": (
        "{marker} illisible ({reason}) ; pour reconstruire le magasin, supprimez le dossier puis relancez "
        "segur-kg import FICHIERS --store {folder}",
        "{marker} is unreadable ({reason}); to rebuild the store, delete the folder and run "
        "segur-kg import FILES --store {folder}",
    ),
    "stores.folder.missing-database": (
        "{marker} désigne la base {database}, absente du dossier ; pour reconstruire le magasin, supprimez "
        "le dossier puis relancez segur-kg import FICHIERS --store {folder}",
        "{marker} names the database {database}, which the folder does not hold; to rebuild the store, "
        "delete the folder and run segur-kg import FILES --store {folder}",
    ),
    "stores.folder.unreadable": (
        "la base {database} du magasin ne s'ouvre pas ({reason})",
        "the store's database {database} does not open ({reason})",
    ),
    "stores.rdflib.remote-context": (
        "le contexte JSON-LD {context} est désigné par son adresse : segur-kg ne télécharge rien, "
        "incluez le contexte dans le fichier",
        "the JSON-LD context {context} is named by its address: segur-kg fetches nothing, "
        "put the context inside the file",
    ),
}
