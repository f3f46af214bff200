"""Benchmarks that print figures: `python -m benchmarks.bench`, `python -m benchmarks.scale`."""
