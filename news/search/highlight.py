"""Search results as shown: snippets cut around the first match, matched words marked."""

from __future__ import annotations

import functools
import itertools
import re
import string
import unicodedata
from html import escape

from django.utils.safestring import SafeString, mark_safe

from news.cache_policy import READABLE_TEXT
from news.search.document import WORD as _WORD
from news.search.document import fold, plain_text

SNIPPET_WORDS = 40


# Marks that NFC could not fold into a letter, allowed after any letter of a term.
_MARKS = "[\u0300-\u036f]*"


@functools.cache
def _letter_classes() -> dict[str, str]:
    """Return, for each letter a to z, a character class of every letter that folds to it."""
    variants = {letter: [letter, letter.upper()] for letter in string.ascii_lowercase}
    # Latin-1, Latin Extended-A and B, and Latin Extended Additional (Vietnamese).
    for code in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        folded = fold(chr(code))
        if folded in variants:
            variants[folded].append(chr(code))
    return {letter: "[" + "".join(chars) + "]" for letter, chars in variants.items()}


def _either_case(char: str) -> str:
    """Return a pattern of a character other than a to z in any case."""
    escaped = re.escape(char)
    return f"(?i:{escaped})" if char.lower() != char.upper() else escaped


@functools.lru_cache(maxsize=1024)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """Return a pattern of any of the folded terms as a whole word of text as written.

    Text keeps its diacritics and case: folding every word of twenty snippets
    to compare it costs more than the rest of the page, a pattern finds the
    words at once.
    """
    classes = _letter_classes()
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        letters = [classes.get(char) or _either_case(char) for char in term]
        # The first letter before the look back at the character before it: a
        # pattern that starts with a look back tries it at every position.
        rest = "".join(_MARKS + letter for letter in letters[1:])
        alternatives.append(letters[0] + r"(?<![^\W_].)" + rest + _MARKS)
    # The classes hold both cases: IGNORECASE would fold every character tried.
    return re.compile(rf"(?:{'|'.join(alternatives)})(?![^\W_])")


def _marked(text: str, terms: list[str]) -> str:
    if not terms:
        return escape(text)
    pieces, last = [], 0
    for match in _terms_pattern(tuple(terms)).finditer(text):
        pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return text escaped, with the words that match a term wrapped in <mark>."""
    return mark_safe(_marked(unicodedata.normalize("NFC", text or ""), terms))  # noqa: S308


def _words_before(text: str, end: int, count: int) -> list[re.Match]:
    """Return up to count whole words of text that end at or before end, in order."""
    # Words are rarely longer than twenty characters; a word cut at the start is dropped.
    start = max(0, end - 20 * count)
    found = list(_WORD.finditer(text, start, end))
    if found and start > 0 and found[0].start() == start:
        found = found[1:]
    return found[-count:] if count else []


def readable_text(*, lead: str, body: str) -> str:
    """Return the lead and the plain text of the HTML body, NFC: what a snippet is cut from."""
    return unicodedata.normalize("NFC", f"{lead} {plain_text(body)}".strip())


def article_text(article) -> str:
    """Return readable_text() of an article, kept by this process per content version.

    Popular articles come up in many searches; reading their HTML is most of
    a snippet's cost.
    """
    return READABLE_TEXT.get(
        lambda: readable_text(lead=article.lead, body=article.body), article.pk
    )


def snippet(*, lead: str, body: str, terms: list[str], size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of the lead and body around the first match, highlighted."""
    return excerpt(readable_text(lead=lead, body=body), terms, size=size)


def excerpt(text: str, terms: list[str], *, size: int = SNIPPET_WORDS) -> SafeString:
    """Return about size words of readable_text() around the first match, highlighted."""
    first = _terms_pattern(tuple(terms)).search(text) if terms else None
    at = first.start() if first else 0
    before = _words_before(text, at, size // 4)
    start = before[0].start() if before else at
    shown = list(itertools.islice(_WORD.finditer(text, start), size))
    if len(shown) < size:
        # Near the end: more words before the match instead.
        more = _words_before(text, start, size - len(shown))
        shown = more + shown
    if not shown:
        return mark_safe("")
    start, stop = shown[0].start(), shown[-1].end()
    excerpt = text[start:stop]
    prefix = "… " if _WORD.search(text, 0, start) else ""
    suffix = " …" if _WORD.search(text, stop) else ""
    return mark_safe(prefix + _marked(excerpt, terms) + suffix)  # noqa: S308
