from django.urls import path

from bench.floor import floor
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *portal_urlpatterns]
