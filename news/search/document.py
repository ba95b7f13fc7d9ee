"""The text search reads: folding, the words of a text, and an article's stored document.

Article.save() writes ``Article.search_text`` with :func:`search_document`;
migrations and bulk inserts do too. This module imports nothing from news, so
that the models can use it without an import circle.
"""

import re
import unicodedata
from html import unescape

# NFD decomposition leaves đ/Đ alone: they are letters of their own, not d
# with a combining mark.
_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")

MAX_QUERY_LENGTH = 200
# Longer "words" are data (hashes, codes), not something anyone types; both
# databases drop them alike.
MAX_WORD_LENGTH = 60

WORD = re.compile(r"[^\W_]+")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "br",
        "hr",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "pre",
    ]
)


# A start or end tag with its attributes, quoted values included: sanitised
# HTML (news.sanitize) escapes < and > in text but not > in attribute values.
_ATTRIBUTES = r"""(?![a-zA-Z0-9])(?:[^>"']++|"[^"]*+"|'[^']*+')*+>"""
_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_BLOCK_TAGS))}){_ATTRIBUTES}", re.IGNORECASE)
_TAG = re.compile(rf"</?[a-zA-Z][a-zA-Z0-9]*{_ATTRIBUTES}")


def fold(text: str) -> str:
    """Return text lower-cased, without diacritics and with đ turned into d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def plain_text(html: str) -> str:
    """Return the text of sanitised HTML, blocks separated by spaces, entities decoded."""
    # Sanitised HTML is well formed: patterns read it ten times faster than a parser.
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", html or ""))
    return " ".join(unescape(text).split())


def words(text: str) -> list[str]:
    """Return the folded words of text, in order: what search matches on."""
    return [word for word in WORD.findall(fold(text or "")) if len(word) <= MAX_WORD_LENGTH]


def search_document(
    *, title: str, lead: str = "", body: str = "", byline: str = "", source: str = ""
) -> str:
    """Return the value of Article.search_text for an article's texts (body in HTML).

    Article.save() uses it, and so must any bulk insert of articles
    (article_document() reads the fields of an article).
    """
    # Byline and source come last, on one line: ranking weighs the first two
    # lines (title, lead), and neither the stored head of PostgreSQL nor the
    # positions SQLite reads change.
    texts = (title, lead, plain_text(body), f"{byline} {source}")
    return " " + " \n ".join(" ".join(words(text)) for text in texts) + " "


# The fields of an article that search reads, search_document()'s arguments.
SEARCHED_FIELDS = ("title", "lead", "body", "byline", "source")


def article_document(article) -> str:
    """Return search_document() of an article (or a historical model's row)."""
    return search_document(**{name: getattr(article, name) for name in SEARCHED_FIELDS})


def refill_search_text(article_model, *, batch_size: int = 500, document=article_document) -> int:
    """Rewrite the search text of every row of article_model; return how many rows."""
    batch, count = [], 0
    rows = article_model._default_manager.only(*SEARCHED_FIELDS).order_by("pk")
    for article in rows.iterator(chunk_size=batch_size):
        article.search_text = document(article)
        batch.append(article)
        if len(batch) == batch_size:
            article_model._default_manager.bulk_update(batch, ["search_text"])
            count += len(batch)
            batch = []
    article_model._default_manager.bulk_update(batch, ["search_text"])
    return count + len(batch)


def query_terms(query: str) -> list[str]:
    """Return the distinct folded words of a query, in the order typed."""
    return list(dict.fromkeys(words(query)))
