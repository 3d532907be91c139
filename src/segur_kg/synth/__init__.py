"""A synthetic national graph (``segur-kg synth``), for the benchmark and for trying segur-kg at scale."""

from segur_kg.synth.generator import MANIFEST_FILE, MAX_DEPTH, NT_FILE, SYNTH_VERSION, TODAY, Generator, generate

__all__ = ["MANIFEST_FILE", "MAX_DEPTH", "NT_FILE", "SYNTH_VERSION", "TODAY", "Generator", "generate"]
