"""Every read of documents the public pages make, each taking what it filters on.

The visibility rule is Document.objects.published(now); every function here
starts from it (public_documents), which keeps to the portal being served
(core.sites.current_site_id(), set from the request's host): the portal the
caches of these reads are kept for as well. The one query compiled once
(PUBLIC_DOCUMENT) takes the portal as a parameter, as it takes the time.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear, StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from core.prepared import PreparedQuery, id_kinds, id_values
from core.sites import current_site_id
from documents.cache_policy import CITING_ARTICLES, FILTER_CHOICES, KINDS
from documents.models import Document, DocumentFile, DocumentKind, DocumentRelation, Validity
from documents.numbers import NUMBER, NumberQuery, number_key, parse_number_query
from news.models import Article
from news.search.document import fold, plain_text, query_terms
from news.search.schema import document_matches

# Matches a search lists at most: a keyword held by every document is no search.
MAX_RESULTS = 1000
# Articles listed as citing a document, at most.
CITING_LIMIT = 20


def public_documents(
    now: dt.datetime | None = None, *, site_id: int | None = None
) -> QuerySet[Document]:
    """Return the documents the public may see now on a portal (the one served by default)."""
    site_id = current_site_id() if site_id is None else site_id
    return Document.objects.published(now or timezone.now()).filter(site_id=site_id)


def all_kinds() -> list[DocumentKind]:
    """Return every kind of document, in the editors' order, kept per content version."""
    return KINDS.get(lambda: list(DocumentKind.objects.all()))


def kind_names() -> list[str]:
    return [kind.name for kind in all_kinds()]


@dataclass(frozen=True)
class FilterChoices:
    issuers: list[str]
    fields: list[str]
    years: list[int]


def filter_choices(now: dt.datetime | None = None) -> FilterChoices:
    """Return the issuers, fields and years the public documents have, for the list's filters."""

    def compute() -> FilterChoices:
        public = public_documents(now).order_by()
        return FilterChoices(
            issuers=sorted(set(public.values_list("issuer", flat=True)), key=fold),
            fields=sorted(set(public.exclude(field="").values_list("field", flat=True)), key=fold),
            years=sorted(
                set(public.annotate(year=ExtractYear("issued_on")).values_list("year", flat=True)),
                reverse=True,
            ),
        )

    return FILTER_CHOICES.get(compute)


def replaced_condition(*, now: dt.datetime, today: dt.date) -> Exists:
    """Return the condition that a public document in force on today replaces the row."""
    return Exists(
        DocumentRelation.objects.filter(
            target=OuterRef("pk"),
            kind=DocumentRelation.Kind.REPLACES,
            source__status=Document.Status.PUBLISHED,
            source__published_at__lte=now,
            source__effective_on__lte=today,
        )
    )


def with_validity(documents: QuerySet, *, now: dt.datetime, today: dt.date) -> QuerySet:
    """Return the documents annotated with `replaced`, which validity() needs."""
    return documents.annotate(replaced=replaced_condition(now=now, today=today))


def validity_filter(validity: str, *, today: dt.date) -> Q:
    """Return the condition for documents of a validity on today (rows annotated `replaced`)."""
    not_replaced = Q(replaced=False)
    return {
        Validity.REPLACED: Q(replaced=True),
        Validity.NOT_YET: Q(effective_on__gt=today) & not_replaced,
        Validity.EXPIRED: Q(expires_on__lte=today, effective_on__lte=today) & not_replaced,
        Validity.IN_FORCE: Q(effective_on__lte=today)
        & (Q(expires_on__isnull=True) | Q(expires_on__gt=today))
        & not_replaced,
    }[Validity(validity)]


@dataclass(frozen=True)
class ListFilters:
    """What the list of documents is filtered by; empty values filter nothing."""

    query: str = ""
    kind_id: int | None = None
    issuer: str = ""
    field: str = ""
    year: int | None = None
    validity: str = ""


# What a list shows of a document (documents/includes/document_item.html) and
# what its validity is read from: the rest of the row is left in the database.
LISTED_FIELDS = (
    "site",
    "number",
    "kind",
    "issuer",
    "issued_on",
    "effective_on",
    "expires_on",
    "summary",
)


