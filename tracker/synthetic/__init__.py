"""Synthetic data at crisis scale, for benchmarks."""
