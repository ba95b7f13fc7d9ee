"""Photo albums and the latest photos."""
