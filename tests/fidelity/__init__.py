"""Fidelity to Payan (2015): the claims (a)–(i) as experiments with ablations, and the calibration targets."""
