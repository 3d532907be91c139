"""The reference pages of ``segur-kg serve``: the ontology documented as HTML (:mod:`.ontology`,
written into every wheel by setup.py's build step, :mod:`.bundle`) and the rule index as a page
(:mod:`.rules`). docs/ontology.md says how they are made.

This package's ``ontology`` and ``bundle`` modules need rdflib and the message catalogue only: the
wheel's build imports them with nothing else installed.
"""
