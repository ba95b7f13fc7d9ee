"""URL configuration of the portal."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = "Quản trị cổng thông tin"
admin.site.index_title = "Quản trị nội dung"

urlpatterns = [
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path("", include("news.urls")),
]

if settings.BENCH_FLOOR:
    from portal.bench import floor

    urlpatterns.append(path("__bench__/floor/", floor, name="bench_floor"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
