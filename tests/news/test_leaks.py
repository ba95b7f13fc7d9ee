"""Nothing unpublished leaks: crawl every public URL and look for hidden articles' markers.

Hidden articles (a draft, one pending review, a scheduled one, an expired one
and one taken down) carry marker words in their titles, texts, slugs and
attachments. The crawl starts from the home page and follows every same-origin
link, then adds every URL pattern of the site filled with the values it can
take (slugs, dates, ids), so that listings, archives, calendars, search,
feeds, sitemaps and counting endpoints added later are crawled too.
"""

import datetime as dt
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from news.models import Article, Attachment, Category
from news.text import fold
from tests.news.documents import pdf_bytes, upload

pytestmark = pytest.mark.django_db

Status = Article.Status
MAX_PAGES = 1000
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']+)["']|<loc>\s*([^<\s]+)\s*</loc>""")
ABSOLUTE = re.compile(r"https?://testserver[^\s\"'<>]*")
# The display settings view only sets a cookie and redirects back to a crawled page.
SKIPPED_PREFIXES = (
    f"/{settings.ADMIN_URL_PATH}",
    "/static/",
    "/ckeditor5/",
    "/editor/",
    "/hien-thi/",
)
# URL namespaces and names that are not public pages.
SKIPPED_NAMESPACES = {"admin"}


def hidden_states(now):
    return {
        "draftleak": {"status": Status.DRAFT},
        "pendingleak": {"status": Status.PENDING},
        "scheduledleak": {"published_at": now + dt.timedelta(days=2)},
        "expiredleak": {
            "published_at": now - dt.timedelta(days=3),
            "expires_at": now - dt.timedelta(hours=2),
        },
        "unpublishedleak": {"status": Status.UNPUBLISHED},
    }


@pytest.fixture
def site(make_article, category):
    """Build public articles in two categories and one hidden article of each kind."""
    now = timezone.now()
    other = Category.objects.create(name="Thông báo", order=2)
    public = []
    # More than a page of listing in one category, so that page 2 is crawled as well.
    for number in range(settings.NEWS_PAGE_SIZE * 2 + 5):
        public.append(
            make_article(
                title=f"Tin công khai số {number}",
                category=category if number % 2 else other,
                published_at=now - dt.timedelta(days=number, hours=1),
            )
        )
    attachment = Attachment(article=public[0], file=upload("Kế hoạch công khai.pdf", pdf_bytes()))
    attachment.save()
    hidden = {}
    for marker, fields in hidden_states(now).items():
        article = make_article(
            title=f"{marker} Bài bí mật",
            lead=f"Sapo {marker}",
            body=f"<p>Nội dung {marker}</p>",
            byline=f"Tác giả {marker}",
            category=category,
            **fields,
        )
        document = Attachment(
            article=article,
            title=f"Tệp {marker}",
            file=upload(f"Tài liệu {marker}.pdf", pdf_bytes() + f"tep mat {marker}".encode()),
        )
        document.save()
        hidden[marker] = (article, document)
    return public, hidden


def values_for(name: str, converter: str, public, hidden) -> list[str]:
    """Return the values worth trying for a URL parameter, judged by its name and type."""
    articles = [a for a, _ in hidden.values()] + public
    moments = [timezone.localtime(a.published_at) for a in articles]
    moments += [timezone.localtime(a.expires_at) for a in articles if a.expires_at]
    if converter == "SlugConverter" or name == "slug":
        return [c.slug for c in Category.objects.all()] + [a.slug for a in articles]
    if name == "year":
        return sorted({str(m.year) for m in moments})
    if name == "month":
        return sorted({f"{m.month:02d}" for m in moments} | {str(m.month) for m in moments})
    if name == "day":
        return sorted({f"{m.day:02d}" for m in moments})
    if name in ("date",):
        return sorted({f"{m:%Y-%m-%d}" for m in moments})
    if converter == "IntConverter":
        ids = {a.pk for a in articles} | {d.pk for _, d in hidden.values()}
        ids |= set(Attachment.objects.values_list("pk", flat=True))
        return [str(i) for i in sorted(ids)]
    if converter == "StringConverter":
        return [a.slug for a in articles] + [str(a.pk) for a in articles]
    return []


def walk(patterns, prefix="", namespace=None):
    """Yield (regex route, converters) of every URL pattern of the site."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, entry.pattern.converters if hasattr(entry.pattern, "converters") else {}


