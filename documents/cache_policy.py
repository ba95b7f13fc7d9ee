"""Every piece of documents that is cached, declared once (see news.cache_policy for scopes).

Each is kept per content version: any change to a document, its files or
relations, or to an article, makes it stale at once; none outlives the next
scheduled publication or the next Vietnam midnight at which a document's
validity changes (selectors.next_change).
"""

from core.caching import RENDERED_SECONDS, Cached, Scope

HOUR = 60 * 60

KINDS = Cached("documents:kinds", HOUR)
FILTER_CHOICES = Cached("documents:filters", HOUR)
# How many documents a list without a keyword has, per filters (bounded: the filters'
# values are the public documents' own).
LIST_COUNT = Cached("documents:count", HOUR, Scope.PROCESS, entries=512)
CITING_ARTICLES = Cached("documents:citing", HOUR, Scope.PROCESS)
# An article's body with its document numbers linked, per article and edit.
LINKED_BODY = Cached("documents:linked-body", RENDERED_SECONDS, Scope.RENDERED)
# A document as an item of a list (per validity of the day), and the list's filters
# as chosen (their values are the public documents' own: bounded).
DOCUMENT_ITEM = Cached("documents:item", RENDERED_SECONDS, Scope.RENDERED)
# A document's fields on its page and print view, per validity and replacing documents.
DOCUMENT_FIELDS = Cached("documents:fields", RENDERED_SECONDS, Scope.RENDERED)
FILTER_FIELDS = Cached("documents:filter-fields", RENDERED_SECONDS, Scope.RENDERED)
FEED = Cached("documents:feed", 15 * 60, Scope.RESPONSE)
DOWNLOAD = Cached("documents:download", 10 * 60, Scope.RESPONSE)
