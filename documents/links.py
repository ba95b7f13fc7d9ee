"""Link the document numbers an article's text names to the documents' pages.

Done on the rendered (sanitised) HTML when the page is shown, not on save:
a document published after the article is linked as soon as it is public,
and one taken down is unlinked, without anyone saving the article again.
Only text between tags changes: never an attribute, never text already
inside a link.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from django.utils import timezone

from documents import selectors
from documents.numbers import NUMBER, number_key

# A start or end tag with its attributes, quoted values included (news.search.document).
_TAG = re.compile(r"""</?[a-zA-Z][a-zA-Z0-9]*(?![a-zA-Z0-9])(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_LINK_START = re.compile(r"<a(?![a-zA-Z0-9])", re.IGNORECASE)
_LINK_END = re.compile(r"</a\s*>", re.IGNORECASE)
# Where a document's search page lists the several documents one number names.
SEARCH_PARAMETER = "q"


def _number_pattern(kind_names: list[str]) -> re.Pattern:
    """Return the pattern of a number, with its kind's name before it ("Kế hoạch số 50/KH-UBND")."""
    names = "|".join(re.escape(name) for name in sorted(kind_names, key=len, reverse=True))
    kind = rf"(?:(?:{names})\s+(?:số\s+)?)?" if names else ""
    return re.compile(rf"(?<![\w/]){kind}(?P<number>{NUMBER.pattern})(?![\w/])", re.IGNORECASE)


def _segments(html: str):
    """Yield (text, linkable) pieces of html: tags and text inside links are not linkable."""
    depth = 0
    position = 0
    for tag in _TAG.finditer(html):
        if tag.start() > position:
            yield html[position : tag.start()], depth == 0
        markup = tag.group(0)
        if _LINK_START.match(markup):
            depth += 1
        elif _LINK_END.match(markup):
            depth = max(0, depth - 1)
        yield markup, False
        position = tag.end()
    if position < len(html):
        yield html[position:], depth == 0


def link_documents(html: str, *, list_url: str, now: dt.datetime | None = None) -> str:
    """Return html with every public document's number in its text linked to the document.

    A number that several issuers' public documents share links to the
    list's search for it. A number of no public document stays text.
    """
    if not NUMBER.search(html):
        return html
    now = now or timezone.now()
    pattern = _number_pattern(selectors.kind_names())
    pieces = list(_segments(html))
    keys = {
        number_key(match.group("number"))
        for text, linkable in pieces
        if linkable
        for match in pattern.finditer(text)
    }
    found = selectors.documents_by_number(keys, now=now)
    if not found:
        return html

    def replace(match: re.Match) -> str:
        documents = found.get(number_key(match.group("number")))
        if not documents:
            return match.group(0)
        if len(documents) == 1:
            document = documents[0]
            title = f"{document.kind.name} số {document.number} của {document.issuer}"
            href = document.get_absolute_url()
        else:
            title = f"{len(documents)} văn bản số {documents[0].number}"
            href = f"{list_url}?{SEARCH_PARAMETER}={escape(documents[0].number)}"
        return (
            f'<a class="document-link" href="{escape(href)}" title="{escape(title)}">'
            f"{match.group(0)}</a>"
        )

    return "".join(pattern.sub(replace, text) if linkable else text for text, linkable in pieces)
