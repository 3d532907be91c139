"""segur-kg: a knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs."""

__version__ = "0.1.0"
