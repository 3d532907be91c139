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
    # perimeter.py: the reason of each decision (engine.reasons; docs/perimeter-json.md lists the codes)
    "engine.reason.profile-not-chosen": (
        "{requirement} concerne le profil {profile}, que {candidature} n'a pas choisi au {day}",
        "{requirement} concerns profile {profile}, which {candidature} has not chosen on {day}",
    ),
    "engine.reason.component-not-declared": (
        "{requirement} concerne le composant {component}, que {candidature} ne déclare pas au {day} (ADD-1)",
        "{requirement} concerns component {component}, which {candidature} does not declare on {day} (ADD-1)",
    ),
    "engine.reason.heritage-validated": (
        "Le référencement vague 1 {nrus} a validé {requirement} : {candidature} ne la redépose pas (HER-3)",
        "Vague 1 referencing {nrus} validated {requirement}: {candidature} does not deposit it again (HER-3)",
    ),
    "engine.reason.heritage-assumed": (
        "{requirement} est au périmètre Vague 1 et {nrus} couvre le profil {profile} ; ce référencement ne liste "
        "pas les exigences validées en vague 1, elle est donc supposée validée (HER-3)",
        "{requirement} is in the périmètre Vague 1 and {nrus} covers profile {profile}; that referencing lists "
        "no validated requirements, so it is assumed validated in vague 1 (HER-3)",
    ),
    "engine.reason.no-vague1-for-profile": (
        "Aucun NRU vague 1 de {candidature} ({nrus}) ne couvre le profil {profile} : {requirement} est à déposer",
        "No vague 1 NRU of {candidature} ({nrus}) covers profile {profile}: {requirement} is to deposit",
    ),
    "engine.reason.vague1-not-validated": (
        "{nrus} liste les exigences validées en vague 1 et {requirement} n'en fait pas partie : elle est à déposer",
        "{nrus} lists the requirements validated in vague 1, and {requirement} is not one: it is to deposit",
    ),
    "engine.reason.vague1-other-editor": (
        "Le NRU vague 1 {nrus} a été obtenu par un autre éditeur : {candidature} n'en hérite pas {requirement} (HER-3)",
        "Vague 1 NRU {nrus} was obtained by another editor: {candidature} does not inherit {requirement} (HER-3)",
    ),
    "engine.reason.not-in-vague1-perimeter": (
        "{requirement} n'est pas au périmètre Vague 1 : l'héritage de {nrus} ne la couvre pas, "
        "et {candidature} n'a pas de racine",
        "{requirement} is not in the périmètre Vague 1: the heritage of {nrus} does not cover it, "
        "and {candidature} has no root",
    ),
    "engine.reason.equivalence": (
        "{requirement} est exemptée par équivalence : la racine {root} la couvre par {root_requirement}, "
        "preuve validée lors du référencement {origin} (chaîne : {chain})",
        "{requirement} is exempt by equivalence: root {root} covers it with {root_requirement}, "
        "a proof validated for referencing {origin} (chain: {chain})",
    ),
    "engine.reason.no-root": (
        "{candidature} ne déclare aucune solution racine au {day} : {requirement} est à déposer",
        "{candidature} declares no root solution on {day}: {requirement} is to deposit",
    ),
    "engine.reason.root-unknown": (
        "Le NRU racine {root} de {candidature} n'est pas un référencement connu : {requirement} est à déposer",
        "Root NRU {root} of {candidature} is not a known referencing: {requirement} is to deposit",
    ),
    "engine.reason.root-refused": (
        "La racine {root} est refusée pour {candidature} au {day} ({rules}) : {requirement} est à déposer",
        "Root {root} is refused for {candidature} on {day} ({rules}): {requirement} is to deposit",
    ),
    "engine.reason.root-pending": (
        "La racine {root} n'est pas encore référencée au {day} : {requirement} lui est commune et ne sera pas "
        "demandée si la racine la valide",
        "Root {root} is not referenced yet on {day}: {requirement} is common to it and will not be asked for "
        "if the root validates it",
    ),
    "engine.reason.root-pending-not-common": (
        "{requirement} n'est pas commune avec la racine {root}, pas encore référencée au {day} : "
        "{candidature} peut la déposer sans attendre",
        "{requirement} is not common to root {root}, not referenced yet on {day}: "
        "{candidature} may deposit it without waiting",
    ),
    "engine.reason.root-proofs-unknown": (
        "La racine {root} a été obtenue hors de l'import : ses preuves validées ne sont pas connues, "
        "{requirement} est à déposer",
        "Root {root} was obtained outside the import: its validated proofs are not known, {requirement} is to deposit",
    ),
    "engine.reason.root-lacks-component": (
        "La version de la racine {root} n'a pas le composant {component} : {candidature} dépose {requirement} (ADD-1)",
        "The version of root {root} has no {component} component: {candidature} deposits {requirement} (ADD-1)",
    ),
    "engine.reason.outside-root-perimeter": (
        "{root_requirement} était hors du périmètre de la racine {root} à son référencement du {date} : "
        "{requirement} est à déposer",
        "{root_requirement} was outside the perimeter of root {root} when it was referenced on {date}: "
        "{requirement} is to deposit",
    ),
    "engine.reason.not-mapped": (
        "La liste d'équivalence du couloir {couloir} n'associe {requirement} à aucune exigence de la racine {root} "
        "(COU-2)",
        "The equivalence list of couloir {couloir} maps {requirement} to no requirement of root {root} (COU-2)",
    ),
    "engine.reason.root-not-validated": (
        "La racine {root} n'avait pas de preuve validée de {root_requirement} à son référencement du {date} : "
        "{requirement} est à déposer",
        "Root {root} had no validated proof of {root_requirement} when it was referenced on {date}: "
        "{requirement} is to deposit",
    ),
    "engine.reason.upstream-withdrawn": (
        "Le référencement {withdrawn}, en amont de la racine {root}, est retiré au {day} : {requirement} est à déposer",
        "Referencing {withdrawn}, upstream of root {root}, is withdrawn on {day}: {requirement} is to deposit",
    ),
    "engine.reason.classic-deposit": (
        "{candidature} a choisi le dépôt classique : {requirement} est examinée (ROOT-4)",
        "{candidature} chose the classic deposit: {requirement} is examined (ROOT-4)",
    ),
    # perimeter.py: the steps of `perimeter --why`
    "engine.why.unknown-requirement": (
        "'{requirement}' n'est pas une exigence du {rem} de {candidature}",
        "'{requirement}' is not a requirement of {candidature}'s {rem}",
    ),
    "engine.why.state": (
        "Au {day}, {candidature} a les profils {profiles}, les composants additionnels {components}, "
        "la racine {root} (MOD-1)",
        "On {day}, {candidature} has profiles {profiles}, additional components {components}, root {root} (MOD-1)",
    ),
    "engine.why.va1-wave-no": (
        "{nru} n'est pas un référencement vague 1 connu : pas d'héritage",
        "{nru} is not a known vague 1 referencing: no heritage",
    ),
    "engine.why.va1-referenced-no": (
        "{nru} n'est référencé que le {date}, après le {day} : pas encore d'héritage",
        "{nru} is only referenced on {date}, after {day}: no heritage yet",
    ),
    "engine.why.va1-device-type-no": (
        "{nru} est de type {their_type}, et non {device_type} : pas d'héritage (HER-2)",
        "{nru} is of device type {their_type}, not {device_type}: no heritage (HER-2)",
    ),
    "engine.why.va1-withdrawn-no": ("{nru} est retiré depuis le {withdrawn}", "{nru} is withdrawn since {withdrawn}"),
    "engine.why.va1-editor-no": (
        "{nru} a été obtenu par {other_solution} de l'éditeur {other_editor}, non par {solution} de {editor} (HER-3)",
        "{nru} was obtained by {other_solution} of editor {other_editor}, not by {solution} of {editor} (HER-3)",
    ),
    "engine.why.va1-counts-ok": (
        "{nru} compte pour l'héritage : même type de dispositif, même éditeur, profils {profiles} (HER-2, HER-3)",
        "{nru} counts for heritage: same device type, same editor, profiles {profiles} (HER-2, HER-3)",
    ),
    "engine.why.root-cycle-no": (
        "La racine {root} est dans un cycle de racines : {cycle} (TRANS-2)",
        "Root {root} is in a cycle of roots: {cycle} (TRANS-2)",
    ),
    "engine.why.root-wave-ok": (
        "La racine {root} est un référencement vague {wave} (HER-1)",
        "Root {root} is a vague {wave} referencing (HER-1)",
    ),
    "engine.why.root-wave-no": (
        "La racine {root} est un référencement vague {wave} : il faut un référencement vague 2 (HER-1)",
        "Root {root} is a vague {wave} referencing: a vague 2 referencing is needed (HER-1)",
    ),
    "engine.why.root-couloir-ok": (
        "Couloirs {couloir} et {root_couloir} (racine {root}) : hors imagerie (COU-1)",
        "Couloirs {couloir} and {root_couloir} (root {root}): not imaging (COU-1)",
    ),
    "engine.why.root-couloir-no": (
        "Couloirs {couloir} et {root_couloir} (racine {root}) : pas d'équivalence avec l'imagerie (COU-1)",
        "Couloirs {couloir} and {root_couloir} (root {root}): no equivalence with imaging (COU-1)",
    ),
    "engine.why.root-recorded-ok": (
        "Le NRU racine {root} a été saisi le {recorded}, la Date 2 de {dispositif} est le {date2} (ROOT-3)",
        "Root NRU {root} was recorded on {recorded}; {dispositif}'s Date 2 is {date2} (ROOT-3)",
    ),
    "engine.why.root-recorded-no": (
        "Le NRU racine {root} a été saisi le {recorded}, après la Date 2 de {dispositif} ({date2}) (ROOT-3)",
        "Root NRU {root} was recorded on {recorded}, after {dispositif}'s Date 2 ({date2}) (ROOT-3)",
    ),
    "engine.why.root-attestation-ok": (
        "{candidature} a fourni l'attestation sur l'honneur complète le {attested} (ROOT-5)",
        "{candidature} gave the complete attestation sur l'honneur on {attested} (ROOT-5)",
    ),
    "engine.why.root-attestation-no": (
        "{candidature} n'a pas d'attestation sur l'honneur complète à cette date (attestée : {attested}) (ROOT-5)",
        "{candidature} has no complete attestation sur l'honneur by then (attested: {attested}) (ROOT-5)",
    ),
    "engine.why.root-main-component-ok": (
        "Même composant principal que la racine {root} : {component} (ROOT-5)",
        "Same main component as root {root}: {component} (ROOT-5)",
    ),
    "engine.why.root-main-component-no": (
        "Composant principal {component}, celui de la racine {root} est {root_component} : ils diffèrent (ROOT-5)",
        "Main component {component}, root {root}'s is {root_component}: they differ (ROOT-5)",
    ),
    "engine.why.root-version-ok": (
        "Version {version}, égale ou supérieure à la version {root_version} de la racine {root} (ASC-1)",
        "Version {version}, equal to or greater than root {root}'s version {root_version} (ASC-1)",
    ),
    "engine.why.root-version-no": (
        "Version {version}, inférieure à la version {root_version} de la racine {root} (ASC-1)",
        "Version {version}, lower than root {root}'s version {root_version} (ASC-1)",
    ),
    "engine.why.root-withdrawn-ok": (
        "La racine {root} n'est pas retirée (ROOT-1)",
        "Root {root} is not withdrawn (ROOT-1)",
    ),
    "engine.why.root-withdrawn-no": (
        "La racine {root} est retirée depuis le {withdrawn} (ROOT-1)",
        "Root {root} is withdrawn since {withdrawn} (ROOT-1)",
    ),
    "engine.why.root-referenced-ok": (
        "La racine {root} est référencée depuis le {date} (ROOT-1)",
        "Root {root} is referenced since {date} (ROOT-1)",
    ),
    "engine.why.root-referenced-no": (
        "La racine {root} n'est pas référencée au {day} (référencement : {date}) (ROOT-1, ROOT-2)",
        "Root {root} is not referenced on {day} (referencing: {date}) (ROOT-1, ROOT-2)",
    ),
    "engine.why.profile-ok": (
        "{requirement} concerne le profil {profile} : il s'applique (profils : {profiles})",
        "{requirement} concerns profile {profile}: it applies (profiles: {profiles})",
    ),
    "engine.why.profile-no": (
        "{requirement} concerne le profil {profile}, qui n'est pas choisi (profils : {profiles})",
        "{requirement} concerns profile {profile}, which is not chosen (profiles: {profiles})",
    ),
    "engine.why.component-ok": (
        "{requirement} concerne le composant {component}, déclaré (ADD-1)",
        "{requirement} concerns component {component}, which is declared (ADD-1)",
    ),
    "engine.why.component-no": (
        "{requirement} concerne le composant {component}, qui n'est pas déclaré (ADD-1)",
        "{requirement} concerns component {component}, which is not declared (ADD-1)",
    ),
    "engine.why.vague1-perimeter-ok": (
        "{requirement} est au périmètre Vague 1 (HER-3)",
        "{requirement} is in the périmètre Vague 1 (HER-3)",
    ),
    "engine.why.vague1-perimeter-no": (
        "{requirement} n'est pas au périmètre Vague 1 (HER-3)",
        "{requirement} is not in the périmètre Vague 1 (HER-3)",
    ),
    "engine.why.vague1-profile-ok": (
        "Un NRU vague 1 ({nrus}) couvre le profil {profile} (HER-4)",
        "A vague 1 NRU ({nrus}) covers profile {profile} (HER-4)",
    ),
    "engine.why.vague1-profile-no": (
        "Aucun NRU vague 1 ({nrus}) ne couvre le profil {profile} (HER-4)",
        "No vague 1 NRU ({nrus}) covers profile {profile} (HER-4)",
    ),
    "engine.why.vague1-validated-ok": (
        "{nru} liste {requirement} parmi les exigences validées en vague 1 (HER-3)",
        "{nru} lists {requirement} among the requirements validated in vague 1 (HER-3)",
    ),
    "engine.why.vague1-validated-no": (
        "{nru} ne liste pas {requirement} parmi les exigences validées en vague 1 (HER-3)",
        "{nru} does not list {requirement} among the requirements validated in vague 1 (HER-3)",
    ),
    "engine.why.intended-root-common-ok": (
        "La candidature racine prévue {intended} couvrirait {requirement} une fois référencée (ROOT-2, ROOT-6)",
        "The intended root candidature {intended} would cover {requirement} once referenced (ROOT-2, ROOT-6)",
    ),
    "engine.why.intended-root-common-no": (
        "La candidature racine prévue {intended} ne couvrirait pas {requirement} (ROOT-6)",
        "The intended root candidature {intended} would not cover {requirement} (ROOT-6)",
    ),
    "engine.why.pending-root-common-ok": (
        "La racine {root} couvrirait {requirement} une fois référencée (ROOT-2, ROOT-6)",
        "Root {root} would cover {requirement} once referenced (ROOT-2, ROOT-6)",
    ),
    "engine.why.pending-root-common-no": (
        "La racine {root} ne couvrirait pas {requirement} (ROOT-6)",
        "Root {root} would not cover {requirement} (ROOT-6)",
    ),
    "engine.why.root-component-ok": (
        "La version de la racine {root} a le composant {component} (ADD-1)",
        "The version of root {root} has the {component} component (ADD-1)",
    ),
    "engine.why.root-component-no": (
        "La version de la racine {root} n'a pas le composant {component} (ADD-1)",
        "The version of root {root} has no {component} component (ADD-1)",
    ),
    "engine.why.counterparts-ok": (
        "Exigences de la racine {root} qui tiennent lieu de {requirement} : {counterparts} (ROOT-6, COU-2, "
        "couloir {couloir})",
        "Requirements of root {root} that stand for {requirement}: {counterparts} (ROOT-6, COU-2, couloir {couloir})",
    ),
    "engine.why.counterparts-no": (
        "Aucune exigence de la racine {root} ne tient lieu de {requirement} (COU-2, couloir {couloir})",
        "No requirement of root {root} stands for {requirement} (COU-2, couloir {couloir})",
    ),
    "engine.why.root-covered-ok": (
        "La racine {root} avait validé {root_requirement} à son référencement du {date}",
        "Root {root} had validated {root_requirement} when it was referenced on {date}",
    ),
    "engine.why.root-perimeter-no": (
        "{root_requirement} était hors du périmètre de la racine {root} au {date} (ROOT-6)",
        "{root_requirement} was outside root {root}'s perimeter on {date} (ROOT-6)",
    ),
    "engine.why.root-validated-no": (
        "La racine {root} n'avait pas de preuve validée de {root_requirement} au {date} (ROOT-6)",
        "Root {root} had no validated proof of {root_requirement} on {date} (ROOT-6)",
    ),
    "engine.why.chain-withdrawn-no": (
        "{root_requirement} venait du référencement {withdrawn}, retiré depuis (TRANS-2)",
        "{root_requirement} came from referencing {withdrawn}, withdrawn since (TRANS-2)",
    ),
    "engine.why.decision": ("Décision : {decision} [{rules}] : {message}", "Decision: {decision} [{rules}]: {message}"),
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
    "engine.explain.column-reason": ("raison", "reason"),
    "engine.explain.why-heading": (
        "Pourquoi cette décision sur {requirement} pour {candidature} au {day} :",
        "Why this decision on {requirement} for {candidature} on {day}:",
    ),
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
