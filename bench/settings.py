"""Production settings plus the benchmark's floor view; never used to serve the portal."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The floor renders its template on every request, as make bench's floor does,
# rather than being answered from the page cache after the first one.
PAGE_CACHE_SKIP_PREFIXES = [*PAGE_CACHE_SKIP_PREFIXES, "/bench/"]  # noqa: F405
