"""Plaza: a turn-based serious game about the coproduction of public safety (after Payan, 2015)."""

__version__ = "0.1.0"
