"""Legal and directive documents ("Văn bản"): kinds, documents, their files and relations."""

from __future__ import annotations

import datetime as dt
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.extraction import extract_text
from documents.numbers import (
    is_valid_number,
    normalise_number,
    number_head,
    number_key,
    symbol_key,
)
from news.models import Article, PortalContent, StoredFile
from news.search.document import words
from news.uploads.attachments import (
    KINDS,
    AttachmentStorage,
    validate_attachment,
)

# Words of the stored search text per document, at most (files included).
MAX_SEARCH_WORDS = 60_000


class DocumentKind(models.Model):
    """A kind of document (Kế hoạch, Quyết định, ...): a list editors extend."""

    name = models.CharField(_("tên loại"), max_length=100, unique=True)
    code = models.CharField(
        _("ký hiệu"),
        max_length=20,
        blank=True,
        help_text=_("Chữ viết tắt trong số ký hiệu, ví dụ “KH” của Kế hoạch, “QĐ” của Quyết định."),
    )
    order = models.PositiveIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước trong bộ lọc.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self):
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None):
        """Return the documents the public may see now (or at now): the one visibility rule."""
        return self.filter(
            status=Document.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def newest_first(self):
        """Return the documents as lists show them: latest issue date first, ties by id."""
        return self.order_by("-issued_on", "-id")


class Validity(models.TextChoices):
    """Whether a document is in force, as readers are told (computed, never stored)."""

    NOT_YET = "chua-hieu-luc", _("Chưa có hiệu lực")
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    REPLACED = "bi-thay-the", _("Bị thay thế")


class Document(PortalContent):
    # The same statuses, buttons and roles as articles (news.services).
    Status = Article.Status

    number = models.CharField(
        _("số, ký hiệu"),
        max_length=60,
        help_text=_(
            "Như trên văn bản, ví dụ “50/KH-UBND” hoặc “15/2018/QĐ-UBND”; khoảng trắng "
            "thừa và các kiểu gạch ngang được chuẩn hóa khi lưu."
        ),
    )
    number_key = models.CharField(_("số ký hiệu (tra cứu)"), max_length=60, editable=False)
    number_head = models.CharField(_("số (tra cứu)"), max_length=10, editable=False)
    symbol_key = models.CharField(_("ký hiệu (tra cứu)"), max_length=60, editable=False)
    kind = models.ForeignKey(
        DocumentKind,
        verbose_name=_("loại văn bản"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        help_text=_("Ví dụ “UBND thành phố Bạc Liêu”."),
    )
    signer = models.CharField(_("người ký"), max_length=100, blank=True)
    signer_title = models.CharField(
        _("chức vụ người ký"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ “Chủ tịch”, “Phó Chủ tịch”."),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(
        _("ngày có hiệu lực"), help_text=_("Thường là ngày ban hành hoặc sau đó.")
    )
    expires_on = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày đầu tiên văn bản không còn hiệu lực. Để trống nếu văn bản không tự hết hiệu lực."
        ),
    )
    summary = models.TextField(
        _("trích yếu"), help_text=_("Nội dung tóm tắt như dòng trích yếu của văn bản.")
    )
    field = models.CharField(
        _("lĩnh vực"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ “Cải cách hành chính”, “Giáo dục”, “Xây dựng”."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Biên tập viên lưu nháp hoặc gửi duyệt; người duyệt xuất bản (ngày đăng trong "
            "tương lai là hẹn giờ) hoặc gỡ văn bản."
        ),
    )
    published_at = models.DateTimeField(
        _("ngày đăng"),
        default=timezone.now,
        help_text=_("Giờ Việt Nam. Đặt một thời điểm trong tương lai để hẹn giờ đăng."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xuất bản"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("ý kiến người duyệt"), blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    search_text = models.TextField(
        _("văn bản tìm kiếm"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Số ký hiệu, trích yếu và nội dung tệp, viết thường, bỏ dấu; tự tạo khi lưu."),
    )

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("lịch sử văn bản"),
        verbose_name_plural=_("lịch sử văn bản"),
        excluded_fields=["search_text", "number_key", "number_head", "symbol_key"],
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        permissions = [("publish_document", "Có thể xuất bản văn bản")]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        constraints = [
            # Per portal and issuer: two agencies may both have a "50/KH-UBND".
            models.UniqueConstraint(
                fields=["site", "issuer", "number_key"], name="document_number_per_issuer"
            ),
        ]
        indexes = [
            models.Index(
                fields=["site", "status", "-issued_on", "-id"], name="document_public_idx"
            ),
            # Pattern operators: numbers are also looked up by their start ("50/KH").
            models.Index(
                fields=["number_key"],
                name="document_number_idx",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["number_head", "symbol_key"],
                name="document_head_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["kind", "-issued_on", "-id"], name="document_kind_idx"),
            models.Index(fields=["issuer"], name="document_issuer_idx"),
            models.Index(fields=["field"], name="document_field_idx"),
            models.Index(fields=["site", "-published_at", "-id"], name="document_published_idx"),
        ]

    def __str__(self):
        return f"{self.kind.name} số {self.number}" if self.kind_id else self.number

    def save(self, *args, **kwargs):
        self.number = normalise_number(self.number)
        self.number_key = number_key(self.number)
        self.number_head = number_head(self.number_key)
        self.symbol_key = symbol_key(self.number_key)
        self.search_text = self.document_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "number",
                "number_key",
                "number_head",
                "symbol_key",
                "search_text",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"pk": self.pk})

    def get_print_url(self):
        return reverse("documents:print", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        self.number = normalise_number(self.number)
        if self.number and not is_valid_number(self.number):
            errors["number"] = _(
                "Số ký hiệu phải có dạng số/ký hiệu, ví dụ “50/KH-UBND” hoặc “15/2018/QĐ-UBND”."
            )
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        if self.expires_on and self.effective_on and self.expires_on <= self.effective_on:
            errors["expires_on"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if self.number and self.issuer:
            clash = Document.objects.filter(
                site_id=self.site_id, issuer=self.issuer, number_key=number_key(self.number)
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["number"] = _("Cơ quan này đã có văn bản số %(number)s.") % {
                    "number": self.number
                }
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() says it in words; the constraint on the folded key would say it in English.
        super().validate_constraints(exclude={*(exclude or ()), "number_key"})

    def document_text(self) -> str:
        """Return the stored search text: folded words of the number, fields and files."""
        parts = [
            self.number,
            self.kind.name if self.kind_id else "",
            self.issuer,
            self.field,
            self.summary,
            f"{self.signer} {self.signer_title}",
        ]
        if self.pk:
            parts.extend(self.files.values_list("text", flat=True))
        found = []
        for part in parts:
            found.extend(words(part))
            if len(found) >= MAX_SEARCH_WORDS:
                break
        return f" {' '.join(found[:MAX_SEARCH_WORDS])} "

    def is_public(self, now: dt.datetime | None = None) -> bool:
        """Return True if the public may see the document now."""
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.published_at <= now

    def state_label(self) -> str:
        """Return the status as staff mean it, telling scheduled apart."""
        if self.status == self.Status.PUBLISHED and self.published_at > timezone.now():
            return _("Hẹn giờ đăng")
        return self.get_status_display()

    def validity(self, today: dt.date, *, replaced: bool = False) -> Validity:
        """Return whether the document is in force on a (Vietnam) day.

        replaced says that a public document replacing it is in force that day
        (selectors.replacing_documents): that wins over the dates.
        """
        if replaced:
            return Validity.REPLACED
        if self.effective_on > today:
            return Validity.NOT_YET
        if self.expires_on is not None and self.expires_on <= today:
            return Validity.EXPIRED
        return Validity.IN_FORCE


def document_file_upload_to(instance, filename: str) -> str:
    """Return a random stored name with the extension of the recognised kind."""
    extension = KINDS[instance.kind].extension
    return f"van-ban/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def check_file(file) -> str:
    """Return the kind of an uploaded file, or raise ValidationError saying why it is refused.

    As attachments are checked (size, content), and the name must not say
    another kind: a DOCX called "ke-hoach.pdf" is refused.
    """
    kind = validate_attachment(file)
    extension = os.path.splitext(file.name or "")[1].lower().lstrip(".")
    if extension and extension != kind:
        raise ValidationError(
            _("Tệp tên “.%(extension)s” nhưng nội dung là %(kind)s: hãy kiểm tra lại tệp.")
            % {"extension": extension, "kind": KINDS[kind].label},
            code="mismatch",
        )
    return kind


class DocumentFile(StoredFile):
    """A file of a document, downloaded only through the portal's own view."""

    class TextState(models.TextChoices):
        EXTRACTED = "extracted", _("Đã trích nội dung")
        EMPTY = "empty", _("Không có chữ (bản quét?)")
        FAILED = "failed", _("Không đọc được (mã hóa hoặc hỏng)")
        UNSUPPORTED = "unsupported", _("Loại tệp không trích nội dung")

    # The functional form reads pairs as (member name, value): the value with its
    # label goes second, or "pdf" is stored under a choice "PDF" labelled "Pdf".
    Kind = models.TextChoices(
        "Kind", [(key.upper(), (key, kind.label)) for key, kind in KINDS.items()]
    )

    document = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(
        _("tên hiển thị"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ “Phụ lục kèm theo”. Để trống để dùng tên tệp gốc."),
    )
    file = models.FileField(
        _("tệp"),
        upload_to=document_file_upload_to,
        storage=AttachmentStorage(),
        max_length=200,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX hoặc ODT, tối đa 20 MB; kiểm tra theo nội dung."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, editable=False)
    text = models.TextField(_("nội dung trích ra"), blank=True, editable=False)
    text_state = models.CharField(
        _("trích nội dung"),
        max_length=20,
        choices=TextState.choices,
        default=TextState.UNSUPPORTED,
        editable=False,
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")

    def read_new_file(self, kind: str) -> None:
        extracted = extract_text(self.file, kind)
        self.text, self.text_state = extracted.text, extracted.state

    def check_new_file(self) -> None:
        check_file(self.file)

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"pk": self.pk})


class DocumentRelation(models.Model):
    """One document replaces, amends or guides another; the other shows the reverse."""

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("Thay thế")
        AMENDS = "amends", _("Sửa đổi, bổ sung")
        GUIDES = "guides", _("Hướng dẫn")

    # What the other document says of this relation.
    REVERSE_LABELS = {
        Kind.REPLACES: _("Bị thay thế bởi"),
        Kind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
        Kind.GUIDES: _("Được hướng dẫn bởi"),
    }

    source = models.ForeignKey(
        Document,
        verbose_name=_("văn bản này"),
        on_delete=models.CASCADE,
        related_name="relations",
    )
    kind = models.CharField(_("quan hệ"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name=_("văn bản được nói đến"),
        on_delete=models.CASCADE,
        related_name="related_from",
    )

    class Meta:
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="document_relation_once"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source} – {self.get_kind_display()} – {self.target}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("Một văn bản không thể liên quan đến chính nó.")})
