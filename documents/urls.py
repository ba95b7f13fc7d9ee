from django.urls import path

from core.caching import cache_public_response
from documents import feeds, views
from documents.cache_policy import FEED

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<int:pk>/ban-in/", views.DocumentPrintView.as_view(), name="print"),
    path("tep/<int:pk>/", views.file_download, name="file"),
    path("tep/<int:pk>/xem/", views.file_download, {"inline": True}, name="file_inline"),
    path("rss/", cache_public_response(FEED.lifetime())(feeds.LatestDocumentsFeed()), name="feed"),
]
