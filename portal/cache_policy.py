"""What the portal itself caches, declared once (see news.cache_policy for the scopes).

The sitemaps are whole responses kept per content version, like the feeds.
"""

from core.caching import Cached, Scope

SITEMAPS = Cached("sitemaps", 60 * 60, Scope.RESPONSE)
