"""Articles by date: local-time periods, the archive pages, their counts and the calendar."""
