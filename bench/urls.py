"""The portal's URLs plus the floors the benchmarks compare pages with."""

from django.urls import path

from bench import floor, views
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    # make bench-counters: a 20 KB page from an inline template.
    path("bench/floor/", floor.floor, name="bench_floor"),
    # make bench: a listing of 20 items rendered from bench/templates/bench/floor.html.
    path("__bench__/floor/", views.floor, name="bench_listing_floor"),
    *portal_urlpatterns,
]
