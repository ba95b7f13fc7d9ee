"""URL configuration of the portal."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import views

admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = "Quản trị cổng thông tin"
admin.site.index_title = "Quản trị nội dung"

urlpatterns = [
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    # django_ckeditor_5.urls stays out: its upload view stores files as they were sent.
    # The editor uploads through news:editor_image_upload, which re-encodes them.
    path("hien-thi/", views.display_settings, name="display"),
    path("dem/", include("counters.urls")),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("in-an.css", views.print_stylesheet, name="print_css"),
    path("mau-sac.css", views.colour_stylesheet, name="colour_css"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
    path("van-ban/", include("documents.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    # Django's static() helper adds nothing with debug off, as under `make run`.
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
