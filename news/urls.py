from django.urls import path

from news import feeds, views
from news.caching import cache_public_response

FEED_CACHE_SECONDS = 15 * 60
# Popular searches repeat; a broad one costs hundreds of milliseconds on a
# large site, so its page is kept until the content changes.
SEARCH_CACHE_SECONDS = 5 * 60
cached = cache_public_response(FEED_CACHE_SECONDS)

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("tin-tuc/<slug:slug>/ban-in/", views.ArticlePrintView.as_view(), name="article_print"),
    path(
        "tim-kiem/",
        cache_public_response(SEARCH_CACHE_SECONDS)(views.SearchView.as_view()),
        name="search",
    ),
    path("rss/", cached(feeds.LatestArticlesFeed()), name="feed"),
    path("rss/<slug:slug>/", cached(feeds.CategoryFeed()), name="category_feed"),
    path("kenh-rss/", views.FeedListView.as_view(), name="feeds"),
    path("editor/upload-anh/", views.editor_image_upload, name="editor_image_upload"),
]
