"""Template tags of the admin's own pages."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from news import services
from news.models import Article

register = template.Library()


@register.simple_tag
def pending_review(user) -> str:
    """Return, for an approver, the count of articles waiting for review, linked to them."""
    if not services.can_publish(user):
        return ""
    count = Article.objects.filter(status=Article.Status.PENDING).count()
    url = reverse("admin:news_article_changelist") + f"?status__exact={Article.Status.PENDING}"
    return format_html(
        '<p class="pending-review{}"><a href="{}">Chờ duyệt: {}</a></p>',
        " has-pending" if count else "",
        url,
        count,
    )
