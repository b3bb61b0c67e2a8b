"""Benchmarks: slow measurements kept out of the test suite (see the README)."""
