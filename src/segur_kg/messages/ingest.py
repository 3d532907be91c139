"""Messages of what comes in: reference tables, dossiers (YAML), REM tables, RDF files, versions."""

MESSAGES = {
    # Places in a file
    "ingest.place.line": ("ligne {line}", "line {line}"),
    "ingest.place.line-column": ("ligne {line}, colonne {column}", "line {line}, column {column}"),
    "ingest.place.line-field": ("ligne {line}, champ '{field}'", "line {line}, field '{field}'"),
    "ingest.place.row": ("ligne {row}", "row {row}"),
    "ingest.place.row-field": ("ligne {row}, champ '{field}'", "row {row}, field '{field}'"),
    # Values of a table or a dossier
    "ingest.value.not-a-boolean": (
        "true ou false attendu, '{value}' trouvé",
        "expected true or false, found '{value}'",
    ),
    "ingest.value.not-a-date": (
        "'{text}' n'est pas une date réelle : AAAA-MM-JJ attendu (ex. 2026-06-30)",
        "'{text}' is not a real date: expected YYYY-MM-DD (e.g. 2026-06-30)",
    ),
    "ingest.value.unknown-device-type": (
        "type de dispositif inconnu '{value}' : attendu l'un de {expected}",
        "unknown device type '{value}': expected one of {expected}",
    ),
    # Tables (CSV)
    "ingest.tables.date-missing": (
        "date AAAA-MM-JJ attendue, rien trouvé",
        "expected a date YYYY-MM-DD, found nothing",
    ),
    "ingest.tables.not-an-integer": (
        "nombre entier attendu, '{value}' trouvé",
        "expected a whole number, found '{value}'",
    ),
    "ingest.tables.empty": ("table vide : en-tête attendu {header}", "empty table: expected the header {header}"),
    "ingest.tables.missing-columns": (
        "colonne(s) absente(s) {missing} : attendu {header}",
        "missing column(s) {missing}: expected {header}",
    ),
    "ingest.tables.cell-count": (
        "{expected} cellules attendues, {count} trouvées",
        "expected {expected} cells, found {count}",
    ),
    "ingest.tables.not-utf8": (
        "pas du texte UTF-8 : enregistrez la table en CSV UTF-8",
        "not UTF-8 text: save the table as CSV UTF-8",
    ),
    "ingest.tables.malformed-csv": ("CSV mal formé ({error})", "malformed CSV ({error})"),
    # Reference data
    "ingest.reference.unknown-wave": (
        "vague inconnu '{value}' : attendu l'un de {expected}",
        "unknown wave '{value}': expected one of {expected}",
    ),
    "ingest.reference.unknown-couloir": (
        "couloir inconnu '{value}' : attendu l'un de {expected}",
        "unknown couloir '{value}': expected one of {expected}",
    ),
    "ingest.reference.unknown-rem-code": (
        "REM inconnu '{value}' : attendu l'un de {expected}",
        "unknown REM '{value}': expected one of {expected}",
    ),
    "ingest.reference.no-rem-table": ("aucune table de REM à {path}", "no REM table at {path}"),
    "ingest.reference.rem-defect": ("défaut dans un REM de référence : {message}", "reference REM defect: {message}"),
    "ingest.reference.rem-profile-unknown": (
        "le profil '{code}' n'est pas un profil du type {device_type} dans profiles.csv",
        "profile '{code}' is not a profile of device type {device_type} in profiles.csv",
    ),
    "ingest.reference.dates-reversed": (
        "la Date 2 ({date2}) précède la Date 1 ({date1})",
        "Date 2 ({date2}) is before Date 1 ({date1})",
    ),
    "ingest.reference.unknown-dispositif": ("dispositif inconnu '{ident}'", "unknown dispositif '{ident}'"),
    "ingest.reference.not-a-profile-of": (
        "'{profile}' n'est pas un profil du type {device_type}",
        "'{profile}' is not a profile of device type {device_type}",
    ),
    "ingest.reference.unknown-rem": ("REM inconnu '{ident}'", "unknown REM '{ident}'"),
    "ingest.reference.requirement-not-in-rem": (
        "l'exigence '{requirement}' n'est pas dans {rem}",
        "requirement '{requirement}' is not in {rem}",
    ),
    # YAML
    "ingest.yaml.plain-key": ("clé simple attendue", "expected a plain key"),
    "ingest.yaml.duplicate-key": (
        "la clé '{key}' apparaît deux fois (première à la ligne {first})",
        "key '{key}' appears twice (first at line {first})",
    ),
    "ingest.yaml.malformed": ("YAML mal formé : {detail}", "malformed YAML: {detail}"),
    "ingest.yaml.empty": (
        "fichier vide : un dossier est attendu (voir docs/dossier-format.md)",
        "empty file: expected a dossier mapping (see docs/dossier-format.md)",
    ),
    "ingest.yaml.not-a-mapping": (
        "un dictionnaire est attendu au premier niveau (voir docs/dossier-format.md)",
        "expected a mapping at the top level (see docs/dossier-format.md)",
    ),
    # Dossiers
    "ingest.dossier.unknown-key": (
        "clé inconnue '{key}' : attendu l'une de {allowed}",
        "unknown key '{key}': expected one of {allowed}",
    ),
    "ingest.dossier.missing-field": ("champ obligatoire absent '{field}'", "missing required field '{field}'"),
    "ingest.dossier.not-single": (
        "valeur unique attendue, liste ou dictionnaire trouvé",
        "expected a single value, found a list or mapping",
    ),
    "ingest.dossier.not-an-identifier": (
        "'{value}' n'est pas un identifiant : lettres, chiffres et . _ @ - seulement",
        "'{value}' is not an identifier: expected letters, digits and . _ @ - only",
    ),
    "ingest.dossier.not-allowed": (
        "'{value}' n'est pas permis : attendu l'une de {options}",
        "'{value}' is not allowed: expected one of {options}",
    ),
    "ingest.dossier.not-an-identifier-in-list": (
        "'{item}' n'est pas un identifiant : liste d'identifiants attendue",
        "'{item}' is not an identifier: expected a list of identifiers",
    ),
    "ingest.dossier.not-a-text-in-list": (
        "'{item}' n'est pas un texte non vide : liste de textes attendue",
        "'{item}' is not a non-empty text: expected a list of texts",
    ),
    "ingest.dossier.not-a-list": ("liste d'entrées attendue", "expected a list of entries"),
    "ingest.dossier.not-an-entry": (
        "entrée (dictionnaire) attendue dans '{field}'",
        "expected an entry (a mapping) in '{field}'",
    ),
    "ingest.dossier.not-a-mapping": ("dictionnaire attendu", "expected a mapping"),
    "ingest.dossier.duplicate-nru": (
        "NRU en double '{ident}' : déjà défini dans {file} ligne {line}",
        "duplicate NRU '{ident}': already defined in {file} line {line}",
    ),
    "ingest.dossier.duplicate-identifier": (
        "identifiant de {kind} en double '{ident}' : déjà défini dans {file} ligne {line}",
        "duplicate {kind} identifier '{ident}': already defined in {file} line {line}",
    ),
    "ingest.dossier.unresolved": (
        "{label} inconnu '{ident}' : aucun {label} de ce nom dans les fichiers importés",
        "unknown {label} '{ident}': no such {label} is defined in the files imported",
    ),
    "ingest.dossier.not-a-rule": (
        "'{rule}' n'est pas un identifiant de règle comme ROOT-3",
        "'{rule}' is not a rule ID such as ROOT-3",
    ),
    "ingest.dossier.wrong-component-kind": (
        "le composant '{ident}' est de type {kind} : composant {expected} attendu",
        "component '{ident}' is a {kind} component: expected a {expected} component",
    ),
    "ingest.dossier.unknown-profile": (
        "profil inconnu '{code}' pour le dispositif {dispositif} : attendu l'un de {expected}",
        "unknown profile '{code}' for dispositif {dispositif}: expected one of {expected}",
    ),
    "ingest.dossier.unknown-dispositif": (
        "dispositif inconnu '{ident}' : attendu l'un de {expected}",
        "unknown dispositif '{ident}': expected one of {expected}",
    ),
    "ingest.dossier.type-only-additional": (
        "seul un composant additionnel a un type",
        "only an additional component has a type",
    ),
    "ingest.dossier.unknown-component-type": (
        "type de composant inconnu '{value}' : attendu l'un de {expected}",
        "unknown component type '{value}': expected one of {expected}",
    ),
    "ingest.dossier.additional-needs-type": (
        "un composant additionnel a besoin d'un 'type' (un code de component_types.csv)",
        "an additional component needs a 'type' (a code of component_types.csv)",
    ),
    "ingest.dossier.wrong-wave": (
        "le dispositif {dispositif} est de la vague {wave}",
        "dispositif {dispositif} is of wave {wave}",
    ),
    "ingest.dossier.unknown-requirement": (
        "exigence inconnue '{requirement}' pour le dispositif {dispositif} : elle n'est pas dans {rem}",
        "unknown requirement '{requirement}' for dispositif {dispositif}: it is not in {rem}",
    ),
    "ingest.dossier.no-rem": ("aucun REM", "any REM"),
    "ingest.dossier.unknown-validated-requirement": (
        "exigence validée inconnue '{requirement}' : elle n'est dans aucun REM des dispositifs vague 2 du type "
        "{device_type} ({rems})",
        "unknown validated requirement '{requirement}': it is in no REM of the vague 2 dispositifs of device type "
        "{device_type} ({rems})",
    ),
    "ingest.dossier.unknown-psc-requirement": (
        "exigence inconnue '{requirement}' pour l'habilitation PSC {habilitation} : elle n'est pas dans {rem}",
        "unknown requirement '{requirement}' for PSC habilitation {habilitation}: it is not in {rem}",
    ),
    "ingest.dossier.not-the-habilitations-component": (
        "le composant '{component}' n'est ni le LPS ni le Proxy de l'habilitation {habilitation} : attendu l'un de "
        "{components}",
        "component '{component}' is neither the LPS nor the Proxy of habilitation {habilitation}: expected one of "
        "{components}",
    ),
    "ingest.dossier.no-component": ("aucun composant", "no component"),
    "ingest.dossier.unknown-scenario": (
        "scénario inconnu '{scenario}' pour l'exigence {requirement} : attendu l'un de {expected}",
        "unknown scenario '{scenario}' for requirement {requirement}: expected one of {expected}",
    ),
    "ingest.dossier.unknown-modification-kind": (
        "'{kind}' n'est pas permis : attendu l'un de {kinds}",
        "'{kind}' is not allowed: expected one of {kinds}",
    ),
    "ingest.dossier.wrong-target": (
        "une modification '{kind}' porte sur un(e) {target}, pas sur un(e) {key}",
        "a '{kind}' modification targets a {target}, not a {key}",
    ),
    "ingest.dossier.needs-field": (
        "une modification '{kind}' demande le champ '{field}'",
        "a '{kind}' modification needs the field '{field}'",
    ),
    # RDF files and the inputs of a load
    "ingest.loader.malformed-rdf": ("RDF mal formé ({format}) : {detail}", "malformed RDF ({format}): {detail}"),
    "ingest.loader.no-such-file": ("fichier introuvable", "no such file"),
    "ingest.loader.no-match": (
        "aucun fichier ne correspond à ce motif : dossiers ou fichiers RDF attendus ({suffixes})",
        "no file matches this pattern: expected dossiers or RDF files ({suffixes})",
    ),
    "ingest.loader.empty-folder": (
        "ce répertoire ne contient aucun fichier à charger : dossiers ou fichiers RDF attendus ({suffixes})",
        "this folder holds no file to load: expected dossiers or RDF files ({suffixes})",
    ),
    "ingest.loader.unknown-file-type": (
        "type de fichier inconnu '{suffix}' : dossier (.yaml) ou RDF attendu ({suffixes})",
        "unknown file type '{suffix}': expected a dossier (.yaml) or RDF ({suffixes})",
    ),
    # Versions
    "ingest.versions.not-a-version": (
        "'{text}' n'est pas une version : nombres séparés par des points attendus, au plus "
        "{parts} parties de {width} chiffres au plus (ex. 2.10 ou 5.2.0)",
        "'{text}' is not a version: expected dotted numbers, at most {parts} parts "
        "of at most {width} digits (e.g. 2.10 or 5.2.0)",
    ),
    # REM tables (segur-kg import-rem), named by the importer's wording (ingest/rem/wording.py)
    "ingest.rem.row": ("ligne {row}", "row {row}"),
    "ingest.rem.header": ("ligne 1 (en-tête)", "row 1 (header)"),
    "ingest.rem.sheet_row": ("feuille '{sheet}', ligne {row}", "sheet '{sheet}', row {row}"),
    "ingest.rem.sheet_header": ("feuille '{sheet}', ligne 1 (en-tête)", "sheet '{sheet}', row 1 (header)"),
    "ingest.rem.byte": ("ligne {line} (octet {byte})", "line {line} (byte {byte})"),
    "ingest.rem.not_found": ("fichier introuvable", "file not found"),
    "ingest.rem.not_file": ("n'est pas un fichier", "not a file"),
    "ingest.rem.unreadable": ("fichier illisible ({error})", "cannot read the file ({error})"),
    "ingest.rem.bad_extension": (
        "format non pris en charge '{suffix}' : attendu un fichier .csv ou .xlsx",
        "unsupported format '{suffix}': expected a .csv or .xlsx file",
    ),
    "ingest.rem.not_utf8": (
        "le fichier n'est pas en UTF-8 ; enregistrez-le en CSV UTF-8",
        "the file is not UTF-8; save it as CSV UTF-8",
    ),
    "ingest.rem.csv_error": ("CSV illisible ({error})", "unreadable CSV ({error})"),
    "ingest.rem.xlsx_corrupt": (
        "classeur .xlsx illisible ou corrompu ({error})",
        "unreadable or corrupt .xlsx workbook ({error})",
    ),
    "ingest.rem.xlsx_no_sheet": ("le classeur ne contient aucune feuille de calcul", "the workbook has no worksheet"),
    "ingest.rem.empty": ("fichier vide : une ligne d'en-tête est attendue", "empty file: a header row is expected"),
    "ingest.rem.unknown_layout": (
        "en-tête non reconnu : attendu la disposition Convergence ({convergence}) ou l'une des autres : {others}",
        "unknown header: expected the Convergence layout ({convergence}) or one of the others: {others}",
    ),
    "ingest.rem.missing_columns": (
        "colonne(s) manquante(s) pour la disposition {layout} : {missing}",
        "missing column(s) for the {layout} layout: {missing}",
    ),
    "ingest.rem.duplicate_column": ("colonne '{name}' en double", "duplicate column '{name}'"),
    "ingest.rem.cell_count": (
        "{count} cellule(s) au lieu de {expected} (nombre de colonnes de l'en-tête)",
        "{count} cell(s) instead of {expected} (the header's column count)",
    ),
    "ingest.rem.device_type_required": (
        "la disposition Convergence exige le type de dispositif du REM (--device-type, p. ex. DUI)",
        "the Convergence layout needs the REM's device type (--device-type, e.g. DUI)",
    ),
    "ingest.rem.bad_rem_code": (
        "le code REM '{value}' n'est pas un code [A-Z0-9][A-Z0-9_-]* (il vient du nom du fichier sans "
        "--rem ; donnez --rem)",
        "REM code '{value}' is not a code [A-Z0-9][A-Z0-9_-]* (it comes from the file name without --rem; give --rem)",
    ),
    "ingest.rem.bad_device_type": (
        "le type de dispositif '{value}' n'est pas un code [A-Z0-9][A-Z0-9_-]*",
        "device type '{value}' is not a code [A-Z0-9][A-Z0-9_-]*",
    ),
    "ingest.rem.rem_not_in_file": (
        "aucune ligne du REM '{rem}' (REM présents : {present})",
        "no row of REM '{rem}' (REMs in the file: {present})",
    ),
    "ingest.rem.layout_convergence": ("Convergence", "Convergence"),
    "ingest.rem.layout_ans": ("brouillons ANS", "ANS draft"),
    "ingest.rem.layout_convergence-11": ("Convergence ancienne (11 colonnes)", "older Convergence (11-column)"),
    "ingest.rem.layout_prepublication": (
        "rapport de pré-publication (41 colonnes)",
        "pre-publication report (41-column)",
    ),
    "ingest.rem.layout_squash": ("export Squash TM", "Squash TM export"),
    "ingest.rem.layout_read": ("{file} : disposition lue : {layout}", "{file}: layout read: {layout}"),
    "ingest.rem.squash_options": (
        "--rem et --device-type ne s'appliquent pas à un export Squash TM : ses catalogues disent leurs REM",
        "--rem and --device-type do not apply to a Squash TM export: its catalogues name their REMs",
    ),
    "ingest.rem.defect_line_sheet": (
        "{file} : feuille '{sheet}', ligne {row}, colonne '{field}' : {message}",
        "{file}: sheet '{sheet}', row {row}, column '{field}': {message}",
    ),
    "ingest.rem.squash_summary": (
        "{file} : {rows_read} ligne(s) lue(s) ; versions d'exigence par catalogue : {per_catalogue} ; "
        "{links} lien(s) importé(s) sur {links_read} ; {defects} anomalie(s)",
        "{file}: {rows_read} row(s) read; requirement versions per catalogue: {per_catalogue}; "
        "{links} link(s) imported of {links_read}; {defects} defect(s)",
    ),
    "ingest.rem.squash_links_sheet_missing": (
        "le classeur n'a pas de feuille '{sheet}' : versions importées sans leurs liens",
        "the workbook has no '{sheet}' sheet: versions imported without their links",
    ),
    "ingest.rem.squash_links_columns_missing": (
        "colonne(s) manquante(s) dans la feuille '{sheet}' : {missing} ; liens non importés",
        "missing column(s) in sheet '{sheet}': {missing}; links not imported",
    ),
    "ingest.rem.squash_number_malformed": (
        "'{value}' n'est pas un nombre entier : ligne ignorée",
        "'{value}' is not a whole number: row skipped",
    ),
    "ingest.rem.squash_version_id_repeated": (
        "version d'exigence {value} déjà lue ligne {first} : ligne ignorée",
        "requirement version {value} already read at row {first}: row skipped",
    ),
    "ingest.rem.squash_duplicate_key": (
        "clé ({path}, version {version}) déjà portée par la ligne {first} : version {version_id} importée, "
        "mais aucun lien ne peut la désigner sans ambiguïté",
        "key ({path}, version {version}) already held by row {first}: version {version_id} imported, but no "
        "link can name it unambiguously",
    ),
    "ingest.rem.squash_path_outside": (
        "chemin '{path}' hors du catalogue '{catalogue}' : version importée dans '{catalogue}'",
        "path '{path}' is outside catalogue '{catalogue}': version imported in '{catalogue}'",
    ),
    "ingest.rem.squash_reference_missing": (
        "version d'exigence {version_id} sans référence : importée sans identifiant",
        "requirement version {version_id} has no reference: imported without identifier",
    ),
    "ingest.rem.squash_value_unknown": (
        "valeur '{value}' inconnue (attendu {known}) : version {version_id} importée sans elle",
        "unknown value '{value}' (expected {known}): version {version_id} imported without it",
    ),
    "ingest.rem.squash_link_endpoint_missing": (
        "la version ({path}, version {version}) n'est pas dans l'export : lien {role} non importé",
        "version ({path}, version {version}) is not in the export: {role} link not imported",
    ),
    "ingest.rem.squash_link_endpoint_ambiguous": (
        "la clé ({path}, version {version}) désigne {count} versions : lien {role} non importé",
        "key ({path}, version {version}) names {count} versions: {role} link not imported",
    ),
    "ingest.rem.squash_link_role_unknown": (
        "rôle de lien '{value}' inconnu (attendu {known}) : lien non importé",
        "unknown link role '{value}' (expected {known}): link not imported",
    ),
    "ingest.rem.squash_parent_not_socle": (
        "lien SEGUR_PARENT entre {count} exigence(s) socle au lieu d'une : importé dans le sens écrit "
        "(la version de REQ_PATH est la parente)",
        "SEGUR_PARENT link between {count} socle requirement(s) instead of one: imported as written "
        "(the REQ_PATH version is the parent)",
    ),
    "ingest.rem.squash_link_repeated": (
        "lien {role} déjà lu ligne {first} : ligne ignorée",
        "{role} link already read at row {first}: row skipped",
    ),
    "ingest.rem.rem_missing": ("code REM vide : ligne ignorée", "empty REM code: row skipped"),
    "ingest.rem.rem_unknown": (
        "code REM inconnu '{value}' (attendu {known}, ou --device-type) : ligne ignorée",
        "unknown REM code '{value}' (expected {known}, or --device-type): row skipped",
    ),
    "ingest.rem.requirement_id_missing": (
        "identifiant d'exigence vide : ligne ignorée",
        "empty requirement ID: row skipped",
    ),
    "ingest.rem.duplicate_scenario": (
        "scénario '{value}' de l'exigence '{req}' en double (déjà ligne {first}) : ligne ignorée",
        "scenario '{value}' of requirement '{req}' repeated (first at row {first}): row skipped",
    ),
    "ingest.rem.requirement_id_malformed": (
        "identifiant d'exigence mal formé '{value}' (attendu SECTION[/BLOC].NN) : exigence importée telle quelle",
        "malformed requirement ID '{value}' (expected SECTION[/BLOC].NN): requirement imported as written",
    ),
    "ingest.rem.scenario_missing": (
        "exigence '{req}' sans scénario : importée sans scénario pour cette ligne",
        "requirement '{req}' has no scenario: imported without scenario for this row",
    ),
    "ingest.rem.scenario_malformed": (
        "scénario '{value}' mal formé (attendu {req}.NN) : exigence importée sans ce scénario",
        "malformed scenario '{value}' (expected {req}.NN): requirement imported without it",
    ),
    "ingest.rem.proof_missing": (
        "numéro de preuve absent ou provisoire ('{value}') pour le scénario '{scenario}' : scénario "
        "importé sans preuve attendue",
        "missing or provisional proof number ('{value}') for scenario '{scenario}': scenario imported "
        "without expected proof",
    ),
    "ingest.rem.extra_proof_missing": (
        "preuve écrite sans numéro (ou numéro provisoire '{value}') pour le scénario '{scenario}' : "
        "cette preuve n'est pas importée",
        "proof written without number (or provisional number '{value}') for scenario '{scenario}': "
        "this proof is not imported",
    ),
    "ingest.rem.proof_malformed": (
        "numéro de preuve '{value}' mal formé (attendu {scenario}.NN) : scénario importé sans preuve attendue",
        "malformed proof number '{value}' (expected {scenario}.NN): scenario imported without expected proof",
    ),
    "ingest.rem.profile_missing": (
        "profil vide pour l'exigence '{req}' : importée sans profil",
        "empty profile for requirement '{req}': imported without profile",
    ),
    "ingest.rem.chapter_missing": (
        "chapitre vide pour l'exigence '{req}' : importée sans chapitre",
        "empty chapter for requirement '{req}': imported without chapter",
    ),
    "ingest.rem.socle_malformed": (
        "exigence socle '{value}' mal formée (attendu SC.<ID>) : lien socle ignoré",
        "malformed socle requirement '{value}' (expected SC.<ID>): link dropped",
    ),
    "ingest.rem.criticality_unknown": (
        "criticité inconnue '{value}' (attendu Mineure, Majeure ou Critique) : ignorée",
        "unknown criticality '{value}' (expected Mineure, Majeure or Critique): dropped",
    ),
    "ingest.rem.order_malformed": (
        "ordre '{value}' qui n'est pas un entier : ignoré",
        "order '{value}' is not an integer: dropped",
    ),
    "ingest.rem.perimeter_unknown": (
        "périmètre inconnu '{value}' (attendu 'Vague 1' ou vide) : pas de périmètre Vague 1",
        "unknown perimeter '{value}' (expected 'Vague 1' or empty): not in the vague 1 perimeter",
    ),
    "ingest.rem.component_malformed": (
        "type de composant '{value}' mal formé (attendu un code [A-Z0-9][A-Z0-9_-]*) : ignoré",
        "malformed component type '{value}' (expected a code [A-Z0-9][A-Z0-9_-]*): dropped",
    ),
    "ingest.rem.nature_unknown": (
        "nature inconnue '{value}' (attendu Obligatoire ou Préconisée) : ignorée",
        "unknown nature '{value}' (expected Obligatoire or Préconisée): dropped",
    ),
    "ingest.rem.conflict": (
        "la valeur '{value}' contredit '{first_value}' (ligne {first}) pour l'exigence '{req}' : "
        "première valeur conservée",
        "value '{value}' contradicts '{first_value}' (row {first}) for requirement '{req}': first value kept",
    ),
    "ingest.rem.defect_line": (
        "{file} : ligne {row}, colonne '{field}' : {message}",
        "{file}: row {row}, column '{field}': {message}",
    ),
    "ingest.rem.summary": (
        "{file} : {rows_read} ligne(s) lue(s), {rows_kept} importée(s) ; exigences par REM : {per_rem} "
        "; {defects} anomalie(s)",
        "{file}: {rows_read} row(s) read, {rows_kept} imported; requirements per REM: {per_rem}; {defects} defect(s)",
    ),
    "ingest.rem.summary_kinds": ("anomalies par type : {kinds}", "defects by kind: {kinds}"),
    "ingest.rem.strict": (
        "mode strict : {defects} anomalie(s), rien n'a été écrit",
        "strict mode: {defects} defect(s), nothing written",
    ),
    "ingest.rem.write_error": ("écriture impossible ({error})", "cannot write ({error})"),
    "ingest.rem.written": ("{file} : {triples} triplets écrits", "{file}: {triples} triples written"),
    "ingest.rem.none": ("aucune", "none"),
    "ingest.loader.progress-dossiers": ("Lecture de {count} dossier(s)", "Reading {count} dossier(s)"),
    "ingest.loader.progress-rdf": ("Chargement de {file}", "Loading {file}"),
    # Bounded input (segur_kg.limits, docs/limits.md): past a limit, its value and its variable
    "ingest.yaml.file-too-large": (
        "{size} octets : au-delà de la limite de {limit} octets pour un dossier ({variable})",
        "{size} bytes: over the limit of {limit} bytes for a dossier ({variable})",
    ),
    "ingest.yaml.too-many-aliases": (
        "plus de {limit} alias YAML (*nom) : limite dépassée ({variable})",
        "more than {limit} YAML aliases (*name): over the limit ({variable})",
    ),
    "ingest.yaml.too-many-nodes": (
        "les alias YAML développent le document au-delà de {limit} nœuds : limite dépassée ({variable})",
        "the YAML aliases expand the document past {limit} nodes: over the limit ({variable})",
    ),
    "ingest.yaml.too-deep": (
        "imbrication sur plus de {limit} niveaux : limite dépassée ({variable})",
        "nested deeper than {limit} levels: over the limit ({variable})",
    ),
    "ingest.yaml.recursive-alias": (
        "l'alias *{anchor} désigne le nœud qui le contient",
        "the alias *{anchor} names the node that holds it",
    ),
    "ingest.yaml.value-too-large": (
        "valeur de {size} octets : au-delà de la limite de {limit} octets ({variable})",
        "a value of {size} bytes: over the limit of {limit} bytes ({variable})",
    ),
    "ingest.yaml.lone-surrogate": (
        "{code} est une demi-paire de substitution, pas un caractère Unicode : écrivez le caractère "
        "lui-même ou son échappement \\U à 8 chiffres",
        "{code} is half of a surrogate pair, not a Unicode character: write the character itself "
        "or its \\U escape of 8 digits",
    ),
    "ingest.yaml.forbidden-character": (
        "caractère {code} interdit en YAML (caractère de contrôle)",
        "character {code} is not allowed in YAML (a control character)",
    ),
    "ingest.loader.too-deep-rdf": (
        "crochets ou parenthèses imbriqués sur plus de {limit} niveaux : limite dépassée ({variable})",
        "brackets or parentheses nested deeper than {limit} levels: over the limit ({variable})",
    ),
    "ingest.loader.blank-nodes-too-deep": (
        "nœuds anonymes imbriqués sur plus de {limit} niveaux sous {subject} : limite dépassée ({variable})",
        "blank nodes nested deeper than {limit} levels under {subject}: over the limit ({variable})",
    ),
    "ingest.loader.literal-too-large": (
        "littéral de {size} octets (sujet {subject}) : au-delà de la limite de {limit} octets ({variable})",
        "a literal of {size} bytes (subject {subject}): over the limit of {limit} bytes ({variable})",
    ),
    "ingest.loader.term-too-large": (
        "terme (littéral ou IRI) de plus de {limit} octets : au-delà de ce que lit l'analyseur RDF",
        "a term (literal or IRI) of more than {limit} bytes: over what the RDF parser reads",
    ),
    "ingest.loader.triple-term": (
        "triplet cité RDF 1.2 (<<( … )>>) sous {subject} : import écrit du Turtle 1.1, qui n'en a pas",
        "an RDF 1.2 triple term (<<( … )>>) under {subject}: import writes Turtle 1.1, which has none",
    ),
    "ingest.loader.literal-direction": (
        "littéral avec une direction de texte RDF 1.2 (@fr--ltr) sous {subject} : import écrit du Turtle 1.1, "
        "qui n'en a pas",
        "a literal with an RDF 1.2 text direction (@en--ltr) under {subject}: import writes Turtle 1.1, which has none",
    ),
    "ingest.tables.file-too-large": (
        "{size} octets : au-delà de la limite de {limit} octets pour une table ({variable})",
        "{size} bytes: over the limit of {limit} bytes for a table ({variable})",
    ),
    "ingest.tables.too-many-rows": (
        "plus de {limit} lignes : limite dépassée ({variable})",
        "more than {limit} rows: over the limit ({variable})",
    ),
    "ingest.tables.too-many-cells": (
        "plus de {limit} cellules lues : limite dépassée ({variable})",
        "more than {limit} cells read: over the limit ({variable})",
    ),
    "ingest.tables.cell-too-large": (
        "cellule de {size} octets : au-delà de la limite de {limit} octets ({variable})",
        "a cell of {size} bytes: over the limit of {limit} bytes ({variable})",
    ),
    "ingest.tables.text-too-large": (
        "les cellules lues contiennent plus de {limit} octets de texte : limite dépassée ({variable})",
        "the cells read hold more than {limit} bytes of text: over the limit ({variable})",
    ),
    "ingest.place.row-column": ("ligne {row}, colonne {column}", "row {row}, column {column}"),
    "ingest.cache.unusable": (
        "avertissement : cache des stores inutilisable ({reason}) ; chargement en mémoire",
        "warning: store cache unusable ({reason}); loading into memory",
    ),
    "ingest.cache.input-changed": (
        "un fichier d'entrée a changé pendant son chargement",
        "an input file changed while it was loaded",
    ),
    "ingest.cache.info-folder": ("Cache des stores : {folder}", "Store cache: {folder}"),
    "ingest.cache.info-summary": (
        "{count} entrée(s) sur {limit} gardées au plus ({variable}), {size}",
        "{count} of at most {limit} entries kept ({variable}), {size}",
    ),
    "ingest.cache.info-entry": (
        "{key}  {triples} triplets, {size}, utilisée le {used} : {inputs}",
        "{key}  {triples} triples, {size}, used {used}: {inputs}",
    ),
    "ingest.cache.demo": ("démo", "demo"),
    "ingest.cache.size": ("{megabytes} Mo", "{megabytes} MB"),
    "ingest.cache.cleared": (
        "{removed} entrée(s) supprimée(s) de {folder}",
        "{removed} entries removed from {folder}",
    ),
    "ingest.cache.busy": (
        "{busy} entrée(s) en cours d'utilisation par une autre commande, laissée(s) en place",
        "{busy} entries in use by another command, left in place",
    ),
}
