"""Every piece of counters that is cached, declared once: its name, lifetime and scope.

Both are rendered blocks kept in the shared cache per content version (see
news.cache_policy for the scopes). The live numbers of the counting endpoint
are never cached here.
"""

from core.caching import Cached
from counters import conf

# The visit block (total, today, online): shared by every page for a few seconds.
VISIT_BLOCK = Cached("visit-block", conf.page_numbers_seconds)
# The "Tin đọc nhiều" ranking covers days: a few minutes late is no loss, and it
# saves a query per page.
MOST_READ = Cached("most-read", 5 * 60)