def document_list(filters: ListFilters, *, now: dt.datetime, today: dt.date) -> QuerySet:
    """Return the public documents the filters select, as the list shows them.

    Without a query, newest issue date first; with one, documents whose
    number it names first (exact number before numbers it starts), then
    those holding its words, newest first.
    """
    # The view sets the kinds (with_kinds): a join and a model per row cost more.
    documents = public_documents(now).only(*LISTED_FIELDS)
    if filters.kind_id:
        documents = documents.filter(kind_id=filters.kind_id)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    if filters.field:
        documents = documents.filter(field=filters.field)
    if filters.year:
        documents = documents.filter(
            issued_on__gte=dt.date(filters.year, 1, 1),
            issued_on__lt=dt.date(filters.year + 1, 1, 1),
        )
    if filters.validity:
        documents = with_validity(documents, now=now, today=today).filter(
            validity_filter(filters.validity, today=today)
        )
    if filters.query:
        return search(documents, filters.query, kind_id=filters.kind_id)
    return documents.newest_first()


def newest_documents(offset: int, limit: int, *, now: dt.datetime) -> list[Document]:
    """Return limit public documents of the portal from offset on, newest first, with kinds.

    The list without filters, as document_list() orders it, by a query
    compiled once per page (the first ones are read most).
    """
    if limit <= 0:
        return []
    return with_kinds(_newest_page(offset, limit).run(now=now, site_id=current_site_id()))


@functools.lru_cache(maxsize=64)
def _newest_page(offset: int, limit: int) -> PreparedQuery:
    return PreparedQuery(
        lambda *, now, site_id: (
            public_documents(now, site_id=site_id)
            .only(*LISTED_FIELDS)
            .newest_first()[offset : offset + limit]
        ),
        now=dt.datetime,
        site_id=int,
    )


def number_condition(parsed: NumberQuery, *, kind_id: int | None = None) -> tuple[Q, Q]:
    """Return the conditions of an exact and of any match of a number query."""
    if parsed.key:
        exact = Q(number_key=parsed.key)
        matched = exact | Q(number_key__startswith=parsed.key)
    else:
        exact = Q(number_head=parsed.head)
        if parsed.symbol:
            exact &= Q(symbol_key=parsed.symbol)
        matched = Q(number_head=parsed.head)
        if parsed.symbol:
            matched &= Q(symbol_key=parsed.symbol) | Q(symbol_key__startswith=f"{parsed.symbol}-")
    if parsed.rest and not kind_id:
        # "Kế hoạch 50": the words left name a kind.
        kinds = [kind.pk for kind in all_kinds() if fold(kind.name) == parsed.rest]
        exact &= Q(kind_id__in=kinds)
        matched &= Q(kind_id__in=kinds)
    return exact, matched


def text_condition(terms: list[str]) -> Q | None:
    """Return the condition that a document's search text holds every term (None for none)."""
    if not terms:
        return None
    if connection.vendor == "postgresql":
        return Q(document_matches(" ".join(terms)))
    condition = Q()
    for term in terms:
        condition &= Q(GreaterThan(StrIndex("search_text", Value(f" {term} ")), 0))
    return condition


def search(documents: QuerySet, query: str, *, kind_id: int | None = None) -> QuerySet:
    """Return the documents of a query: those its number names, else those holding its words.

    A number query ("50/KH-UBND", "kh-ubnd 50", "50") lists the documents
    with that number, the exact number before the numbers it starts; only
    when none has it are the words searched. Numbers are looked up in their
    own indexes, so a number answers as fast among 50,000 documents as among
    fifty.
    """
    parsed = parse_number_query(query, kind_names())
    if parsed is not None:
        exact, matched = number_condition(parsed, kind_id=kind_id)
        numbered = documents.filter(matched)
        if numbered.exists():
            rank = Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
            return numbered.annotate(rank=rank).order_by("rank", "-issued_on", "-id")
    text = text_condition(query_terms(query))
    if text is None:
        return documents.none()
    return documents.filter(text).newest_first()


def is_number_query(query: str) -> bool:
    """Return True if a query asks for a document by its number."""
    return parse_number_query(query, kind_names()) is not None


def search_preview(query: str, *, limit: int, now: dt.datetime | None = None) -> list[Document]:
    """Return the first public documents of a query, for the site search's group."""
    now = now or timezone.now()
    terms = query_terms(query)
    if connection.vendor == "postgresql" and terms and not is_number_query(query):
        words = " ".join(terms)
        found = with_kinds(
            _preview_holding(limit).run(now=now, site_id=current_site_id(), words=words)
        )
    else:
        documents = public_documents(now).select_related("kind").defer("search_text")
        found = list(search(documents, query)[:limit])
    return label_validity(found, now=now)


