"""Admin for editors, in Vietnamese, with CKEditor 5 on the article body."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django_ckeditor_5.widgets import CKEditor5Widget

from news.images import open_validated_image
from news.models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class ArticleAdminForm(forms.ModelForm):
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
        widgets = {
            "body": CKEditor5Widget(config_name="default"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):
            open_validated_image(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", ValidationError("Hãy mô tả ảnh cho người khiếm thị."))
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "category", "status", "published_at", "byline", "featured"]
    list_filter = ["status", "category", "featured", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        ("Tác giả và nguồn", {"fields": ["byline", "source"]}),
        ("Ảnh đại diện", {"fields": ["image", "image_alt"]}),
        ("Xuất bản", {"fields": ["status", "published_at", "expires_at", "featured"]}),
        ("Lịch sử", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
