"""Benchmarks run by ``make bench``: medians over repeated runs, compared with targets."""
