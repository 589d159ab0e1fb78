"""Benchmarks of the blog; ``python -m bench.run`` is what ``make bench`` runs."""
