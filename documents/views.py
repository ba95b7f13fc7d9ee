"""Public pages of documents: the list with its filters, the document, its print view, files."""

from __future__ import annotations

import functools

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from core.forms import changed_field, shared_form
from documents import selectors
from documents.cache_policy import DOWNLOAD, LIST_COUNT
from documents.models import Document, DocumentFile, Validity
from news.pagination import DeferredListing
from news.search.document import MAX_QUERY_LENGTH
from news.views import PrivatePreviewMixin, is_staff_request, send_stored_file

PAGE_SIZE = 20


class DocumentFilterForm(forms.Form):
    """The list's filters and keyword box; a value no public document has filters nothing."""

    q = forms.CharField(
        label="Số ký hiệu hoặc từ khóa", required=False, max_length=MAX_QUERY_LENGTH, strip=True
    )
    loai = forms.TypedChoiceField(
        label="Loại văn bản", required=False, coerce=int, empty_value=None
    )
    co_quan = forms.ChoiceField(label="Cơ quan ban hành", required=False)
    linh_vuc = forms.ChoiceField(label="Lĩnh vực", required=False)
    nam = forms.TypedChoiceField(label="Năm ban hành", required=False, coerce=int, empty_value=None)
    hieu_luc = forms.ChoiceField(label="Hiệu lực", required=False)

    def __init__(self, data):
        super().__init__(data, label_suffix="")

    @staticmethod
    def offering(*, choices: selectors.FilterChoices, kinds) -> type[DocumentFilterForm]:
        """Return the form whose filters offer these values, made once per set of them.

        Fields normalise the choices they are given: done for every list
        page, that cost two thirds of a millisecond.
        """
        return _filter_form(
            tuple((kind.pk, kind.name) for kind in kinds),
            tuple(choices.issuers),
            tuple(choices.fields),
            tuple(choices.years),
        )

    def filters(self) -> selectors.ListFilters:
        data = self.cleaned_data
        return selectors.ListFilters(
            query=data.get("q") or "",
            kind_id=data.get("loai"),
            issuer=data.get("co_quan") or "",
            field=data.get("linh_vuc") or "",
            year=data.get("nam"),
            validity=data.get("hieu_luc") or "",
        )


@functools.lru_cache(maxsize=32)
def _filter_form(kinds: tuple, issuers: tuple, fields: tuple, years: tuple) -> type:
    offered = {
        "loai": kinds,
        "co_quan": ((issuer, issuer) for issuer in issuers),
        "linh_vuc": ((field, field) for field in fields),
        "nam": ((year, year) for year in years),
        "hieu_luc": Validity.choices,
    }
    fields = DocumentFilterForm.base_fields
    return shared_form(
        DocumentFilterForm,
        **{
            name: changed_field(fields[name], choices=[("", "Tất cả"), *values])
            for name, values in offered.items()
        },
    )


class KeptCountPaginator(Paginator):
    """A paginator whose count is kept per content version under a key (lists without a query).

    Counting 50,000 public documents costs more than the page of twenty.
    """

    def __init__(self, *args, count_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return LIST_COUNT.get(lambda: Paginator.count.func(self), self.count_key)


class DocumentListView(ListView):
    """List the public documents, newest first, filtered and searched."""

    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.choices = selectors.filter_choices(self.now)
        form = DocumentFilterForm.offering(choices=self.choices, kinds=selectors.all_kinds())
        self.form = form(request.GET)
        self.valid = self.form.is_valid()
        response = super().get(request, *args, **kwargs)
        if not self.valid:
            response.status_code = 400
        return response

    def get_queryset(self):
        if not self.valid:
            return Document.objects.none()
        filters = self.form.filters()
        listing = functools.partial(
            selectors.document_list, filters, now=self.now, today=self.today
        )
        if filters == selectors.ListFilters():
            # Pages of the whole list come from queries compiled per page.
            rows = functools.partial(selectors.newest_documents, now=self.now)
            return DeferredListing(listing, model=Document, rows=rows)
        return listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        filters = self.form.filters() if self.valid else None
        if filters is None or filters.query:
            return super().get_paginator(queryset, per_page, **kwargs)
        # The day counts: a validity filter's documents change at midnight.
        key = f"{self.today:%Y%m%d}:{filters.kind_id}:{filters.issuer}:{filters.field}:"
        key += f"{filters.year}:{filters.validity}"
        return KeptCountPaginator(queryset, per_page, count_key=key, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        documents = selectors.with_kinds(list(context["documents"]))
        context["documents"] = selectors.label_validity(documents, now=self.now)
        params = self.request.GET.copy()
        params.pop("page", None)
        filters = self.form.filters() if self.valid else selectors.ListFilters()
        context.update(
            form=self.form,
            filtered=any(
                [filters.query, filters.kind_id, filters.issuer, filters.field, filters.year]
            )
            or bool(filters.validity),
            query=filters.query,
            query_suffix=f"&{params.urlencode()}" if params else "",
        )
        return context


class DocumentPageMixin(PrivatePreviewMixin):
    """Show a public document to everyone, and any document to staff as a preview."""

    context_object_name = "document"

    def get_object(self, queryset=None):
        now = timezone.now()
        document = selectors.public_document(self.kwargs["pk"], now=now)
        if document is None and is_staff_request(self.request):
            document = selectors.any_document(self.kwargs["pk"])
        if document is None:
            raise Http404("Không tìm thấy văn bản.")
        self.now = now
        return document

    def get_context_data(self, **kwargs):
        document = self.object
        now = self.now
        related = selectors.relations(document, now=now)
        # Validity from the relations just read: no query of its own.
        replacing = selectors.replacing_documents(related, now=now)
        return super().get_context_data(
            preview=not document.is_public(now),
            validity=document.validity(timezone.localdate(now), replaced=bool(replacing)),
            replacing=replacing,
            files=selectors.document_files(document),
            related=related,
            citing_articles=selectors.citing_articles(document, now=now),
            **kwargs,
        )


class DocumentDetailView(DocumentPageMixin, DetailView):
    template_name = "documents/document_detail.html"


class DocumentPrintView(DocumentPageMixin, DetailView):
    template_name = "documents/document_print.html"


def file_download(request, pk, inline=False):
    """Send a file of a public document (any document for staff), to save or to view."""
    stored = get_object_or_404(
        DocumentFile.objects.select_related("document"), pk=pk, document__site_id=request.site.id
    )
    if inline and stored.kind != "pdf":
        raise Http404
    public = stored.document.is_public()
    return send_stored_file(request, stored, public=public, cache=DOWNLOAD, inline=inline)
