"""Editorial content of the portal: categories and articles."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.sanitize import sanitize_html
from news.text import vietnamese_slugify


class Category(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên (không dấu, đ thành d)."),
    )
    order = models.PositiveIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước trong menu.")
    )
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, self.name, exclude_pk=self.pk, fallback="chuyen-muc")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("news:category", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles the public may see now: the one visibility rule."""
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def newest_first(self):
        """Return the articles ordered for listings, newest first, ties by id."""
        return self.order_by("-published_at", "-id")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PENDING = "pending", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã xuất bản")
        UNPUBLISHED = "unpublished", _("Đã gỡ")

    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tiêu đề."),
    )
    lead = models.TextField(_("sapo"), blank=True, help_text=_("Đoạn tóm tắt in đậm dưới tiêu đề."))
    body = models.TextField(
        _("nội dung"), blank=True, help_text=_("Được làm sạch khi lưu: chỉ giữ thẻ an toàn.")
    )
    byline = models.CharField(
        _("tác giả"), max_length=200, blank=True, help_text=_("Dòng tác giả, ví dụ “Kim Ngân”.")
    )
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("chuyên mục"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("ngày đăng"),
        default=timezone.now,
        db_index=True,
        help_text=_("Giờ Việt Nam. Đặt một thời điểm trong tương lai để hẹn giờ đăng."),
    )
    expires_at = models.DateTimeField(
        _("hết hạn lúc"),
        null=True,
        blank=True,
        help_text=_(
            "Sau thời điểm này bài không còn hiển thị công khai. Để trống nếu không hết hạn."
        ),
    )
    featured = models.BooleanField(
        _("tin nổi bật"), default=False, help_text=_("Hiện ở vị trí lớn trên trang chủ.")
    )
    image = models.ImageField(_("ảnh đại diện"), upload_to="articles/%Y/%m/", blank=True)
    image_alt = models.CharField(
        _("mô tả ảnh"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản thay thế cho người khiếm thị; bắt buộc khi có ảnh."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        # expires_at is carried in the listing indexes (PostgreSQL; ignored elsewhere) so
        # that counts, outlines and offsets over public articles are index-only scans.
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id"],
                include=["expires_at"],
                name="article_public_idx",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                include=["expires_at"],
                name="article_category_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(featured=True),
                name="article_featured_idx",
            ),
            models.Index(
                fields=["expires_at"],
                condition=Q(expires_at__isnull=False),
                name="article_expiry_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Article, self.title, exclude_pk=self.pk)
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("news:article", self.slug)

    def get_print_url(self):
        return slug_url("news:article_print", self.slug)

    def is_public(self):
        """Return True if the article is publicly accessible now."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )


SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_PLACEHOLDER = "slug-placeholder"
_slug_url_patterns: dict[tuple, tuple[str, str]] = {}


def slug_url(name: str, slug: str) -> str:
    """Return reverse(name, kwargs={"slug": slug}), from a pattern reversed once.

    Listings link dozens of articles; a full reverse() for each was a visible
    share of a listing page's time.
    """
    if not SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    key = (name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    pattern = _slug_url_patterns.get(key)
    if pattern is None:
        pattern = tuple(reverse(name, kwargs={"slug": SLUG_PLACEHOLDER}).split(SLUG_PLACEHOLDER))
        _slug_url_patterns[key] = pattern
    return slug.join(pattern)


def unique_slug(model, text: str, *, exclude_pk=None, fallback: str = "bai-viet") -> str:
    """Return a slug for text that no other row of model uses, adding -2, -3... on a clash."""
    max_length = model._meta.get_field("slug").max_length - 8
    base = vietnamese_slugify(text, max_length=max_length, fallback=fallback)
    taken = set(
        model.objects.filter(slug__regex=rf"^{base}(-[0-9]+)?$")
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"
