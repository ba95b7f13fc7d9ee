"""Pagination of newest-first article lists that stays fast on deep pages.

A plain OFFSET walks every row before the page, so page 400 of a category costs
hundreds of times page 1, and the COUNT behind the page links walks the whole
category on every request. Instead, once per content version, one index-only
query records a listing's *outline*: its length and the (published_at, id) key
of the first article of every page. A page is then a short index range that
starts at its anchor, whatever its depth, and the anchors tell on which page an
article stands without a query. An anchor is about 30 bytes in the shared
cache: a category of 20,000 articles in pages of 20 keeps 1,000 of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from news.cache_policy import LISTING_OUTLINE

Key = tuple[dt.datetime, int]


@dataclass(frozen=True)
class Outline:
    count: int
    # Key of the first row of page i + 1, newest first.
    anchors: tuple[Key, ...]

    def page_of(self, key: Key) -> int:
        """Return the number of the page that holds the row with this key (1 if none)."""
        # Anchors are newest first: the page is the count of anchors at or after the key.
        return max(1, len(self.anchors) - bisect.bisect_left(self.anchors[::-1], key))


def newer_or_same(key: Key):
    """Return a filter of the rows at or after key in newest-first order (key itself included).

    The plain `published_at__lte` lets the index range start at the key.
    """
    published_at, pk = key
    return Q(published_at__lte=published_at) & (
        Q(published_at__lt=published_at) | Q(published_at=published_at, id__lte=pk)
    )


def listing_outline(listing: Callable[[], QuerySet], *, cache_key: str, page_size: int) -> Outline:
    """Return the outline of the newest-first queryset listing() builds, kept until content changes.

    The queryset is built only when the outline is not kept: building one
    costs more than finding the outline.
    """

    def compute() -> Outline:
        queryset = listing()
        count = queryset.count()
        anchors = ()
        if count:
            numbered = (
                queryset.order_by()
                .annotate(
                    row=Window(RowNumber(), order_by=[F("published_at").desc(), F("id").desc()])
                )
                .annotate(row_in_page=(F("row") - 1) % page_size)
                .filter(row_in_page=0)
                .order_by("-published_at", "-id")
                .values_list("published_at", "id")
            )
            anchors = tuple(numbered)
        return Outline(count=count, anchors=anchors)

    return LISTING_OUTLINE.get(compute, cache_key, page_size)


class DeferredListing:
    """A newest-first queryset built on first use, standing in for it meanwhile.

    Django's list and date views build their queryset on every request, yet
    a NewestFirstPaginator reading its pages through `rows` needs it only when
    the outline is computed again, once per content version: building it cost
    a sixth of a month's archive page. The model and the ordering are known
    without it, which is all the views and the paginator ask first.
    """

    ordered = True

    def __init__(
        self,
        build: Callable[[], QuerySet],
        *,
        model: type,
        rows: Callable[[int, int], list] | None = None,
    ):
        """Stand in for build()'s queryset; rows(offset, limit), if given, reads its slices."""
        self._build = build
        self.model = model
        self._rows = rows

    @cached_property
    def queryset(self) -> QuerySet:
        return self._build()

    def __getattr__(self, name):
        return getattr(self.queryset, name)

    def __iter__(self):
        return iter(self.queryset)

    def __len__(self):
        return len(self.queryset)

    def __bool__(self):
        return bool(self.queryset)

    def __getitem__(self, key):
        bounded = isinstance(key, slice) and key.stop is not None and key.step is None
        if self._rows is not None and bounded:
            start = key.start or 0
            return self._rows(start, max(0, key.stop - start))
        return self.queryset[key]


class NewestFirstPaginator(Paginator):
    """Paginate a newest-first article queryset from cached anchors (see the module docstring)."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        cache_key: str,
        rows: Callable[[Key | None, int], list] | None = None,
        **kwargs,
    ):
        """Paginate object_list; rows(anchor, limit), if given, reads a page's rows instead.

        rows must return the first limit rows of object_list from the anchor on
        (from the newest if the anchor is None), as a prepared query can.
        """
        super().__init__(object_list, per_page, **kwargs)
        self.cache_key = cache_key
        self.rows = rows

    @cached_property
    def outline(self) -> Outline:
        return listing_outline(
            lambda: self.object_list, cache_key=self.cache_key, page_size=self.per_page
        )

    @cached_property
    def count(self) -> int:
        return self.outline.count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        anchor = self.outline.anchors[number - 1] if number > 1 else None
        if self.rows is not None:
            rows = self.rows(anchor, self.per_page + self.orphans)[: top - bottom]
            return self._get_page(rows, number, self)
        queryset = self.object_list
        if anchor is not None:
            queryset = queryset.filter(newer_or_same(anchor))
        return self._get_page(queryset[: top - bottom], number, self)


class ListedPaginator(Paginator):
    """Paginate a list of ids, loading the objects of the shown page only.

    capped says that more items matched than the list holds: a broad search
    matches tens of thousands of articles, nobody reads past a thousand, and
    reading them all costs more than the page itself.
    """

    def __init__(self, ids: list, per_page, *, capped: bool, load: Callable[[list], list], **kw):
        super().__init__(ids, per_page, **kw)
        self.capped = capped
        self.load = load

    def _get_page(self, object_list, number, paginator):
        return super()._get_page(self.load(object_list), number, paginator)
