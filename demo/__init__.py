"""Demo content for trying the portal: `manage.py load_demo` and its loaders.

Installed only when the environment asks for it (DJANGO_DEMO=1: `make run`, `make dev`,
the tests, the benchmark's seeding); production settings have neither the app nor the
command. It sits above counters and news and may import both; nothing imports it.
"""
