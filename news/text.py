"""Vietnamese-aware text helpers: slugs (folding itself is news.search.document.fold)."""

from django.utils.text import slugify

from news.search.document import fold

__all__ = ["fold", "vietnamese_slugify"]


def vietnamese_slugify(text: str, *, max_length: int = 200, fallback: str = "bai-viet") -> str:
    """Return an ASCII slug for Vietnamese text ("Đường dây nóng" -> "duong-day-nong")."""
    slug = slugify(fold(text))[:max_length].strip("-")
    return slug or fallback
