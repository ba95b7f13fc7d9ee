"""Every piece of news that is cached, declared once: its name, lifetime and scope.

Each piece is kept per content version (core.caching): any change to public
content makes it stale at once, and no lifetime runs past the next scheduled
publication or expiry. The lifetime below only bounds how long an unchanged
piece is kept. Scopes:

* SHARED: the shared cache (Redis) and a copy in each process; for what every
  page shows.
* PROCESS: one process alone; for values per article or page, too many for
  the shared cache.
* RENDERED: one process alone, among small HTML pieces.
* RESPONSE: a whole response (feeds) or a lifetime sent to browsers.

Readers get copies: a list comes out of the process stores as a list of its
own, and search results as copies of the kept articles.

Whole pages are cached by core.pagecache (settings.PAGE_CACHE_*), and the
sitemaps by portal.cache_policy, not here.
"""

from core.caching import RENDERED_SECONDS, Cached, Scope

HOUR = 60 * 60

# Selectors (news.selectors, news.archive.selectors) and pagination.
CATEGORIES = Cached("categories", HOUR)
HOME_LISTS = Cached("home", HOUR)
LISTING_OUTLINE = Cached("outline", HOUR)
LISTING_PAGE = Cached("page", HOUR, Scope.PROCESS)
NEIGHBOURS = Cached("neighbours", HOUR, Scope.PROCESS)
ARCHIVE_YEARS = Cached("archive-years", HOUR)
MONTH_SUMMARY = Cached("month", HOUR)

# Search (news.search): the vocabulary's counts and typo corrections, the articles of results and
# the text snippets are cut from. The result pages are the page cache's.
SEARCH_MONTHS = Cached("search:months", 10 * 60)
SEARCH_HELD_WORDS = Cached("search:held", 10 * 60, Scope.PROCESS, entries=1024)
SEARCH_CORRECTIONS = Cached("search:corrections", 10 * 60, Scope.PROCESS, entries=1024)
SEARCH_ARTICLES = Cached("search:articles", 10 * 60, Scope.PROCESS, entries=2048)
READABLE_TEXT = Cached("readable-text", RENDERED_SECONDS, Scope.RENDERED)

# Template tags (news/templatetags): blocks every page shows, the menu per
# entry marked current, an article's related lists, list items and the frames
# search results are filled into, an article's head.
MENU = Cached("menu", HOUR)
RELATED_ARTICLES = Cached("related", HOUR, Scope.PROCESS)
ARTICLE_ITEM = Cached("article-item", RENDERED_SECONDS, Scope.RENDERED)
ITEM_FRAME = Cached("item-frame", RENDERED_SECONDS, Scope.RENDERED)
# The search form without the words typed, per category and order (valid ones only).
SEARCH_FORM = Cached("search-form", RENDERED_SECONDS, Scope.RENDERED)
ARTICLE_META = Cached("article-meta", RENDERED_SECONDS, Scope.RENDERED)
ARCHIVE_MONTHS = Cached("archive-months", HOUR)
ARCHIVE_SIDEBAR = Cached("archive-sidebar", HOUR)
ARCHIVE_CALENDAR = Cached("archive-calendar", HOUR)
ARCHIVE_DAYS = Cached("archive-days", HOUR)
AGENCY_LINKS = Cached("agency-links", HOUR)
LATEST_PHOTOS = Cached("latest-photos", HOUR)

# Responses: the RSS feeds, and how long browsers keep a public attachment.
FEEDS = Cached("feeds", 15 * 60, Scope.RESPONSE)
ATTACHMENT = Cached("attachment", 10 * 60, Scope.RESPONSE)
