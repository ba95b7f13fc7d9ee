"""Admin for editors, in Vietnamese, with CKEditor 5 on the article body.

The editorial workflow (who may submit, publish and unpublish) lives in
news.workflow and news.services; the admin only offers what the user may do and calls them.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from html.parser import HTMLParser

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from news import services
from news.gallery import admin as gallery_admin  # noqa: F401  (registers the album admin)
from news.models import Article, Attachment, Category, Link
from news.republishing import republish_view
from news.uploads.images import open_validated_image
from news.workflow import Action, Status, Workflow
from portals.admin import (
    PortalChildInline,
    PortalContentAdmin,
    PortalSlugFormMixin,
    request_site_id,
)


class CategoryAdminForm(PortalSlugFormMixin, forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "order", "description"]


@admin.register(Category)
class CategoryAdmin(PortalContentAdmin, admin.ModelAdmin):
    form = CategoryAdminForm
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


class WorkflowFormMixin:
    """The workflow of a change form of articles or documents: the stored status, the button.

    The form's clean() calls check_workflow; the admin (WorkflowAdminMixin)
    sets who submits and which button.
    """

    workflow: Workflow
    user = None
    action = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A restored version carries its old status and note: the stored ones count.
        stored = None
        if self.instance.pk:
            stored = (
                self._meta.model.objects.filter(pk=self.instance.pk)
                .values_list("status", "review_note")
                .first()
            )
        self.stored_status, self.stored_note = stored or (None, "")

    def chosen_action(self) -> str:
        """Return the button pressed; a POST without one keeps the content where it is."""
        if self.action:
            return self.action
        if self.stored_status in (None, Status.DRAFT):
            return Action.SAVE_DRAFT
        return Action.SAVE

    def check_workflow(self, cleaned: dict) -> None:
        """Add the workflow's refusal of the button to the form's errors, if it refuses."""
        if self.user is None:
            return
        published_at = cleaned.get("published_at", self.instance.published_at)
        try:
            to_status, _at = self.workflow.plan_action(
                user=self.user,
                status=self.stored_status,
                action=self.chosen_action(),
                published_at=published_at,
                note=cleaned.get("return_note", ""),
            )
        except PermissionDenied as error:
            self.add_error(None, str(error))
        except ValidationError as error:
            self._add_workflow_error(error)
        else:
            # The model's own checks (a byline to publish) then see where it goes.
            self.instance.status = to_status
            self.instance.review_note = self.stored_note

    def _add_workflow_error(self, error: ValidationError) -> None:
        errors = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        for field, field_errors in errors.items():
            field = "return_note" if field == "review_note" else field
            # A field the user cannot edit is shown read-only: say it above the form.
            self.add_error(field if field in self.fields else None, field_errors)


class ArticleAdminForm(WorkflowFormMixin, PortalSlugFormMixin, forms.ModelForm):
    workflow = services.ARTICLES

    # Not the model's field, which no one edits: the approver writes it when returning.
    return_note = forms.CharField(
        label=_("Ý kiến gửi biên tập viên"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi bấm “Trả lại”: biên tập viên thấy ý kiến này trên bài."),
    )

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
            "published_at",
            "expires_at",
            "featured",
        ]
        field_classes = {"image": PictureField}
        widgets = {
            "body": CKEditor5Widget(config_name="default"),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", ValidationError("Hãy mô tả ảnh cho người khiếm thị."))
        self.check_workflow(cleaned)
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


class StoredFileInline(PortalChildInline, admin.TabularInline):
    """Inline of the files (StoredFile) of an article or a document, changed as their parent."""

    workflow: Workflow
    extra = 1

    @admin.display(description=_("Dung lượng"))
    def size_display(self, stored):
        return stored.describe() if stored.pk else "–"

    def _parent_editable(self, request, obj) -> bool:
        return obj is None or self.workflow.can_edit(user=request.user, status=obj.status)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # The admin shows a read-only file through its URL, which stored files do not have.
        if self.has_change_permission(request, obj):
            return fields
        return ["download" if name == "file" else name for name in fields]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "download"]

    @admin.display(description=_("Tệp"))
    def download(self, stored):
        return format_html('<a href="{}">{}</a>', stored.get_absolute_url(), stored.original_name)


class AttachmentInline(StoredFileInline):
    model = Attachment
    workflow = services.ARTICLES
    portal_lookup = "article__site_id"
    fields = ["file", "title", "order", "kind", "size_display"]
    formfield_overrides = {models.FileField: {"widget": AttachmentFileWidget}}
    readonly_fields = ["kind", "size_display"]


class ImagesWithoutAlt(HTMLParser):
    """Count the images of an HTML fragment that have no text alternative."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.count += 1


