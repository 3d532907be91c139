"""Messages of the equivalence engine (segur_kg.engine): errors, what-if and impact reasons, and the
terminal presentation of perimeters, chains, risks, what-ifs and impacts."""

MESSAGES = {
    # errors.py, perimeter.py
    "engine.errors.root-cycle": (
        "cycle de solutions racines (TRANS-2) : {cycle}",
        "cycle of root solutions (TRANS-2): {cycle}",
    ),
    "engine.perimeter.cycle-note": ("cycle de racines : {cycle}", "cycle of roots: {cycle}"),
    "engine.perimeter.heritage-refused": (
        "pas d'héritage du NRU vague 1 {nru} (HER-3) : il a été obtenu par la solution {other_solution} de l'éditeur "
        "{other_editor}, et non par la solution {solution} de l'éditeur {editor} qui candidate",
        "no heritage from vague 1 NRU {nru} (HER-3): it was obtained by solution {other_solution} of editor "
        "{other_editor}, not by solution {solution} of editor {editor}, which applies",
    ),
    # whatif.py
    "engine.whatif.profile-not-offered": (
        "le dispositif {dispositif} ne propose pas le profil {profile} (profils : {offered})",
        "dispositif {dispositif} does not offer profile {profile} (profiles: {offered})",
    ),
    "engine.whatif.optional-profile-after-date2": (
        "le profil optionnel {profile} ne peut plus être ajouté le {on} : la Date 2 de {dispositif} était le {date2}",
        "optional profile {profile} can no longer be added on {on}: {dispositif}'s Date 2 was {date2}",
    ),
    "engine.whatif.unknown-component": (
        "'{component}' n'est pas un composant additionnel connu",
        "'{component}' is not a known additional component",
    ),
    "engine.whatif.unknown-nru": ("NRU inconnu '{nru}'", "unknown NRU '{nru}'"),
    "engine.whatif.root-refused": (
        "la racine {root} est refusée pour {candidature} ({rules})",
        "root {root} is refused for {candidature} ({rules})",
    ),
    "engine.whatif.reopens-eligibility": (
        "la modification rouvre l'étape Éligibilité de {candidature}",
        "the change reopens the Eligibility step of {candidature}",
    ),
    "engine.whatif.reopens-administrative": (
        "la modification rouvre l'étape Candidature administrative de {candidature}",
        "the change reopens the Administrative application step of {candidature}",
    ),
    # impact.py
    "engine.impact.not-a-component": ("'{component}' n'est pas un composant", "'{component}' is not a component"),
    "engine.impact.not-a-commercial-name": (
        "'{name}' n'est pas une dénomination commerciale",
        "'{name}' is not a commercial name",
    ),
    # explain.py: decisions and statuses
    "engine.explain.decision-deposit": ("à déposer", "deposit"),
    "engine.explain.decision-exempt-heritage": ("exemptée (héritage vague 1)", "exempt (vague 1 heritage)"),
    "engine.explain.decision-exempt-equivalence": ("exemptée (équivalence)", "exempt (equivalence)"),
    "engine.explain.decision-not-applicable": ("hors périmètre", "not applicable"),
    "engine.explain.status-ready": ("prête", "ready"),
    "engine.explain.status-referenced": ("référencée", "referenced"),
    "engine.explain.status-pending-root": ("en attente de la racine", "awaiting its root"),
    "engine.explain.status-rejected": ("rejetée", "rejected"),
    "engine.explain.status-incomplete": ("incomplète", "incomplete"),
    "engine.explain.status-classic": ("dépôt classique", "classic deposit"),
    "engine.explain.status-root-refused": ("racine refusée", "root refused"),
    # explain.py: the status sentence of a perimeter
    "engine.explain.sentence-ready": (
        "La candidature {candidature} ({dispositif}) est prête au {day}",
        "Candidature {candidature} ({dispositif}) is ready on {day}",
    ),
    "engine.explain.sentence-referenced": (
        "La candidature {candidature} ({dispositif}) est référencée au {day}",
        "Candidature {candidature} ({dispositif}) is referenced on {day}",
    ),
    "engine.explain.sentence-pending-root": (
        "La candidature {candidature} ({dispositif}) attend le référencement de sa racine au {day}",
        "Candidature {candidature} ({dispositif}) awaits its root's referencing on {day}",
    ),
    "engine.explain.sentence-rejected": (
        "La candidature {candidature} ({dispositif}) est rejetée au {day} : le NRU racine manquait à la Date 2",
        "Candidature {candidature} ({dispositif}) is rejected on {day}: the root NRU was missing at Date 2",
    ),
    "engine.explain.sentence-incomplete": (
        "La candidature {candidature} ({dispositif}) est incomplète au {day} : des preuves manquaient à la Date 2",
        "Candidature {candidature} ({dispositif}) is incomplete on {day}: proofs were missing at Date 2",
    ),
    "engine.explain.sentence-classic": (
        "La candidature {candidature} ({dispositif}) a choisi le dépôt classique : toutes ses preuves sont examinées",
        "Candidature {candidature} ({dispositif}) chose the classic deposit: all its proofs are examined",
    ),
    "engine.explain.sentence-root-refused": (
        "La candidature {candidature} ({dispositif}) ne peut pas utiliser sa racine au {day}",
        "Candidature {candidature} ({dispositif}) cannot use its root on {day}",
    ),
    "engine.explain.sentence-chain": (" (chaîne de racines : {chain})", " (root chain: {chain})"),
    "engine.explain.sentence-counts": (
        "{deposit} preuve(s) à déposer, {heritage} exemptée(s) par héritage, "
        "{equivalence} exemptée(s) par équivalence, {not_applicable} hors périmètre",
        "{deposit} proof(s) to deposit, {heritage} exempt by heritage, "
        "{equivalence} exempt by equivalence, {not_applicable} not applicable",
    ),
    # explain.py: table columns
    "engine.explain.column-requirement": ("exigence", "requirement"),
    "engine.explain.column-profile": ("profil", "profile"),
    "engine.explain.column-decision": ("décision", "decision"),
    "engine.explain.column-rules": ("règles", "rules"),
    "engine.explain.column-origin": ("origine", "origin"),
    "engine.explain.column-proof": ("preuve", "proof"),
    "engine.explain.column-before": ("avant", "before"),
    "engine.explain.column-after": ("après", "after"),
    "engine.explain.column-status": ("statut", "status"),
    "engine.explain.column-deposit": ("à déposer", "deposit"),
    "engine.explain.column-heritage": ("héritage", "heritage"),
    "engine.explain.column-equivalence": ("équivalence", "equivalence"),
    "engine.explain.column-not-applicable": ("hors périmètre", "n/a"),
    "engine.explain.column-chain": ("chaîne", "chain"),
    # explain.py: perimeter, chain
    "engine.explain.not-applicable-hidden": (
        "{hidden} exigence(s) hors périmètre non affichée(s) (--format json pour tout voir).",
        "{hidden} not-applicable requirement(s) not shown (--format json shows all).",
    ),
    "engine.explain.chain-relies-on": ("{start} s'appuie sur : {steps}", "{start} relies on: {steps}"),
    "engine.explain.chain-no-root": ("{start} n'utilise aucune solution racine.", "{start} uses no root solution."),
    "engine.explain.none": ("aucune", "none"),
    "engine.explain.chain-dependents": (
        "Candidatures qui l'utilisent directement : {direct} ; par transitivité : {transitive}.",
        "Candidatures using it directly: {direct}; transitively: {transitive}.",
    ),
    # explain.py: risks
    "engine.explain.risks-none": (
        "Aucune candidature en attente de racine à moins de {within} jours de sa Date 2 au {as_of}.",
        "No candidature awaits its root within {within} days of its Date 2 on {as_of}.",
    ),
    "engine.explain.risks-date2-in": (
        "la Date 2 ({date2}) est dans {days} jour(s)",
        "Date 2 ({date2}) is in {days} day(s)",
    ),
    "engine.explain.risks-date2-passed": (
        "la Date 2 ({date2}) est passée de {days} jour(s)",
        "Date 2 ({date2}) passed {days} day(s) ago",
    ),
    "engine.explain.risks-nru-not-recorded": (
        "{candidature} ({dispositif}) : {root} est référencée (NRU {nru}, le {referenced}) "
        "mais ce NRU n'est pas encore saisi ; {deadline} [{rules}].",
        "{candidature} ({dispositif}): {root} is referenced (NRU {nru}, on {referenced}) "
        "but that NRU is not recorded yet; {deadline} [{rules}].",
    ),
    "engine.explain.risks-date2-passed-without-root": (
        "{candidature} ({dispositif}) : la Date 2 ({date2}) est passée de {days} jour(s) "
        "sans NRU racine de {root} [{rules}].",
        "{candidature} ({dispositif}): Date 2 ({date2}) passed {days} day(s) ago "
        "without the root NRU of {root} [{rules}].",
    ),
    "engine.explain.risks-root-not-referenced": (
        "{candidature} ({dispositif}) : {days} jour(s) avant la Date 2 ({date2}) "
        "et {root} n'est pas encore référencée [{rules}].",
        "{candidature} ({dispositif}): {days} day(s) before Date 2 ({date2}) "
        "and {root} is not referenced yet [{rules}].",
    ),
    # explain.py: what-if
    "engine.explain.whatif-refused": (
        "Refusé : {change} pour {candidature} le {date} — {reason} [{rules}].",
        "Refused: {change} for {candidature} on {date} — {reason} [{rules}].",
    ),
    "engine.explain.whatif-accepted": (
        "{change} pour {candidature} le {date} : {reason} [{rules}].",
        "{change} for {candidature} on {date}: {reason} [{rules}].",
    ),
    "engine.explain.whatif-status": ("Statut : {before} -> {after}.", "Status: {before} -> {after}."),
    "engine.explain.whatif-changes-title": ("Exigences dont la décision change", "Requirements whose decision changes"),
    "engine.explain.whatif-no-change": ("Aucune décision ne change.", "No decision changes."),
    # explain.py: impact
    "engine.explain.withdrawal-none": (
        "Le retrait de {nru} au {as_of} ne retire aucune exemption.",
        "Withdrawing {nru} on {as_of} removes no exemption.",
    ),
    "engine.explain.withdrawal-loses": (
        "{candidature} perd {count} exemption(s) si {nru} est retiré au {as_of} "
        "(statut {before} -> {after}) : {requirements}.",
        "{candidature} loses {count} exemption(s) if {nru} is withdrawn on {as_of} "
        "(status {before} -> {after}): {requirements}.",
    ),
    "engine.explain.component-change": (
        "Changement « {change} » du composant {component} ({kind}) :",
        "Change '{change}' of component {component} ({kind}):",
    ),
    "engine.explain.component-editor-desk": (
        "  guichet éditeur : {returns} repasse(nt) au guichet (habilitation {habilitation}, NRU {nru}, "
        "configuration {configuration}, sert {serves}) [{rules}]",
        "  editor desk: {returns} return(s) to the desk (habilitation {habilitation}, NRU {nru}, "
        "configuration {configuration}, serves {serves}) [{rules}]",
    ),
    "engine.explain.component-operator-desk": (
        "  guichet opérateur : {operator} demande une nouvelle habilitation {new_habilitation} "
        "(remplace {habilitation}) [PSC-8]",
        "  operator desk: {operator} needs a new {new_habilitation} habilitation (replaces {habilitation}) [PSC-8]",
    ),
    "engine.explain.component-no-habilitation": (
        "  aucune habilitation PSC ne porte sur ce composant.",
        "  no PSC habilitation concerns this component.",
    ),
    "engine.explain.component-candidatures": (
        "  candidatures concernées : {candidatures} [MOD-1]",
        "  candidatures concerned: {candidatures} [MOD-1]",
    ),
    "engine.explain.component-dependents": (
        "  candidatures qui s'appuient dessus comme racine : {candidatures} : "
        "compatibilité ascendante à garantir [ASC-2]",
        "  candidatures relying on them as root: {candidatures}: ascending compatibility to keep [ASC-2]",
    ),
    "engine.explain.name-cnda": (
        "Dénomination {name} (NIL {nil}) : une demande de conformité CNDA propre est nécessaire [CNDA-1].",
        "Commercial name {name} (NIL {nil}): its own CNDA conformity request is needed [CNDA-1].",
    ),
    "engine.explain.name-children": (
        "  dénominations enfants qui en héritent la conformité : {children} [CNDA-2]",
        "  child names inheriting its conformity: {children} [CNDA-2]",
    ),
    "engine.explain.name-editor-desk": (
        "  guichet éditeur : l'exigence EDC/PSC.102 est revue pour {habilitations} [PSC-1, PSC-2]",
        "  editor desk: requirement EDC/PSC.102 is reviewed for {habilitations} [PSC-1, PSC-2]",
    ),
    "engine.explain.name-referencings": (
        "  référencements transmis avec ce nom à l'Assurance Maladie : {referencings} [NAME-1]",
        "  referencings sent with this name to the Assurance Maladie: {referencings} [NAME-1]",
    ),
    # explain.py: overview
    "engine.explain.overview-title": ("Périmètres au {as_of}", "Perimeters as of {as_of}"),
    "engine.explain.proof-deposited": ("déposée", "deposited"),
    "engine.explain.proof-validated": ("validée", "validated"),
    "engine.explain.proof-refused": ("refusée", "refused"),
    "engine.derive.progress": ("Calcul des périmètres au {as_of}", "Computing the perimeters as of {as_of}"),
    # guichet.py: the guichet éditeur perimeter of a PSC habilitation, one message per reason
    "engine.guichet.psc-perimeter-declaration": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} : chaque habilitation déclare au guichet éditeur "
        "son périmètre (dénominations commerciales, composants, configuration LPS/Proxy, NRU des composants déjà "
        "habilités).",
        "As of {date}, {habilitation} deposits requirement {requirement}: each habilitation declares its perimeter "
        "at the guichet éditeur (commercial names, components, LPS/Proxy configuration, NRUs of the components "
        "already habilitated).",
    ),
    "engine.guichet.component-absent": (
        "Au {date}, l'exigence {requirement} ne s'applique pas à {habilitation} ({configuration}) : elle concerne "
        "le {kinds}, que l'habilitation ne porte pas.",
        "As of {date}, requirement {requirement} does not apply to {habilitation} ({configuration}): it concerns "
        "the {kinds}, which the habilitation does not cover.",
    ),
    "engine.guichet.reused": (
        "Au {date}, {habilitation} ne redépose pas l'exigence {requirement} pour {component} : elle réutilise la "
        "preuve validée le {validated_on} sous le NRU {origin}, par l'habilitation {reused} (NRU {reused_nru}).",
        "As of {date}, {habilitation} does not deposit requirement {requirement} again for {component}: it reuses "
        "the proof validated on {validated_on} under NRU {origin}, through habilitation {reused} (NRU {reused_nru}).",
    ),
    "engine.guichet.reused-in-group": (
        "Au {date}, {habilitation} ne redépose pas l'exigence {requirement} pour {component} : ce Proxy e-santé "
        "habilité seul ({reused}, NRU {reused_nru}) de l'éditeur {proxy_editor} est réutilisé par {editors}, du "
        "même groupe {group}, sans réhabilitation complète (preuve validée le {validated_on} sous le NRU {origin}).",
        "As of {date}, {habilitation} does not deposit requirement {requirement} again for {component}: this "
        "e-santé Proxy habilitated alone ({reused}, NRU {reused_nru}) of editor {proxy_editor} is reused by "
        "{editors}, of the same group {group}, without full re-habilitation (proof validated on {validated_on} "
        "under NRU {origin}).",
    ),
    "engine.guichet.reused-not-habilitated": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : l'habilitation réutilisée "
        "{reused} (NRU {reused_nru}) n'est pas encore accordée (date d'habilitation : {reused_date}).",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: the reused habilitation "
        "{reused} (NRU {reused_nru}) is not granted yet (habilitation date: {reused_date}).",
    ),
    "engine.guichet.monobloc-split": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : l'équivalence d'une "
        "habilitation monobloc ne se scinde pas, et {habilitation} ne porte pas le même LPS et le même Proxy "
        "e-santé que {reused} (NRU {reused_nru}).",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: the equivalence of a "
        "monobloc habilitation cannot be split, and {habilitation} does not cover the same LPS and the same "
        "e-santé Proxy as {reused} (NRU {reused_nru}).",
    ),
    "engine.guichet.proxy-outside-group": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : ce Proxy e-santé habilité "
        "seul ({reused}, NRU {reused_nru}) est celui de l'éditeur {proxy_editor} ; {editors}, hors de son groupe, "
        "ne le réutilise pas sans réhabilitation complète.",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: this e-santé Proxy "
        "habilitated alone ({reused}, NRU {reused_nru}) is editor {proxy_editor}'s; {editors}, outside its group, "
        "does not reuse it without full re-habilitation.",
    ),
    "engine.guichet.not-reused": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : aucune habilitation qu'elle "
        "réutilise ne détient de preuve validée de cette exigence pour ce composant.",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: no habilitation it "
        "reuses holds a validated proof of this requirement for this component.",
    ),
    "engine.guichet.component-modified": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : {component} a été modifié "
        "le {modified_on} ({modification}), après la validation de sa preuve le {validated_on} sous le NRU "
        "{origin} ; le composant modifié repasse au guichet.",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: {component} was "
        "modified on {modified_on} ({modification}), after its proof was validated on {validated_on} under NRU "
        "{origin}; the modified component returns to the guichet.",
    ),
    "engine.guichet.monobloc-modified": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : {modified} a été modifié le "
        "{modified_on} ({modification}), après la validation de la preuve le {validated_on} sous le NRU {origin} ; "
        "en monobloc, la modification du LPS ou du Proxy e-santé renvoie les deux au guichet.",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: {modified} was modified "
        "on {modified_on} ({modification}), after the proof was validated on {validated_on} under NRU {origin}; "
        "in a monobloc, a modification of the LPS or of the e-santé Proxy sends both back to the guichet.",
    ),
    "engine.guichet.new-proxy": (
        "Au {date}, {habilitation} dépose l'exigence {requirement} pour {component} : c'est un Proxy e-santé "
        "différent, avec le LPS habilité seul ({reused}, NRU {reused_nru}) ; seules les preuves propres au nouveau "
        "Proxy sont à fournir.",
        "As of {date}, {habilitation} deposits requirement {requirement} for {component}: it is a different "
        "e-santé Proxy, with the LPS habilitated alone ({reused}, NRU {reused_nru}); only the new Proxy's own "
        "proofs are to be provided.",
    ),
    "engine.guichet.role-lps": ("LPS", "LPS"),
    "engine.guichet.role-proxy": ("Proxy e-santé", "e-santé Proxy"),
    "engine.guichet.unknown-date": ("date inconnue", "unknown date"),
    "engine.guichet.decision-exempt-reuse": ("exemptée (réutilisation)", "exempt (reuse)"),
    "engine.guichet.column-component": ("composant", "component"),
    "engine.guichet.column-reason": ("motif", "reason"),
    "engine.guichet.sentence": (
        "Habilitation {habilitation} (NRU {nru}, {configuration}) au guichet éditeur, au {date} : {deposit} à "
        "déposer, {exempt} réutilisée(s), {not_applicable} hors périmètre.",
        "Habilitation {habilitation} (NRU {nru}, {configuration}) at the guichet éditeur, as of {date}: {deposit} "
        "to deposit, {exempt} reused, {not_applicable} not applicable.",
    ),
}
