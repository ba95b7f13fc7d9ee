"""The floor: a Django view rendering a 20 KB template with no database, through all middleware."""

from django.http import HttpResponse
from django.template import engines

ROW = (
    '<li class="article-item"><a class="article-link" href="/tin-tuc/{{ slug }}-{{ n }}/">'
    "Triển khai kế hoạch tuyên truyền công tác cải cách hành chính số {{ n }}</a>"
    '<span class="article-date">18/04/2018</span>'
    '<p class="article-lead">{{ lead }}</p></li>\n'
)
TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title>'
    '</head><body><main><h1>{{ title }}</h1><ul class="article-list">'
    "{% for n in rows %}" + ROW + "{% endfor %}</ul></main></body></html>"
)
CONTEXT = {
    "title": "Cổng thông tin điện tử",
    "slug": "trien-khai-ke-hoach",
    "lead": "Ngày 16/4, UBND thành phố ban hành kế hoạch tuyên truyền cải cách hành chính.",
    "rows": range(58),
}


def floor(request):
    """Render the 20 KB page."""
    return HttpResponse(TEMPLATE.render(CONTEXT))
