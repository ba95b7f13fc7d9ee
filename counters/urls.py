from django.urls import path

from counters import views

app_name = "counters"

urlpatterns = [
    path("", views.HitView.as_view(), name="hit"),
    path("bai-viet/<int:article_id>/", views.HitView.as_view(), name="article_hit"),
    path("anh.gif", views.PixelView.as_view(), name="pixel"),
    path("bai-viet/<int:article_id>/anh.gif", views.PixelView.as_view(), name="article_pixel"),
]
