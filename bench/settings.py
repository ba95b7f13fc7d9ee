"""Production settings plus the benchmark's floor view; never used to serve the portal."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
