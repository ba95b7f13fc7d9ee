"""Display preferences of a reader: text size and contrast, kept in cookies.

Pages differ by these preferences (classes on <html>), so anything that caches
whole pages must put `display_preferences(request)` into its key.
"""

from urllib.parse import urlencode

from django.urls import reverse

TEXT_SIZE_COOKIE = "co-chu"
CONTRAST_COOKIE = "tuong-phan"
COOKIE_MAX_AGE = 365 * 24 * 3600

# Value in the cookie and the query string -> class on <html> ("" for the default).
TEXT_SIZES = {"nho": "text-sm", "vua": "", "lon": "text-lg"}
CONTRASTS = {"thuong": "", "cao": "contrast-high"}
# What the header's buttons show, and what they say to a screen reader.
TEXT_SIZE_LABELS = {"nho": ("A-", "Chữ nhỏ"), "vua": ("A", "Chữ vừa"), "lon": ("A+", "Chữ lớn")}
CHOICES = {TEXT_SIZE_COOKIE: TEXT_SIZES, CONTRAST_COOKIE: CONTRASTS}
DEFAULTS = {TEXT_SIZE_COOKIE: "vua", CONTRAST_COOKIE: "thuong"}
ALL_CLASSES = [name for name in (*TEXT_SIZES.values(), *CONTRASTS.values()) if name]


def normalise(name: str, value: str | None) -> str | None:
    """Return the value if it is a valid choice for the preference `name`, else None."""
    return value if value in CHOICES[name] else None


def display_preferences(request) -> tuple[str, str]:
    """Return the reader's (text size, contrast), defaults in place of missing or bad cookies."""
    return tuple(
        normalise(name, request.COOKIES.get(name)) or DEFAULTS[name]
        for name in (TEXT_SIZE_COOKIE, CONTRAST_COOKIE)
    )


def html_class(text_size: str, contrast: str) -> str:
    """Return the classes that <html> carries for these preferences."""
    return " ".join(filter(None, (TEXT_SIZES[text_size], CONTRASTS[contrast])))


def display(request):
    """Return the reader's preferences and the links of the header's display controls."""
    text_size, contrast = display_preferences(request)
    base = reverse("display")
    here = request.get_full_path()

    def link(name, value):
        return f"{base}?{urlencode({name: value, 'next': here})}"

    return {
        "display": {
            "text_size": text_size,
            "contrast": contrast,
            "html_class": html_class(text_size, contrast),
            "text_size_links": [
                {
                    "value": value,
                    "text": TEXT_SIZE_LABELS[value][0],
                    "label": TEXT_SIZE_LABELS[value][1],
                    "url": link(TEXT_SIZE_COOKIE, value),
                    "pressed": value == text_size,
                }
                for value in TEXT_SIZES
            ],
            "contrast_url": link(CONTRAST_COOKIE, "thuong" if contrast == "cao" else "cao"),
            "contrast_high": contrast == "cao",
        }
    }
