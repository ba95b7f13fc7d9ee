"""Production settings plus the benchmark's floor views; never used to serve the portal."""

import copy

from portal.settings import *  # noqa: F403
from portal.settings import BASE_DIR, PAGE_CACHE_SKIP_PREFIXES, TEMPLATES

ROOT_URLCONF = "bench.urls"

# The floors render on every request, as make bench's floor does, rather than
# being answered from the page cache after the first one.
PAGE_CACHE_SKIP_PREFIXES = [*PAGE_CACHE_SKIP_PREFIXES, "/bench/", "/__bench__/"]

# The listing floor's template (bench/templates/bench/floor.html).
TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
