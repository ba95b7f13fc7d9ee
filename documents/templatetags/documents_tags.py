"""Documents on other apps' pages: numbers linked in an article's text; JSON-LD of a document."""

import json

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString

from documents.cache_policy import DOCUMENT_FIELDS, DOCUMENT_ITEM, FILTER_FIELDS, LINKED_BODY
from documents.links import link_documents
from news.sanitize import public_html
from news.seo import local_iso

register = template.Library()


def _linked(article, field: str, html) -> SafeString:
    return LINKED_BODY.get(
        lambda: SafeString(link_documents(html(), list_url=reverse("documents:list"))),
        field,
        article.pk,
        article.updated_at.timestamp() if article.updated_at else 0,
    )


@register.simple_tag
def linked_body(article):
    """Render an article's body with the numbers of public documents linked to them.

    Kept per content version and edit of the article: a document published,
    changed or taken down later changes the version, and the links follow.
    """
    return _linked(article, "body", lambda: public_html(article.body or ""))


@register.simple_tag
def linked_lead(article):
    """Render an article's lead (plain text, escaped) with document numbers linked."""
    return _linked(article, "lead", lambda: escape(article.lead or ""))


@register.simple_tag
def document_fields(document, validity, replacing):
    """Render a document's fields, kept per content version, validity and replacing documents."""
    return DOCUMENT_FIELDS.get(
        lambda: render_to_string(
            "documents/includes/document_fields.html",
            {"document": document, "validity": validity, "replacing": replacing},
        ),
        document.pk,
        validity,
        *(other.pk for other in replacing),
    )


@register.simple_tag
def document_items(documents):
    """Render documents as the items of a list, each kept per content version and validity.

    Rendering twenty items from their template costs more than the page's queries.
    """
    return SafeString(
        "".join(
            DOCUMENT_ITEM.get(
                lambda document=document: render_to_string(
                    "documents/includes/document_item.html", {"document": document}
                ),
                document.pk,
                document.validity_state,
            )
            for document in documents
        )
    )


@register.simple_tag
def filter_fields(form):
    """Render the list's select boxes with the chosen values, kept per content version."""

    def render():
        return render_to_string(
            "documents/includes/filter_fields.html",
            {"fields": [form[name] for name in FILTER_NAMES]},
        )

    if not form.is_valid():
        # Values no public document has: not kept, a key per invented value would be.
        return render()
    chosen = tuple(str(form.cleaned_data.get(name) or "") for name in FILTER_NAMES)
    return FILTER_FIELDS.get(render, *chosen)


FILTER_NAMES = ("loai", "co_quan", "linh_vuc", "nam", "hieu_luc")

LEGAL_FORCE = {
    "con-hieu-luc": "https://schema.org/InForce",
    "chua-hieu-luc": "https://schema.org/NotInForce",
    "het-hieu-luc": "https://schema.org/NotInForce",
    "bi-thay-the": "https://schema.org/NotInForce",
}


@register.simple_tag(takes_context=True)
def document_structured_data(context, document, validity, files):
    """Render the schema.org Legislation of a document as JSON-LD."""
    request = context["request"]
    url = request.build_absolute_uri(document.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": f"{document.kind.name} số {document.number}",
        "legislationIdentifier": document.number,
        "legislationType": document.kind.name,
        "legislationDate": document.issued_on.isoformat(),
        "legislationDateOfApplicability": document.effective_on.isoformat(),
        "legislationLegalForce": {"@id": LEGAL_FORCE[validity]},
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": document.issuer},
        "abstract": document.summary,
        "inLanguage": "vi",
        "datePublished": local_iso(document.published_at),
        "dateModified": local_iso(document.updated_at),
    }
    if document.expires_on:
        data["expires"] = document.expires_on.isoformat()
    if document.signer:
        data["legislationResponsible"] = {
            "@type": "Person",
            "name": document.signer,
            **({"jobTitle": document.signer_title} if document.signer_title else {}),
        }
    if document.field:
        data["about"] = document.field
    if files:
        data["encoding"] = [
            {
                "@type": "LegislationObject",
                "encodingFormat": stored.content_type,
                "contentUrl": request.build_absolute_uri(stored.get_absolute_url()),
                "contentSize": str(stored.size),
                "name": stored.display_name,
            }
            for stored in files
        ]
    text = json.dumps(data, ensure_ascii=False)
    # Inside <script>: "</" would end it, "<!--" open a comment.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return SafeString(f'<script type="application/ld+json">{text}</script>')
