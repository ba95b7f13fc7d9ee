"""Search results as shown: snippets cut around the first match, matched words marked."""

from __future__ import annotations

import functools
import itertools
import re
import string
import unicodedata
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from news.cache_policy import READABLE_TEXT
from news.search.document import WORD as _WORD
from news.search.document import fold, plain_text

SNIPPET_WORDS = 40


# Marks that NFC could not fold into a letter, allowed after any letter of a term.
_MARKS = "[\u0300-\u036f]*"
# Up to a number of words from a position, in one match: a match object per
# word cost more than the rest of a snippet.
_NOT_WORD = r"[\W_]*"


@functools.lru_cache(maxsize=128)
def _words_ahead(count: int) -> re.Pattern:
    """Return a pattern of 1 to count words and what separates them, from where it is matched."""
    return re.compile(rf"(?:{_NOT_WORD}[^\W_]+){{1,{count}}}")


@functools.cache
def _shadow_table() -> dict[int, str]:
    """Return the letters a text's shadow replaces: each by the letter a to z it folds to."""
    table = {}
    # Latin-1, Latin Extended-A and B, and Latin Extended Additional (Vietnamese).
    for code in itertools.chain(range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        folded = fold(chr(code))
        if len(folded) == 1 and folded in string.ascii_lowercase:
            table[code] = folded
    return table


def shadow(text: str) -> str:
    """Return text with every Latin letter folded to a to z, one character for one.

    A word found in the shadow is at the same place in the text: terms are
    looked for in the shadow, and shown from the text, as written.
    """
    return text.translate(_shadow_table())


def _either_case(char: str) -> str:
    """Return a pattern of a character other than a to z in any case."""
    escaped = re.escape(char)
    return f"(?i:{escaped})" if char.lower() != char.upper() else escaped


@functools.lru_cache(maxsize=1024)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """Return a pattern of any of the folded terms as a whole word of a text's shadow."""
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        letters = [char if char in string.ascii_lowercase else _either_case(char) for char in term]
        # The first letter before the look back at the character before it: a
        # pattern that starts with a look back tries it at every position.
        rest = "".join(_MARKS + letter for letter in letters[1:])
        alternatives.append(letters[0] + r"(?<![^\W_].)" + rest + _MARKS)
    return re.compile(rf"(?:{'|'.join(alternatives)})(?![^\W_])")


@dataclass(frozen=True)
class Readable:
    """A text as a snippet is cut from it (NFC), and its shadow()."""

    text: str
    shadow: str

    @classmethod
    def of(cls, text: str) -> Readable:
        text = unicodedata.normalize("NFC", text)
        return cls(text, shadow(text))


def _marked(readable: Readable, terms: list[str], start: int = 0, stop: int | None = None) -> str:
    """Return text[start:stop] escaped, with the words that match a term wrapped in <mark>."""
    text = readable.text
    stop = len(text) if stop is None else stop
    if not terms:
        return escape(text[start:stop])
    pieces, last = [], start
    for match in _terms_pattern(tuple(terms)).finditer(readable.shadow, start, stop):
        at, end = match.span()
        pieces += [escape(text[last:at]), "<mark>", escape(text[at:end]), "</mark>"]
        last = end
    pieces.append(escape(text[last:stop]))
    return "".join(pieces)


def marked(readable: Readable, terms: list[str]) -> SafeString:
    """Return a readable text escaped, with the words that match a term wrapped in <mark>."""
    return mark_safe(_marked(readable, terms))  # noqa: S308


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return text escaped, with the words that match a term wrapped in <mark>."""
    return marked(Readable.of(text or ""), terms)


def _start_of_words_before(text: str, end: int, count: int) -> int | None:
    """Return where the first of up to count whole words before end starts; None if none.

    Words are looked for in the 20 × count characters before end; a word cut
    at the start of those is left out.
    """
    if not count:
        return None
    start = max(0, end - 20 * count)
    if start > 0 and (cut := _WORD.match(text, start)):
        start = cut.end()
    # The words are taken from end backwards, in the reversed characters.
    found = _words_ahead(count).match(text[start:end][::-1])
    return end - found.end() if found else None


def readable_text(*, lead: str, body: str) -> Readable:
    """Return the lead and the plain text of the HTML body: what a snippet is cut from."""
    return Readable.of(f"{lead} {plain_text(body)}".strip())


@dataclass(frozen=True)
class ArticleText:
    """What a search result shows of an article: its title, and the text its snippet is cut from."""

    title: Readable
    text: Readable


def article_text(article) -> ArticleText:
    """Return an article's title and readable_text(), kept by this process per content version.

    Popular articles come up in many searches; reading their HTML and
    folding their letters are most of a snippet's cost.
    """
    return READABLE_TEXT.get(
        lambda: ArticleText(
            Readable.of(article.title), readable_text(lead=article.lead, body=article.body)
        ),
        article.pk,
    )


def snippet(*, lead: str, body: str, terms: list[str], size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of the lead and body around the first match, highlighted."""
    return excerpt(readable_text(lead=lead, body=body), terms, size=size)


def excerpt(readable: Readable, terms: list[str], *, size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of a readable text around the first match, highlighted."""
    if size < 1:
        return mark_safe("")
    text = readable.text
    first = _terms_pattern(tuple(terms)).search(readable.shadow) if terms else None
    at = first.start() if first else 0
    before = _start_of_words_before(text, at, size // 4)
    start = at if before is None else before
    shown = _words_ahead(size).match(text, start)
    stop = shown.end() if shown else start
    if not shown or not _WORD.search(text, stop):
        # Near the end, perhaps fewer than size words: more words before the match instead.
        count = len(_WORD.findall(text, start, stop))
        more = _start_of_words_before(text, start, size - count) if count < size else None
        start = start if more is None else more
    if shown is None:
        # No words after the start: the text has none at all.
        return mark_safe("")
    # The first word itself, not what separates it from the words before.
    start = _WORD.search(text, start, stop).start()
    prefix = "… " if _WORD.search(text, 0, start) else ""
    suffix = " …" if _WORD.search(text, stop) else ""
    return mark_safe(prefix + _marked(readable, terms, start, stop) + suffix)  # noqa: S308