@functools.lru_cache(maxsize=16)
def _replacing_pairs(size: int) -> PreparedQuery:
    """Prepare the query of (replaced, replacing) ids among size documents' relations."""
    return PreparedQuery(
        lambda **ids: DocumentRelation.objects.filter(
            target_id__in=list(ids.values()), kind=DocumentRelation.Kind.REPLACES
        ).values_list("target_id", "source_id"),
        **id_kinds(size),
    )


@functools.lru_cache(maxsize=8)
def _preview_holding(limit: int) -> PreparedQuery:
    """Prepare search()'s query of the newest documents holding words, on PostgreSQL.

    Every first page of a site search asks it: building it with the ORM cost
    more than the database takes to answer.
    """
    return PreparedQuery(
        lambda *, now, site_id, words: (
            public_documents(now, site_id=site_id)
            .only(*LISTED_FIELDS)
            .filter(document_matches(words))
            .newest_first()[:limit]
        ),
        now=dt.datetime,
        site_id=int,
        words=str,
    )


def label_validity(documents: list[Document], *, now: dt.datetime) -> list[Document]:
    """Set each document's `replaced` and validity_state for the (Vietnam) day of now.

    Whether a public document in force replaces one of them is read for them
    all at once, from the relations first: as a condition of each row,
    PostgreSQL joined the whole table of documents to the relations.
    """
    today = timezone.localdate(now)
    pairs = []
    if documents:
        # One compiled query per ten documents: a shorter list repeats its last id.
        ids = [document.pk for document in documents]
        size = -(-len(ids) // 10) * 10
        pairs = _replacing_pairs(size).rows(**id_values(ids, size))
    replaced = set()
    if pairs:
        # Few documents are replaced: their replacing ones are read only then.
        in_force = set(
            public_documents(now)
            .filter(pk__in={source for _target, source in pairs}, effective_on__lte=today)
            .values_list("pk", flat=True)
        )
        replaced = {target for target, source in pairs if source in in_force}
    for document in documents:
        document.replaced = document.pk in replaced
        document.validity_state = document.validity(today, replaced=document.replaced)
    return documents


# The document page's own queries, compiled once (core.prepared): for a page
# of three short queries, building them costs more than running them.
PUBLIC_DOCUMENT = PreparedQuery(
    lambda *, now, site_id, pk: (
        Document.objects.published(now)
        .defer("search_text")
        .filter(site_id=site_id, pk=pk)
        .order_by()
    ),
    now=dt.datetime,
    site_id=int,
    pk=int,
)
DOCUMENT_FILES = PreparedQuery(
    # The extracted text is for search; a page of files needs none of it.
    lambda *, pk: DocumentFile.objects.filter(document_id=pk).defer("text").order_by("order", "id"),
    pk=int,
)
DOCUMENT_RELATIONS = PreparedQuery(
    lambda *, pk: DocumentRelation.objects.filter(Q(source_id=pk) | Q(target_id=pk)).order_by(
        "kind", "id"
    ),
    pk=int,
)


def with_kinds(documents: list[Document]) -> list[Document]:
    """Set each document's kind from the kept list of kinds: no join."""
    kinds = {kind.pk: kind for kind in all_kinds()}
    for document in documents:
        if document.kind_id in kinds:
            document.kind = kinds[document.kind_id]
    return documents


def public_document(pk: int, *, now: dt.datetime) -> Document | None:
    """Return the public document pk with its kind, or None."""
    found = with_kinds(PUBLIC_DOCUMENT.run(now=now, site_id=current_site_id(), pk=pk))
    return found[0] if found else None


def document_files(document: Document) -> list[DocumentFile]:
    """Return a document's files in order, without their extracted text."""
    return DOCUMENT_FILES.run(pk=document.pk)


def any_document(pk: int) -> Document | None:
    """Return the portal's document pk whatever its status (staff previews), or None."""
    documents = Document.objects.filter(site_id=current_site_id(), pk=pk)
    return documents.select_related("kind").defer("search_text").first()


@dataclass
class Related:
    """A document's relations as its page lists them: a label and public documents."""

    label: str
    documents: list[Document] = field(default_factory=list)


def relations(document: Document, *, now: dt.datetime) -> list[Related]:
    """Return the public documents related to one, grouped under what each relation says.

    Its own relations read "Thay thế", "Sửa đổi, bổ sung", "Hướng dẫn"; those
    of other documents to it read the reverse ("Bị thay thế bởi", ...). A
    document has few relations: they are read whole and the unpublished
    documents left out here.
    """
    rows = DOCUMENT_RELATIONS.run(pk=document.pk)
    if not rows:
        return []
    others = {
        other.pk: other
        for other in with_kinds(
            list(
                Document.objects.filter(
                    site_id=document.site_id,
                    pk__in={row.source_id for row in rows} | {row.target_id for row in rows},
                ).defer("search_text")
            )
        )
    }
    groups: dict[str, Related] = {}
    for row in rows:
        if row.source_id == document.pk:
            label, other = row.get_kind_display(), others.get(row.target_id)
        else:
            label, other = DocumentRelation.REVERSE_LABELS[row.kind], others.get(row.source_id)
        # The admin relates a portal's own documents only; a relation made
        # otherwise (a shell, a script) to another portal's is not shown here.
        if other is not None and other.is_public(now):
            groups.setdefault(str(label), Related(str(label))).documents.append(other)
    return list(groups.values())


def replacing_documents(related: list[Related], *, now: dt.datetime) -> list[Document]:
    """Return, of a document's relations, the public documents in force that replace it."""
    today = timezone.localdate(now)
    label = str(DocumentRelation.REVERSE_LABELS[DocumentRelation.Kind.REPLACES])
    return [
        other
        for group in related
        if group.label == label
        for other in group.documents
        if other.effective_on <= today
    ]


def citing_articles(document: Document, *, now: dt.datetime | None = None) -> list[Article]:
    """Return the public articles whose text names the document's number, newest first.

    Found through the articles' search index (the number's words; on SQLite
    in a row), then read: only an article that writes this very number counts.
    """
    now = now or timezone.now()

    def compute() -> list[Article]:
        terms = query_terms(document.number)
        if not terms:
            return []
        articles = Article.objects.published(now).of_portal(document.site_id)
        if connection.vendor == "postgresql":
            # The stored vector keeps no positions: every word, then the text is read.
            articles = articles.filter(document_matches(" ".join(terms)))
        else:
            articles = articles.filter(
                GreaterThan(StrIndex("search_text", Value(f" {' '.join(terms)} ")), 0)
            )
        candidates = articles.only("title", "slug", "lead", "body", "published_at").order_by(
            "-published_at", "-id"
        )[: CITING_LIMIT * 5]
        found = [
            article
            for article in candidates
            if document.number_key in numbers_in(f"{article.lead} {plain_text(article.body)}")
        ]
        for article in found:
            # Lists show title, link and date: the body need not be kept.
            article.body = ""
        return found[:CITING_LIMIT]

    return CITING_ARTICLES.get(compute, document.pk)


def numbers_in(text: str) -> set[str]:
    """Return the keys of every document number written in a text."""
    return {number_key(match.group(0)) for match in NUMBER.finditer(text)}


def documents_by_number(keys: set[str], *, now: dt.datetime) -> dict[str, list[Document]]:
    """Return the public documents having each of these number keys."""
    if not keys:
        return {}
    found: dict[str, list[Document]] = {}
    rows = (
        public_documents(now)
        .filter(number_key__in=keys)
        .select_related("kind")
        .only("number", "number_key", "issuer", "summary", "kind__name")
        .order_by("-issued_on", "-id")
    )
    for document in rows:
        found.setdefault(document.number_key, []).append(document)
    return found


def latest_documents(*, limit: int, now: dt.datetime | None = None) -> list[Document]:
    """Return the most recently published public documents (the feed)."""
    return list(
        public_documents(now)
        .select_related("kind")
        .defer("search_text")
        .order_by("-published_at", "-id")[:limit]
    )


def next_change(now: dt.datetime, site_id: int) -> dt.datetime | None:
    """Return when the portal's documents' pages next change by themselves, in one query.

    At a scheduled publication, or at the next Vietnam midnight when a public
    document becomes or stops being in force then (its validity is computed
    from the day, never stored).
    """
    today = timezone.localdate(now)
    scheduled = (
        Document.objects.filter(
            site_id=site_id, status=Document.Status.PUBLISHED, published_at__gt=now
        )
        .order_by("published_at")
        .values("published_at")[:1]
    )
    changing = public_documents(now, site_id=site_id).filter(
        Q(effective_on__gt=today) | Q(expires_on__gt=today)
    )
    # Any row carries both answers; without documents nothing changes.
    row = (
        Document.objects.annotate(scheduled=Subquery(scheduled), changing=Exists(changing))
        .values("scheduled", "changing")
        .order_by()
        .first()
    )
    if row is None:
        return None
    moments = [row["scheduled"]] if row["scheduled"] else []
    if row["changing"]:
        tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
        moments.append(timezone.make_aware(tomorrow))
    return min(moments, default=None)