def urls_from_patterns(public, hidden) -> tuple[set[str], set[str]]:
    """Return the site's URLs without parameters, and those made from every pattern with
    parameters, each parameter tried with every value that fits it."""
    plain, filled = set(), set()
    for route, converters in walk(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route:
            continue  # regular-expression routes: only those of the admin here
        names = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        candidates = [""]
        for _converter, name in names:
            converter = type(converters.get(name)).__name__
            values = values_for(name, converter, public, hidden)
            if not values:
                candidates = []
                break
            candidates = [c + "\0" + v for c in candidates for v in values][:400]
        for candidate in candidates:
            url = route
            for value in candidate.split("\0")[1:]:
                url = re.sub(r"<(?:\w+:)?\w+>", value, url, count=1)
            url = "/" + url.lstrip("/")
            if not url.startswith(SKIPPED_PREFIXES):
                (filled if names else plain).add(url)
    return plain, filled


def needles(hidden) -> dict[str, list[str]]:
    """Return, per marker, the texts of the hidden article that must not appear, folded.

    The bare marker word is not one of them: a search page may echo the query.
    """
    return {
        marker: [
            fold(article.title),
            fold(article.lead),
            fold(f"Nội dung {marker}"),
            fold(article.byline),
            fold(document.title),
            fold(document.original_name),
            f"tep mat {marker}",
        ]
        for marker, (article, document) in hidden.items()
    }


def own_urls(article, document) -> list[str]:
    return [article.get_absolute_url(), article.get_print_url(), document.get_absolute_url()]


def leaks_in(url: str, content: bytes, hidden, texts) -> list[str]:
    """Return what of the hidden articles shows in a response to url."""
    folded = fold(content.decode("utf-8", "replace"))
    found = [text for marker in hidden for text in texts[marker] if text in folded]
    for article, document in hidden.values():
        # A page may repeat its own address; any other link to a hidden article is a leak.
        found += [link for link in own_urls(article, document) if link in folded and link != url]
    return found


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def crawl(client: Client, seeds: list[str]):
    """Yield (url, response, body) for the seeds and every same-origin link found, breadth first."""
    seen: set[str] = set()
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        content = body_of(response)
        yield url, response, content
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif "html" in response.get("Content-Type", "") or "xml" in response.get(
            "Content-Type", ""
        ):
            text = content.decode("utf-8", "replace")
            links = [a or b for a, b in LINK.findall(text)] + ABSOLUTE.findall(text)
        else:
            links = []
        for link in links:
            absolute = urljoin("http://testserver" + url, link.replace("&amp;", "&"))
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith(SKIPPED_PREFIXES) or "logout" in path or path in seen:
                continue
            queue.append(path)
    assert len(seen) < MAX_PAGES, "the crawl was cut short; raise MAX_PAGES"


def seeds_for(public, hidden) -> list[str]:
    plain, filled = urls_from_patterns(public, hidden)
    # Search pages, wherever they are, read the query from q.
    searches = [f"{url}?q={marker}" for url in plain for marker in hidden]
    return ["/", *sorted(plain), *sorted(filled), *searches]


def test_no_hidden_article_leaks_anywhere_on_the_public_site(site):
    public, hidden = site
    texts = needles(hidden)
    seen, leaks = set(), []
    for url, response, content in crawl(Client(), seeds_for(public, hidden)):
        seen.add(url)
        assert response.status_code < 500, url
        found = leaks_in(url, content, hidden, texts)
        if found:
            leaks.append((url, response.status_code, found))
    assert not leaks, leaks
    # The crawl did reach the public content it must not confuse with hidden content.
    for article in public:
        assert article.get_absolute_url() in seen
        assert article.get_print_url() in seen
    assert public[0].attachments.get().get_absolute_url() in seen
    assert any("page=2" in url for url in seen)


def test_every_page_of_the_crawl_carries_the_security_headers(site):
    public, hidden = site
    pages = 0
    for url, response, _ in crawl(Client(), seeds_for(public, hidden)):
        policy = response.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy or "default-src 'none'" in policy, url
        assert "unsafe-inline" not in policy, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        if "html" in response.get("Content-Type", ""):
            pages += 1
            assert "frame-ancestors 'none'" in policy, url
            assert "script-src 'self'" in policy, url
    assert pages > 50


def test_hidden_articles_own_urls_are_404_for_anonymous_visitors(site):
    _, hidden = site
    client = Client()
    for marker, (article, document) in hidden.items():
        for url in own_urls(article, document):
            assert client.get(url).status_code == 404, (marker, url)
