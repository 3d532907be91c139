"""REMs over time and equivalence lists derived from the socle graph (``docs/rem-catalogues.md``).

Reads the ANS's requirement catalogues (the Squash TM export, or the RDF ``import-rem`` wrote from it) as
:class:`~segur_kg.ingest.rem.catalogue.RequirementCatalogues`: :mod:`.sources` finds them among FILES and
names REMs, :mod:`.timeline` says which versions are in force at a milestone and what changes between two,
:mod:`.impact` what such a change does to candidatures' perimeters (through the engine), and
:mod:`.equivalences` suggests the pairs of requirements two REMs derive from one socle requirement and
compares a list with a published one.
"""
