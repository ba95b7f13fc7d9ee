"""Admin of photo albums: several photos uploaded at once, each re-encoded (news.services)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.html import format_html

from news.models import Album, Photo
from news.services import add_photos
from news.uploads.images import open_validated_image
from portals.admin import PortalChildInline, PortalContentAdmin, PortalSlugFormMixin


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


class AlbumAdminForm(PortalSlugFormMixin, forms.ModelForm):
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


class PhotoInline(PortalChildInline, admin.TabularInline):
    model = Photo
    portal_lookup = "album__site_id"
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
class AlbumAdmin(PortalContentAdmin, admin.ModelAdmin):
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
