"""Benchmarks: serve the portal as in production and measure it against a bare Django view."""
