"""A synthetic national graph (``segur-kg synth``), for the benchmark and for trying segur-kg at scale.

``model`` (the world), ``generator`` (who builds it), ``cases`` (the rule breaks, by rule ID),
``writers`` (N-Triples and the manifest); ``docs/synth.md`` tells how they fit.
"""

from segur_kg.synth.generator import MANIFEST_FILE, MAX_DEPTH, NT_FILE, SYNTH_VERSION, TODAY, Generator, generate

__all__ = ["MANIFEST_FILE", "MAX_DEPTH", "NT_FILE", "SYNTH_VERSION", "TODAY", "Generator", "generate"]
