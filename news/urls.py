from django.urls import path, register_converter

from core.caching import cache_public_response
from news import feeds, views
from news.archive import views as archive
from news.cache_policy import FEEDS
from news.converters import TwoDigitConverter, YearConverter
from news.gallery import views as gallery
from news.search import views as search
from news.uploads import editor

cached = cache_public_response(FEEDS.lifetime())

app_name = "news"

register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "dd")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("tin-tuc/<slug:slug>/ban-in/", views.ArticlePrintView.as_view(), name="article_print"),
    path("tep-dinh-kem/<int:pk>/", views.attachment_download, name="attachment"),
    path("luu-tru/", archive.ArchiveIndexView.as_view(), name="archive"),
    path("luu-tru/<yyyy:year>/", archive.ArticleYearArchiveView.as_view(), name="archive_year"),
    path(
        "luu-tru/<yyyy:year>/<dd:month>/",
        archive.ArticleMonthArchiveView.as_view(),
        name="archive_month",
    ),
    path(
        "luu-tru/<yyyy:year>/<dd:month>/<dd:day>/",
        archive.ArticleDayArchiveView.as_view(),
        name="archive_day",
    ),
    path(
        "luu-tru/lich/<yyyy:year>/<dd:month>/",
        archive.ArchiveCalendarView.as_view(),
        name="archive_calendar",
    ),
    # What the sidebar's script fetches; the address above is a page for readers.
    path(
        "luu-tru/lich/<yyyy:year>/<dd:month>/khoi/",
        archive.ArchiveCalendarBlockView.as_view(),
        name="archive_calendar_block",
    ),
    path("luu-tru/xem-theo-ngay/", archive.ArchiveByDateView.as_view(), name="archive_by_date"),
    path("hinh-anh/", gallery.AlbumListView.as_view(), name="gallery"),
    path("hinh-anh/<slug:slug>/", gallery.AlbumDetailView.as_view(), name="album"),
    # A repeated search is answered by the page cache like any page; a cache of
    # its own stored every new query twice, a sixth of a search's time.
    path("tim-kiem/", search.SearchView.as_view(), name="search"),
    path("rss/", cached(feeds.LatestArticlesFeed()), name="feed"),
    path("rss/<slug:slug>/", cached(feeds.CategoryFeed()), name="category_feed"),
    path("kenh-rss/", views.FeedListView.as_view(), name="feeds"),
    path("editor/upload-anh/", editor.editor_image_upload, name="editor_image_upload"),
]
