"""Admin for editors, in Vietnamese, with CKEditor 5 on the article body.

The editorial workflow (who may submit, publish and unpublish) lives in
news.services; the admin only offers what the user may do and calls it.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.html import format_html
from django_ckeditor_5.widgets import CKEditor5Widget
from simple_history.admin import SimpleHistoryAdmin

from news import services
from news.images import open_validated_image
from news.models import Album, Article, Attachment, Category, Link, Photo
from news.services import add_photos


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class PictureField(forms.ImageField):
    """An image field that says why a picture is refused, a decompression bomb included."""

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is not None:
            open_validated_image(file).close()
        return file


class ArticleAdminForm(forms.ModelForm):
    # Set by ArticleAdmin.get_form: the workflow depends on who submits.
    user = None

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "lead",
            "body",
            "byline",
            "source",
            "image",
            "image_alt",
            "status",
            "published_at",
            "expires_at",
            "featured",
        ]
        field_classes = {"image": PictureField}
        widgets = {
            "body": CKEditor5Widget(config_name="default"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_status = (
            Article.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
            if self.instance.pk
            else None
        )
        if "status" in self.fields and self.user is not None:
            # Offering only what the user may choose is a courtesy; clean() is the rule.
            allowed = services.allowed_statuses(user=self.user, status=self.stored_status)
            self.fields["status"].choices = [
                choice for choice in Article.Status.choices if choice[0] in allowed
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", ValidationError("Hãy mô tả ảnh cho người khiếm thị."))
        status = cleaned.get("status")
        if status and self.user is not None:
            try:
                services.check_transition(
                    user=self.user, from_status=self.stored_status, to_status=status
                )
            except (PermissionDenied, ValidationError) as error:
                message = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.add_error("status", message)
        return cleaned


@dataclass(frozen=True)
class DownloadLink:
    """What the admin's file widget shows of a stored file: a name and where to get it."""

    url: str
    name: str

    def __str__(self):
        return self.name


