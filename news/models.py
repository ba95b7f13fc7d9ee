"""Editorial content: categories, articles, attachments, agency links and photo albums."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.sites import FIRST_SITE_ID
from news.links import slug_url
from news.sanitize import sanitize_html
from news.search.document import SEARCHED_FIELDS, article_document
from news.text import vietnamese_slugify
from news.uploads.attachments import (
    KINDS,
    AttachmentStorage,
    attachment_upload_to,
    clean_display_name,
    detect_kind,
    format_size,
    validate_attachment,
)
from news.uploads.images import remade_image, rendition_name, stored_renditions


class PortalContent(models.Model):
    """Content of one portal: no page of another portal shows it or finds it."""

    site = models.ForeignKey(
        "sites.Site",
        verbose_name=_("cổng"),
        on_delete=models.PROTECT,
        default=FIRST_SITE_ID,
        editable=False,
        related_name="+",
        help_text=_("Cổng thông tin đăng nội dung này."),
    )

    class Meta:
        abstract = True


class SluggedModel(PortalContent):
    """A model whose blank slug is filled on save from another field, unique in its portal."""

    slug_source = "title"
    slug_fallback = "bai-viet"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                type(self),
                getattr(self, self.slug_source),
                site_id=self.site_id,
                exclude_pk=self.pk,
                fallback=self.slug_fallback,
            )
        super().save(*args, **kwargs)


class StoredFile(models.Model):
    """A file offered through the portal's own download view: of an article, of a document.

    The subclass declares the fields file, title and kind, whose help and
    choices differ; the kind, size and original name are read from the file
    itself when it is stored.
    """

    original_name = models.CharField(_("tên tệp gốc"), max_length=200, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Trusted code skips clean(), but the stored name still needs the real kind.
            kind = detect_kind(self.file)
            if kind is None:
                raise ValueError(f"{self.file.name!r} is not a document of an accepted kind.")
            self.kind = kind
            self.size = self.file.size
            self.original_name = clean_display_name(self.file.name, kind)
            self.read_new_file(kind)
        super().save(*args, **kwargs)

    def read_new_file(self, kind: str) -> None:
        """Store what else a subclass takes from a new file of this kind before it is saved."""

    def check_new_file(self) -> None:
        """Raise ValidationError saying why the new file is refused, if it is."""
        validate_attachment(self.file)

    def clean(self):
        if self.file and not self.file._committed:
            try:
                self.check_new_file()
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None

    @property
    def display_name(self) -> str:
        return self.title or self.original_name

    @property
    def content_type(self) -> str:
        return KINDS[self.kind].content_type

    def describe(self) -> str:
        """Return the type and size as readers see them, e.g. "PDF, 1,2 MB"."""
        return f"{KINDS[self.kind].label}, {format_size(self.size)}"


class Category(SluggedModel):
    slug_source = "name"
    slug_fallback = "chuyen-muc"

    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
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
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="category_site_slug_unique")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("news:category", self.slug)


# What lists of articles show (title, link, date, lead, picture) and group by.
LISTED_FIELDS = (
    "title",
    "slug",
    "lead",
    "image",
    "image_alt",
    "image_renditions",
    "published_at",
    "category_id",
)


class ArticleQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None):
        """Return the articles the public may see now (or at now): the one visibility rule."""
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def of_portal(self, site_id: int):
        """Return the articles a portal publishes."""
        return self.filter(site_id=site_id)

    def newest_first(self):
        """Return the articles ordered for listings, newest first, ties by id."""
        return self.order_by("-published_at", "-id")

    def as_listed(self):
        """Return the articles with only the columns that lists show.

        Bodies are the bulk of a row, and every datetime costs a parse: a list
        of twenty would read and decode them all for nothing.
        """
        return self.only(*LISTED_FIELDS)


class Article(SluggedModel):
    # The stored picture: as wide as the editor's images, enough for the article's column.
    IMAGE_MAX_WIDTH = 1600
    # Copies for lists (a 160 px thumbnail at 1x and 2x) and the featured picture.
    RENDITION_WIDTHS = (160, 320, 640, 960)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PENDING = "pending", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã xuất bản")
        UNPUBLISHED = "unpublished", _("Đã gỡ")

    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=220,
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
        _("trạng thái"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Biên tập viên lưu nháp hoặc gửi duyệt; người duyệt xuất bản (ngày đăng trong "
            "tương lai là hẹn giờ) hoặc gỡ bài."
        ),
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
    # Filled on save; lists read it with the row, so their pictures cost no query or file access.
    image_renditions = models.JSONField(
        _("bản thu nhỏ của ảnh"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Kích thước ảnh và các bản thu nhỏ, JPEG/PNG và WebP; tự tạo khi lưu."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xuất bản"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Người duyệt đã cho bài lên trang lần gần nhất."),
    )
    review_note = models.TextField(
        _("ý kiến người duyệt"),
        blank=True,
        editable=False,
        help_text=_("Ghi chú của người duyệt khi trả lại bài; xóa khi bài được gửi duyệt lại."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    search_text = models.TextField(
        _("văn bản tìm kiếm"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Tiêu đề, sapo và nội dung viết thường, bỏ dấu; tự tạo khi lưu."),
    )

    # Shared news: this row shows another portal's article on this portal, its
    # text kept in step with the original's (news.services.republish_article).
    original = models.ForeignKey(
        "self",
        verbose_name=_("bài gốc"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="republications",
        help_text=_("Bài của cổng khác mà cổng này đăng lại; nội dung theo bài gốc."),
    )
    original_url = models.URLField(
        _("địa chỉ bài gốc"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Địa chỉ đầy đủ của bài gốc trên cổng của nó: liên kết chuẩn (canonical)."),
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("lịch sử bài viết"),
        verbose_name_plural=_("lịch sử bài viết"),
        # Derived from the title, lead, body and picture, which the history already keeps.
        excluded_fields=["search_text", "image_renditions"],
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        permissions = [("publish_article", "Có thể xuất bản bài viết")]
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        # expires_at is carried in the listing indexes (PostgreSQL; ignored elsewhere) so
        # that counts, outlines and offsets over public articles are index-only scans.
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="article_site_slug_unique"),
            models.UniqueConstraint(
                fields=["site", "original"],
                condition=Q(original__isnull=False),
                name="article_republished_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["site", "status", "-published_at", "-id"],
                include=["expires_at"],
                name="article_public_idx",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                include=["expires_at"],
                name="article_category_idx",
            ),
            models.Index(
                fields=["site", "-published_at", "-id"],
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
        if self.image and not self.image._committed:
            # Whoever sets it, the picture is stored as pixels we encoded, under a random
            # name: no metadata, nothing appended, no name to guess a draft's picture by.
            remade = remade_image(self.image.file, max_width=self.IMAGE_MAX_WIDTH)
            # Stored now, under its final name, so that its copies can be named after it.
            self.image.save(remade.name, remade, save=False)
        self.body = sanitize_html(self.body)
        self.search_text = article_document(self)
        derived = set()
        if (self.image.name or "") != self.image_renditions.get("name", ""):
            # A new picture (an upload, or a stored name set by code): its copies too.
            self.image_renditions = (
                stored_renditions(self.image.storage, self.image.name, widths=self.RENDITION_WIDTHS)
                if self.image
                else {}
            )
            derived.add("image_renditions")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            if set(SEARCHED_FIELDS) & set(update_fields):
                derived.add("search_text")
            if derived:
                kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("news:article", self.slug)

    def picture_sources(self, *, fits: int = 0, up_to: int | None = None) -> dict | None:
        """Return the picture's URLs for <picture>: src, srcset, webp_srcset, width, height.

        None without a picture. src is the narrowest copy at least `fits` wide
        (for what reads no srcset); copies wider than up_to are left out (a
        thumbnail needs none). A picture whose copies were never made (rows
        written in bulk) is offered alone, without sizes.
        """
        if not self.image:
            return None
        made = self.image_renditions if self.image_renditions.get("name") == self.image.name else {}
        storage, name = self.image.storage, self.image.name
        own = [
            (width, storage.url(rendition_name(name, width))) for width in made.get("widths", [])
        ]
        if "width" in made:
            own.append((made["width"], self.image.url))
        webp = [
            (
                width,
                storage.url(rendition_name(name, width if width < made["width"] else None, "webp")),
            )
            for width in made.get("webp", [])
        ]
        if up_to and own:
            own = [pair for pair in own if pair[0] <= up_to] or own[:1]
            webp = [pair for pair in webp if pair[0] <= up_to] or webp[:1]
        return {
            "src": next((url for width, url in own if width >= fits), self.image.url),
            "srcset": ", ".join(f"{url} {width}w" for width, url in own),
            "webp_srcset": ", ".join(f"{url} {width}w" for width, url in webp),
            "width": made.get("width"),
            "height": made.get("height"),
        }

    def get_print_url(self):
        return slug_url("news:article_print", self.slug)

    def clean(self):
        if self.status == self.Status.PUBLISHED and not self.byline.strip():
            raise ValidationError(
                {"byline": _("Không thể xuất bản bài viết chưa có tác giả: hãy điền dòng tác giả.")}
            )

    def state_label(self) -> str:
        """Return the status as staff mean it, telling scheduled and expired apart."""
        if self.status == self.Status.PUBLISHED:
            now = timezone.now()
            if self.published_at > now:
                return _("Hẹn giờ đăng")
            if self.expires_at is not None and self.expires_at <= now:
                return _("Đã hết hạn")
        return self.get_status_display()

    def is_public(self):
        """Return True if the article is publicly accessible now."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )


