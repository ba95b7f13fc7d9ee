"""Vietnamese-aware text helpers: folding for search and slugs."""

import re
import unicodedata

from django.utils.text import slugify

# NFD decomposition leaves đ/Đ alone: they are letters of their own, not d
# with a combining mark.
_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return text lower-cased, without diacritics and with đ turned into d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def vietnamese_slugify(text: str, *, max_length: int = 200, fallback: str = "bai-viet") -> str:
    """Return an ASCII slug for Vietnamese text ("Đường dây nóng" -> "duong-day-nong")."""
    slug = slugify(fold(text))[:max_length].strip("-")
    return slug or fallback
