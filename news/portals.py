"""A new portal's news: the categories every commune or ward portal starts with."""

from django.db import transaction

from news.models import Category
from portals.models import Portal
from portals.services import create_portal

# The menu of a new portal; editors rename, reorder or add to it in the admin.
DEFAULT_CATEGORIES = (
    ("Tin tức - Sự kiện", "Tin hoạt động của chính quyền và đời sống địa phương."),
    ("Chỉ đạo - Điều hành", "Chủ trương, kế hoạch và chỉ đạo của Ủy ban nhân dân."),
    ("Thông báo", "Thông báo, lịch làm việc và lịch tiếp công dân."),
    ("Cải cách hành chính", "Thủ tục hành chính và kết quả cải cách hành chính."),
    ("Kinh tế - Xã hội", "Sản xuất, kinh doanh, văn hóa, giáo dục và y tế."),
)


@transaction.atomic
def add_portal(*, domain: str, name: str, aliases=(), **profile) -> Portal:
    """Create a portal answering on domain (and aliases) with the default categories."""
    portal = create_portal(domain=domain, name=name, aliases=aliases, **profile)
    for order, (category, description) in enumerate(DEFAULT_CATEGORIES, start=1):
        Category.objects.create(
            site_id=portal.pk, name=category, description=description, order=order
        )
    return portal