class Attachment(StoredFile):
    """A document attached to an article, downloaded only through the portal's own view."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOC = "doc", "DOC"
        DOCX = "docx", "DOCX"
        XLS = "xls", "XLS"
        XLSX = "xlsx", "XLSX"
        ODT = "odt", "ODT"

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(
        _("tên hiển thị"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ “Kế hoạch số 50/KH-UBND”. Để trống để dùng tên tệp gốc."),
    )
    file = models.FileField(
        _("tệp"),
        upload_to=attachment_upload_to,
        storage=AttachmentStorage(),
        max_length=200,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX hoặc ODT; được kiểm tra theo nội dung tệp."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, editable=False)

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def get_absolute_url(self):
        return reverse("news:attachment", kwargs={"pk": self.pk})


def unique_slug(
    model, text: str, *, site_id: int, exclude_pk=None, fallback: str = "bai-viet"
) -> str:
    """Return a slug for text that no other row of model in the portal uses, adding -2, -3..."""
    max_length = model._meta.get_field("slug").max_length - 8
    base = vietnamese_slugify(text, max_length=max_length, fallback=fallback)
    taken = set(
        model.objects.filter(site_id=site_id, slug__regex=rf"^{base}(-[0-9]+)?$")
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


# --- Links to other agencies and the photo gallery ---------------------------


class LinkQuerySet(models.QuerySet):
    def active(self, *, site_id: int):
        """Return the portal's links shown to the public, in their display order."""
        return self.filter(site_id=site_id, active=True).order_by("order", "title")


