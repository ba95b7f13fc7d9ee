"""Document numbers ("số, ký hiệu"): one spelling stored, every spelling a reader types found.

A number is the issue number, perhaps the year, and the symbol of the kind
and the issuer: "50/KH-UBND", "15/2018/QĐ-UBND", "01/CT-TTg". Readers and old
systems write them with spaces, Unicode dashes or full-width slashes; all
of them mean the same number. Lookups compare the folded key
("50/kh-ubnd", đ = d), so case and diacritics never matter either.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from news.search.document import fold

# Hyphens, dashes and the minus sign a word processor or a PDF puts in a number.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SLASHES = "\u2044\u2215\uff0f"
_TABLE = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SLASHES, "/")})
_AROUND_MARKS = re.compile(r"\s*([/-])\s*")

# The issue number (perhaps with a letter, "12a"), perhaps "/" and a year, then
# "/" and the symbol, which holds a letter (so "16/4" and "16/4/2018", dates, are
# no numbers). Letters are any script's (Đ); a dot or dash joins two parts
# ("QĐ.UBND"); a full stop after the number ends the sentence.
NUMBER = re.compile(
    r"[0-9]{1,6}[a-zA-Z]?(?:/[0-9]{4})?/(?=[\w.-]*[^\W\d_])[^\W_](?:[^\W_]|[.-](?=[^\W_]))*"
)
# A folded number (or the start of one) as readers type it: "50", "50/kh", "50/kh-ubnd".
_FOLDED_NUMBER = re.compile(r"[0-9]{1,6}[a-z]?(?:/[a-z0-9.]+(?:-[a-z0-9.]*)*)*/?")
# A folded symbol without its number: "kh-ubnd", "qd-ubnd", "ct-ttg".
_SYMBOL = re.compile(r"[a-z][a-z0-9.]*(?:-[a-z0-9.]+)+")


def normalise_number(raw: str) -> str:
    """Return the number as stored: Unicode dashes and slashes plain, no spaces around them.

    "50 / KH – UBND" and "５０／KH-UBND" both give "50/KH-UBND"; the case is
    kept as the issuer writes it ("CT-TTg").
    """
    text = unicodedata.normalize("NFKC", raw or "").translate(_TABLE)
    text = _AROUND_MARKS.sub(r"\1", " ".join(text.split()))
    return text.strip()


def is_valid_number(number: str) -> bool:
    """Return True if a normalised number has the shape of one ("50/KH-UBND")."""
    return NUMBER.fullmatch(number) is not None


def number_key(number: str) -> str:
    """Return the folded form lookups compare: "50/KH-UBND" -> "50/kh-ubnd", đ = d."""
    return fold(normalise_number(number)).replace(" ", "")


def number_head(key: str) -> str:
    """Return the issue number of a key without leading zeros: "01/ct-ttg" -> "1"."""
    return key.split("/", 1)[0].lstrip("0") or "0"


def symbol_key(key: str) -> str:
    """Return the symbol of a key, its last part: "15/2018/qd-ubnd" -> "qd-ubnd"."""
    return key.rsplit("/", 1)[-1] if "/" in key else ""


@dataclass(frozen=True)
class NumberQuery:
    """What a search for a number asks: a key or its start, or an issue number and a symbol."""

    key: str = ""  # "50/kh-ubnd" or "50/kh": the number as typed, from its start
    head: str = ""  # "50": the issue number alone
    symbol: str = ""  # "kh-ubnd": the symbol typed apart from the number
    rest: str = ""  # the other words of the query (a kind's name, "số")


def parse_number_query(query: str, kind_names: list[str] = ()) -> NumberQuery | None:
    """Return what a query asks if it is a number, else None.

    "50/KH-UBND" and "50/KH" ask for numbers starting so; "kh-ubnd 50" and
    "UBND 50/KH" ask for issue number 50 with that symbol; "50" asks for the
    issue number, and the words left ("Kế hoạch 50", "kế hoạch số 50") may
    name a kind. A query without a digit is no number.
    """
    folded = fold(normalise_number(query))
    if not any(ch.isdigit() for ch in folded):
        return None
    tokens = folded.split()
    keys = [t for t in tokens if "/" in t and _FOLDED_NUMBER.fullmatch(t)]
    heads = [t for t in tokens if t.isdigit() and len(t) <= 6]
    symbols = [t for t in tokens if _SYMBOL.fullmatch(t)]
    if len(keys) > 1 or (not keys and len(heads) != 1):
        return None
    used = set(keys[:1] or heads[:1])
    symbol = symbols[0] if len(symbols) == 1 and not keys else ""
    if symbol:
        used.add(symbol)
    rest = " ".join(t for t in tokens if t not in used and t != "so")
    if rest and not _names_kind(rest, kind_names):
        # Other words make it a text query that happens to hold a number.
        return None
    if keys:
        return NumberQuery(key=keys[0].rstrip("/"), head=number_head(keys[0]), rest=rest)
    return NumberQuery(head=number_head(heads[0]), symbol=symbol, rest=rest)


def _names_kind(words: str, kind_names: list[str]) -> bool:
    return any(words == fold(name) for name in kind_names)