def images_without_alt(html: str) -> int:
    """Return how many images of the HTML have no (or an empty) alt text."""
    parser = ImagesWithoutAlt()
    parser.feed(html or "")
    parser.close()
    return parser.count


def history_value(field: models.Field, value) -> object:
    """Return a stored value as editors read it: labels, local time day first, Có/Không."""
    if value is None or value == "":
        return "(trống)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if field.name == "body":
        return strip_tags(value)
    return value


class ArticleHistoryHelper(HistoricalRecordContextHelper):
    """Write the changes between two versions in words, not as stored values."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        return history_value(field, super().prepare_delta_change_value(change, value))


class CreatorFilter(admin.SimpleListFilter):
    """Filter articles by the account that created them, as the history records it."""

    title = _("người tạo bài")
    parameter_name = "nguoi_tao"

    def lookups(self, request, model_admin):
        creators = Article.history.filter(
            history_type="+", history_user__isnull=False, site_id=request_site_id(request)
        )
        users = (
            get_user_model()
            .objects.filter(pk__in=creators.values("history_user"))
            .order_by("username")
        )
        return [(str(user.pk), user.get_username()) for user in users]

    def queryset(self, request, queryset):
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        if not self.value() or not self.value().isdecimal():
            return queryset
        created = Article.history.filter(history_type="+", history_user_id=int(self.value()))
        return queryset.filter(pk__in=created.values("id"))


# The buttons after which the editor stays on the article; the others return to the list.
STAY_ACTIONS = frozenset({Action.SAVE, Action.SAVE_DRAFT})
ACTION_MESSAGES = {
    Action.SAVE_DRAFT: _("Đã lưu nháp."),
    Action.SUBMIT: _("Đã gửi bài cho người duyệt."),
    Action.PUBLISH: _("Đã xuất bản bài."),
    Action.SCHEDULE: _("Đã hẹn giờ đăng bài lúc {at}."),
    Action.RETURN: _("Đã trả bài lại cho biên tập viên kèm ý kiến."),
    Action.UNPUBLISH: _("Đã gỡ bài khỏi trang."),
}


class WorkflowAdminMixin:
    """The workflow of the admin of articles or documents: rights, buttons, history, bulk moves.

    Its form is a WorkflowFormMixin; the subclass names its workflow and the
    messages of its buttons, and saves through its own services in
    apply_action and transition.
    """

    workflow: Workflow
    action_messages: dict[str, str] = {}
    # The buttons' words where they are not the Action's own.
    button_labels: dict[str, str] = {}

    def apply_action(self, request, obj, *, action: str, at, note: str) -> None:
        """Save obj as the button pressed says (the app's services.apply_action)."""
        raise NotImplementedError

    def transition(self, request, obj, to_status: str):
        """Move the stored obj to another status (the app's services), and return it."""
        raise NotImplementedError

    def get_historical_record_context_helper(self, request, historical_record):
        return ArticleHistoryHelper(self.model, historical_record)

    def has_publish_permission(self, request):
        return self.workflow.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.workflow.can_edit(user=request.user, status=obj.status)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        form.action = request.POST.get("_action") if request.method == "POST" else None
        return form

    def _actions(self, request, obj) -> list[Action]:
        status = obj.status if obj else None
        return self.workflow.available_actions(user=request.user, status=status)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        actions = self.workflow.available_actions(user=request.user, status=form.stored_status)
        context.update(
            workflow_actions=[
                (action.value, self.button_labels.get(action, action.label)) for action in actions
            ],
            review_note=form.stored_note if obj is not None else "",
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        at = form.cleaned_data.get("published_at") if "published_at" in form.changed_data else None
        action = form.chosen_action()
        try:
            self.apply_action(
                request, obj, action=action, at=at, note=form.cleaned_data.get("return_note", "")
            )
        except ValidationError as error:
            # The form checked the same rules; this is a change made meanwhile by someone else.
            raise PermissionDenied(error.messages[0]) from error
        if action in self.action_messages:
            at_text = f"{timezone.localtime(obj.published_at):%d/%m/%Y %H:%M}"
            self.message_user(request, str(self.action_messages[action]).format(at=at_text))

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(self._staying(request), obj, post_url_continue)

    def response_change(self, request, obj):
        return super().response_change(self._staying(request), obj)

    @staticmethod
    def _staying(request):
        # Saving a draft keeps the editor on the page, as "Lưu và tiếp tục sửa" did.
        if request.POST.get("_action") in STAY_ACTIONS:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return request

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version is a change of the content as it is now, not as it was.
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _transition(self, request, queryset, to_status, done_message):
        done = 0
        for obj in queryset:
            try:
                self.transition(request, obj, to_status)
            except (PermissionDenied, ValidationError) as error:
                reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"“{obj}”: {reason}", messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(request, done_message.format(count=done), messages.SUCCESS)


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, PortalContentAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    workflow = services.ARTICLES
    action_messages = ACTION_MESSAGES
    inlines = [AttachmentInline]
    list_display = ["title", "status_label", "category", "published_at", "published_by"]
    list_display_links = ["title"]
    list_filter = ["status", "category", CreatorFilter, "published_at"]
    list_select_related = ["category", "published_by"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    readonly_fields = ["published_by", "created_at", "updated_at"]
    change_form_template = "admin/news/article/change_form.html"
    object_history_list_template = "admin/news/article/history_list.html"
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        (_("Tác giả và nguồn"), {"fields": ["byline", "source"]}),
        (_("Ảnh đại diện"), {"fields": ["image", "image_alt"]}),
        (
            _("Xuất bản"),
            {"fields": ["published_at", "expires_at", "featured", "published_by"]},
        ),
        (
            _("Thời điểm tạo và sửa"),
            {"fields": ["created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-editor.js"]

    def get_urls(self):
        own = [
            path(
                "dang-lai/",
                self.admin_site.admin_view(functools.partial(republish_view, self)),
                name="news_article_republish",
            )
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        may = services.may_republish(user=request.user, site_id=request.site.id)
        return super().changelist_view(request, {**(extra_context or {}), "may_republish": may})

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, article):
        return format_html(
            '<span class="status-label status-{}">{}</span>',
            self._state(article),
            article.state_label(),
        )

    @staticmethod
    def _state(article) -> str:
        """Return the key of the label's colour: scheduled and expired are told apart."""
        if article.status == Article.Status.PUBLISHED:
            now = timezone.now()
            if article.published_at > now:
                return "scheduled"
            if article.expires_at is not None and article.expires_at <= now:
                return "expired"
        return article.status

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and Action.RETURN in self._actions(request, obj):
            # Where the approver writes why an article goes back, next to the buttons.
            fieldsets = [*fieldsets, (_("Duyệt bài"), {"fields": ["return_note"]})]
        return fieldsets

    # Permissions ------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            # When an article appears or leaves the site is the approvers' call.
            fields += ["published_at", "expires_at"]
        return fields

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        returned = None
        if obj is not None and form.stored_note:
            returned = obj.history.filter(history_change_reason="Trả lại").first()
        context.update(returned=returned)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Saving -------------------------------------------------------------------

    def apply_action(self, request, obj, *, action, at, note):
        services.apply_action(article=obj, user=request.user, action=action, at=at, note=note)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if (
            obj.status == Article.Status.PUBLISHED
            and form.stored_status != Article.Status.PUBLISHED
        ):
            self._warn_before_publishing(request, obj)

    def _warn_before_publishing(self, request, article):
        self._warn_missing_source(request, article)
        self._warn_missing_alt(request, article)

    def _warn_missing_source(self, request, article):
        if not article.source.strip():
            self.message_user(
                request,
                f"Bài “{article}” được xuất bản mà chưa ghi nguồn: "
                "hãy bổ sung nếu bài lấy từ nơi khác.",
                messages.WARNING,
            )

    def _warn_missing_alt(self, request, article):
        missing = images_without_alt(article.body)
        if missing:
            self.message_user(
                request,
                f"Bài “{article}” có {missing} ảnh trong nội dung chưa có mô tả "
                "(văn bản thay thế): "
                "hãy bấm vào ảnh, chọn nút “Thay đổi văn bản thay thế” và mô tả ảnh "
                "cho người khiếm thị.",
                messages.WARNING,
            )

    # Bulk actions -------------------------------------------------------------

    def transition(self, request, obj, to_status):
        article = services.transition_article(article=obj, to_status=to_status, user=request.user)
        if to_status == Article.Status.PUBLISHED:
            self._warn_before_publishing(request, article)
        return article

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
class LinkAdmin(PortalContentAdmin, admin.ModelAdmin):
    list_display = ["title", "url", "order", "active"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["title", "url"]
