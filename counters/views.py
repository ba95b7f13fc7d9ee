"""The counting endpoints: a JSON POST for pages with JavaScript, a GIF for those without.

Pages stay cacheable as a whole: they never count anything themselves, they
name one of these small uncached URLs, which counts and answers with the live
numbers.
"""

import json
import logging
import uuid

from django.db import DatabaseError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from counters import services
from counters.visitors import (
    address_of,
    from_another_site,
    is_countable,
    remember_visitor,
    visitor_id,
)
from news.models import Article

logger = logging.getLogger(__name__)

MAX_BODY = 1024
# The smallest transparent GIF: 1x1 pixel, 43 bytes.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
# What never_cache sends, set at once: its merging into the headers already
# there cost a counting request more than building its JSON answer.
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"
# An answer of data, never a document: it may load nothing and be framed by no
# page. Set here as a literal, the site's policy is not built for it
# (core.middleware.ContentSecurityPolicyMiddleware keeps a policy already set).
CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"


class BadRequest(Exception):
    pass


class Flooded(Exception):
    pass


@method_decorator(csrf_exempt, name="dispatch")
class CountingView(View):
    """Count the request (a visit, and a view when an article is named) and answer."""

    def dispatch(self, request, *args, **kwargs):
        response = self.answer(request, *args, **kwargs)
        response.headers["Cache-Control"] = NEVER_CACHE
        response.headers["Expires"] = http_date()
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response

    def answer(self, request, *args, **kwargs):
        """Answer the request, a failure with its error response."""
        if from_another_site(request):
            # A page of another site must not make its readers count here.
            return self.error(403, _("Không nhận yêu cầu đếm từ trang web khác."))
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            return self.error(404, "Không tìm thấy bài viết.")
        except BadRequest as error:
            return self.error(400, str(error))
        except Flooded:
            response = self.error(429, "Quá nhiều yêu cầu, vui lòng thử lại sau.")
            response["Retry-After"] = "60"
            return response
        except DatabaseError:
            logger.exception("Counting failed")
            response = self.error(503, "Tạm thời không đếm được lượt truy cập.")
            response["Retry-After"] = "30"
            return response

    def count(self, request, article_id: int | None) -> tuple[services.Hit, uuid.UUID | None]:
        """Record the request if it counts; return the hit and a new visitor's id to remember."""
        visitor, is_new = visitor_id(request) if is_countable(request) else (None, False)
        hit = services.record_hit(
            site_id=request.site.id,
            article_id=article_id,
            visitor=visitor,
            # Only a visitor without a valid cookie draws on its address's allowance.
            new_visitor_address=address_of(request) if is_new else None,
        )
        if not hit.public:
            raise Http404
        if hit.flooded:
            raise Flooded
        if hit.turned_away:
            # No cookie either: a client could otherwise mint counted visitors
            # two requests at a time. It gets one when the allowance has room.
            return hit, None
        if visitor is not None:
            services.maybe_prune_stale_marks()
        return hit, visitor if is_new else None

    def check_article(self, article_id: int | None) -> None:
        """Raise Http404 unless the article, if any, is public on the request's portal."""
        if (
            article_id is not None
            and not Article.objects.published()
            .of_portal(self.request.site.id)
            .filter(pk=article_id)
            .exists()
        ):
            raise Http404

    def error(self, status: int, message: str) -> HttpResponse:
        return JsonResponse({"error": message}, status=status)

    def http_method_not_allowed(self, request, *args, **kwargs):
        """Answer another method with a 405 in the endpoint's own kind, not an HTML page."""
        response = self.error(405, "Phương thức không được hỗ trợ.")
        response["Allow"] = ", ".join(self._allowed_methods())
        return response


class HitView(CountingView):
    """Answer a POST with an empty body (or a JSON object) with the live numbers as JSON."""

    http_method_names = ["post"]

    def post(self, request, article_id: int | None = None):
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > MAX_BODY:
            raise BadRequest("Nội dung yêu cầu quá lớn.")
        body = request.body.strip()
        if body:
            try:
                if not isinstance(json.loads(body), dict):
                    raise ValueError
            except ValueError:
                raise BadRequest("Nội dung yêu cầu phải để trống hoặc là {}.") from None
        hit, new_visitor = self.count(request, article_id)
        # A dict of integers: JsonResponse's encoder for dates and lazy strings has nothing to do.
        response = HttpResponse(json.dumps(hit.numbers), content_type="application/json")
        if new_visitor:
            remember_visitor(request, response, new_visitor)
        return response


class PixelView(CountingView):
    """Count a visitor without JavaScript through an image inside <noscript>."""

    http_method_names = ["get", "head"]

    def get(self, request, article_id: int | None = None):
        _hit, new_visitor = self.count(request, article_id)
        response = HttpResponse(PIXEL, content_type="image/gif")
        if new_visitor:
            remember_visitor(request, response, new_visitor)
        return response

    def head(self, request, article_id: int | None = None):
        self.check_article(article_id)
        response = HttpResponse(content_type="image/gif")
        response["Content-Length"] = str(len(PIXEL))
        return response

    def error(self, status: int, message: str) -> HttpResponse:
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
