"""Display preferences of a reader: text size and contrast, kept in cookies.

Pages differ by these preferences (classes on <html>), so anything that caches
whole pages must put `display_preferences(request)` into its key.
"""

from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

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


# Stands in the kept controls for the page's own address, which only letters and
# digits could not be in once quoted (quote_plus leaves them as they are).
_HERE = "HerePathSlot0"
# The controls per (text size, contrast, display URL): six of them per process.
_controls: dict[tuple[str, str, str], str] = {}


@dataclass(frozen=True)
class Display:
    """A reader's display preferences, and the header's controls for the page being read."""

    text_size: str
    contrast: str
    here: str

    @property
    def html_class(self) -> str:
        return html_class(self.text_size, self.contrast)

    @property
    def controls(self) -> SafeString:
        """Return the controls' HTML, each link coming back to this page.

        The template is rendered once per process and preferences, then the
        page's address is put in: rendered for every page, it cost a tenth of
        an article page.
        """
        base = reverse("display")
        key = (self.text_size, self.contrast, base)
        frame = _controls.get(key)
        if frame is None:
            frame = _controls[key] = render_to_string(
                "includes/display_controls.html", {"display": self._links(base)}
            )
        return SafeString(frame.replace(_HERE, quote_plus(self.here)))

    def _links(self, base: str) -> dict:
        def link(name, value):
            return f"{base}?{urlencode({name: value})}&next={_HERE}"

        return {
            "text_size_links": [
                {
                    "value": value,
                    "text": TEXT_SIZE_LABELS[value][0],
                    "label": TEXT_SIZE_LABELS[value][1],
                    "url": link(TEXT_SIZE_COOKIE, value),
                    "pressed": value == self.text_size,
                }
                for value in TEXT_SIZES
            ],
            "contrast_url": link(CONTRAST_COOKIE, "thuong" if self.contrast == "cao" else "cao"),
            "contrast_high": self.contrast == "cao",
        }


def display(request):
    """Return the reader's display preferences and the header's controls, as `display`."""
    text_size, contrast = display_preferences(request)
    return {"display": Display(text_size, contrast, request.get_full_path())}