class Link(PortalContent):
    title = models.CharField(_("tên trang"), max_length=200)
    url = models.URLField(
        _("địa chỉ"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Địa chỉ đầy đủ, bắt đầu bằng https:// hoặc http://."),
    )
    order = models.PositiveIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước trong danh sách.")
    )
    active = models.BooleanField(_("hiển thị"), default=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("liên kết")
        verbose_name_plural = _("liên kết")

    def __str__(self):
        return self.title


class AlbumQuerySet(models.QuerySet):
    def published(self, *, site_id: int):
        """Return the portal's albums the public may see, newest first."""
        return self.filter(site_id=site_id, published=True).order_by("order", "-date", "-id")


class Album(SluggedModel):
    slug_fallback = "album"

    title = models.CharField(_("tên album"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    date = models.DateField(
        _("ngày"), default=timezone.localdate, help_text=_("Ngày diễn ra sự kiện của album.")
    )
    order = models.IntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước; cùng số thì album mới trước.")
    )
    published = models.BooleanField(_("hiển thị"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = AlbumQuerySet.as_manager()

    class Meta:
        ordering = ["order", "-date", "-id"]
        verbose_name = _("album ảnh")
        verbose_name_plural = _("album ảnh")
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="album_site_slug_unique")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:album", kwargs={"slug": self.slug})


class Photo(models.Model):
    # Narrower copies made on upload, named after the stored image ("x.jpg" -> "x-640.jpg").
    RENDITION_WIDTHS = (320, 640, 1280)

    album = models.ForeignKey(
        Album, verbose_name=_("album"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("ảnh"),
        upload_to="gallery/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("Ảnh đã được làm sạch: xoay đúng chiều, bỏ siêu dữ liệu."),
    )
    width = models.PositiveIntegerField(_("rộng"), default=0, editable=False)
    height = models.PositiveIntegerField(_("cao"), default=0, editable=False)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("mô tả ảnh"),
        max_length=300,
        help_text=_("Văn bản thay thế cho người khiếm thị: ảnh cho thấy gì."),
    )
    date = models.DateField(_("ngày chụp"), default=timezone.localdate)
    order = models.IntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        indexes = [models.Index(fields=["-date", "-id"], name="photo_latest_idx")]

    def __str__(self):
        return self.caption or self.alt_text

    def rendition_name(self, width: int) -> str:
        """Return the storage name of the copy of the image at a width."""
        stem, dot, extension = self.image.name.rpartition(".")
        return f"{stem}-{width}{dot}{extension}"

    def rendition_widths(self) -> list[int]:
        """Return the widths of the stored narrower copies."""
        return [width for width in self.RENDITION_WIDTHS if width < self.width]

    def rendition_url(self, width: int) -> str:
        """Return the URL of the copy at the smallest stored width at least this wide."""
        for stored in self.rendition_widths():
            if stored >= width:
                return self.image.storage.url(self.rendition_name(stored))
        return self.image.url

    def srcset(self) -> str:
        """Return the srcset attribute value listing every stored width."""
        storage = self.image.storage
        candidates = [
            f"{storage.url(self.rendition_name(width))} {width}w"
            for width in self.rendition_widths()
        ]
        candidates.append(f"{self.image.url} {self.width}w")
        return ", ".join(candidates)
