"""URLs of the page-cache tests: the portal's own, plus responses that must never be stored."""

from django.http import HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.cache import cache_control, never_cache


def with_cookie(request):
    response = HttpResponse("<p>cookie</p>")
    response.set_cookie("visitor", "abc")
    return response


@cache_control(private=True)
def private(request):
    return HttpResponse("<p>private</p>")


@never_cache
def no_store(request):
    return HttpResponse("<p>no-store</p>")


def json(request):
    return JsonResponse({"views": 1})


urlpatterns = [
    path("with-cookie/", with_cookie),
    path("private/", private),
    path("no-store/", no_store),
    path("json/", json),
    path("", include("portal.urls")),
]
