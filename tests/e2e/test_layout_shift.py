"""Nothing moves while the page loads: cumulative layout shift under 0.05.

The web fonts are the usual cause: text drawn first in a fallback font re-wraps
when Be Vietnam Pro swaps in. The fonts are held back here, as a slow network
would, so that the page is drawn in the fallback first and the swap is measured.
"""

import io
import time

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

from news.models import Article
from tests.documents.conftest import ensure_roles as ensure_document_kinds

# Sums the shifts not caused by the reader (Lighthouse's CLS is the worst window of them,
# never more than this sum). Installed before any script of the page runs.
LAYOUT_SHIFT_OBSERVER = """
window.layoutShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      window.layoutShifts.push({
        value: entry.value,
        sources: entry.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : "?"),
      });
    }
  }
}).observe({type: "layout-shift", buffered: true});
"""
FONT_DELAY = 0.4  # seconds: longer than the 100 ms font-display: swap waits before the fallback


@pytest.fixture
def demo(transactional_db):
    # A flushing test before this one emptied the document kinds the migration made.
    ensure_document_kinds()
    call_command("load_demo", stdout=io.StringIO())
    # The city's newest (site 1), whose host the live server answers as; the demo's
    # wards have articles of their own, newer ones among them.
    return Article.objects.published().filter(site_id=1).order_by("-published_at").first()


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1366, "height": 768}, {"width": 360, "height": 740}],
    ids=["desktop", "phone"],
)
@pytest.mark.parametrize("which", ["home", "article"])
def test_the_page_does_not_move_when_the_web_fonts_arrive(page: Page, site, demo, viewport, which):
    url = site + ("/" if which == "home" else demo.get_absolute_url())
    page.set_viewport_size(viewport)
    fonts = []

    def slow_font(route):
        fonts.append(route.request.url)
        time.sleep(FONT_DELAY)
        route.continue_()

    page.route("**/*.woff2", slow_font)
    page.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(500)
    assert fonts, "no web font was fetched"
    assert page.evaluate("document.fonts.check('700 16px \"Be Vietnam Pro\"', 'Đường')")
    shifts = page.evaluate("window.layoutShifts")
    total = sum(shift["value"] for shift in shifts)
    assert total < 0.05, shifts
