"""Benchmarks: a synthetic national-scale data generator, timers, and the RESULTS.md writer."""
