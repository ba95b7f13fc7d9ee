from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("tin-tuc/<slug:slug>/ban-in/", views.ArticlePrintView.as_view(), name="article_print"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("editor/upload-anh/", views.editor_image_upload, name="editor_image_upload"),
]