class AttachmentFileWidget(AdminFileWidget):
    """Show a stored attachment by its original name, linked through the download view.

    Attachments have no media URL (only the download view serves them), and
    the stock widget asks the file for one.
    """

    def is_initial(self, value):
        return bool(value and getattr(value, "instance", None) and value.instance.pk)

    def format_value(self, value):
        if self.is_initial(value):
            attachment = value.instance
            return DownloadLink(url=attachment.get_absolute_url(), name=attachment.original_name)
        return None


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ["file", "title", "order", "kind", "size_display"]
    formfield_overrides = {models.FileField: {"widget": AttachmentFileWidget}}
    readonly_fields = ["kind", "size_display", "download"]

    def get_fields(self, request, obj=None):
        # The admin shows a read-only file through its URL, which attachments do not have.
        if self.has_change_permission(request, obj):
            return self.fields
        return ["download" if name == "file" else name for name in self.fields]

    @admin.display(description="Tệp")
    def download(self, attachment):
        return format_html(
            '<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.original_name
        )

    @admin.display(description="Dung lượng")
    def size_display(self, attachment):
        return attachment.describe() if attachment.pk else "–"

    def _article_editable(self, request, obj) -> bool:
        return obj is None or services.can_edit(user=request.user, status=obj.status)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    inlines = [AttachmentInline]
    list_display = [
        "title",
        "category",
        "status_display",
        "published_at",
        "byline",
        "published_by",
        "featured",
    ]
    list_filter = ["status", "category", "featured", "published_at"]
    list_select_related = ["category", "published_by"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    readonly_fields = ["published_by", "created_at", "updated_at"]
    object_history_list_template = "admin/news/article/history_list.html"
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        ("Tác giả và nguồn", {"fields": ["byline", "source"]}),
        ("Ảnh đại diện", {"fields": ["image", "image_alt"]}),
        (
            "Xuất bản",
            {"fields": ["status", "published_at", "expires_at", "featured", "published_by"]},
        ),
        ("Lịch sử", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="Trạng thái", ordering="status")
    def status_display(self, article):
        return article.state_label()

    # Permissions ------------------------------------------------------------

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(user=request.user, status=obj.status)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            # When an article appears or leaves the site is the approvers' call.
            fields += ["published_at", "expires_at"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    # Saving -------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        at = form.cleaned_data.get("published_at") if "published_at" in form.changed_data else None
        was_published = form.stored_status == Article.Status.PUBLISHED
        try:
            services.save_article(article=obj, user=request.user, at=at)
        except ValidationError as error:
            # The form checked the same rules; this is a change made meanwhile by someone else.
            raise PermissionDenied(error.messages[0]) from error
        if obj.status == Article.Status.PUBLISHED and not was_published:
            self._warn_missing_source(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version is a change of the article as it is now, not as it was.
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _warn_missing_source(self, request, article):
        if not article.source.strip():
            self.message_user(
                request,
                f"Bài “{article}” được xuất bản mà chưa ghi nguồn: "
                "hãy bổ sung nếu bài lấy từ nơi khác.",
                messages.WARNING,
            )

    # Bulk actions -------------------------------------------------------------

    def _transition(self, request, queryset, to_status, done_message):
        done = 0
        for article in queryset:
            try:
                article = services.transition_article(
                    article=article, to_status=to_status, user=request.user
                )
            except (PermissionDenied, ValidationError) as error:
                reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"“{article}”: {reason}", messages.ERROR)
                continue
            done += 1
            if to_status == Article.Status.PUBLISHED:
                self._warn_missing_source(request, article)
        if done:
            self.message_user(request, done_message.format(count=done), messages.SUCCESS)

    @admin.action(description="Gửi duyệt các bài đã chọn", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._transition(request, queryset, Article.Status.PENDING, "Đã gửi duyệt {count} bài.")

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._transition(request, queryset, Article.Status.PUBLISHED, "Đã xuất bản {count} bài.")

    @admin.action(description="Gỡ các bài đã chọn", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._transition(request, queryset, Article.Status.UNPUBLISHED, "Đã gỡ {count} bài.")


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "order", "active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["title", "url"]


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """A file field that takes several images at once and cleans them into a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleImageField, self).clean(file, initial) for file in files]


class AlbumAdminForm(forms.ModelForm):
    new_photos = MultipleImageField(
        label="Tải thêm ảnh",
        required=False,
        help_text="Chọn một hoặc nhiều ảnh JPEG, PNG, GIF hoặc WebP (mỗi ảnh tối đa 20 MB, "
        "40 megapixel). Ảnh được xoay đúng chiều và bỏ siêu dữ liệu khi lưu.",
    )
    new_photos_alt = forms.CharField(
        label="Mô tả cho các ảnh mới",
        required=False,
        max_length=300,
        help_text="Văn bản thay thế cho người khiếm thị; có thể sửa riêng từng ảnh sau khi lưu.",
    )
    new_photos_caption = forms.CharField(label="Chú thích cho các ảnh mới", required=False)

    class Meta:
        model = Album
        fields = ["title", "slug", "date", "description", "order", "published"]

    def clean_new_photos(self):
        uploads, errors = self.cleaned_data.get("new_photos") or [], []
        for upload in uploads:
            try:
                # Decoded again one by one when stored, so that memory holds one image at a time.
                open_validated_image(upload).close()
            except ValidationError as error:
                errors.append(f"{upload.name}: {error.messages[0]}")
        if errors:
            raise ValidationError(errors)
        return uploads

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_photos") and not cleaned.get("new_photos_alt", "").strip():
            self.add_error("new_photos_alt", ValidationError("Hãy mô tả các ảnh mới."))
        return cleaned


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ["preview", "caption", "alt_text", "date", "order"]
    readonly_fields = ["preview"]
    extra = 0
    # New photos come through the album's multiple upload, which makes the narrower copies.

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Ảnh")
    def preview(self, photo):
        return format_html(
            '<img src="{}" alt="{}" width="160">', photo.rendition_url(320), photo.alt_text
        )


@admin.register(Album)
class AlbumAdmin(admin.ModelAdmin):
    form = AlbumAdminForm
    inlines = [PhotoInline]
    list_display = ["title", "date", "photo_count", "order", "published"]
    list_editable = ["order", "published"]
    list_filter = ["published"]
    search_fields = ["title"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "date", "description", "order", "published"]}),
        ("Tải ảnh lên", {"fields": ["new_photos", "new_photos_alt", "new_photos_caption"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description="Số ảnh", ordering="photo_total")
    def photo_count(self, album):
        return album.photo_total

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        uploads = form.cleaned_data.get("new_photos")
        if uploads:
            added = add_photos(
                album=form.instance,
                uploads=uploads,
                alt_text=form.cleaned_data["new_photos_alt"].strip(),
                caption=form.cleaned_data.get("new_photos_caption", "").strip(),
            )
            self.message_user(request, f"Đã thêm {len(added)} ảnh vào album.")
