"""Template tags of the admin's own pages."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from core.sites import current_site_id
from news import services
from news.models import Article

register = template.Library()


@register.simple_tag
def pending_review(user) -> str:
    """Return, for an approver, the count of the portal's articles waiting for review, linked."""
    if not services.can_publish(user):
        return ""
    pending = Article.objects.of_portal(current_site_id())
    count = pending.filter(status=Article.Status.PENDING).count()
    url = reverse("admin:news_article_changelist") + f"?status__exact={Article.Status.PENDING}"
    return format_html(
        '<p class="pending-review{}"><a href="{}">Chờ duyệt: {}</a></p>',
        " has-pending" if count else "",
        url,
        count,
    )
