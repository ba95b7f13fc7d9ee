"""Admin of documents: the articles' workflow buttons, files checked on upload, relations."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from documents import services
from documents.models import Document, DocumentFile, DocumentKind, DocumentRelation, check_file
from documents.numbers import number_key
from news.admin import STAY_ACTIONS, ArticleHistoryHelper, AttachmentFileWidget
from news.services import Action
from portals.admin import PortalChildInline, PortalContentAdmin, request_site_id

ACTION_MESSAGES = {
    Action.SAVE_DRAFT: _("Đã lưu nháp."),
    Action.SUBMIT: _("Đã gửi văn bản cho người duyệt."),
    Action.PUBLISH: _("Đã xuất bản văn bản."),
    Action.SCHEDULE: _("Đã hẹn giờ đăng văn bản lúc {at}."),
    Action.RETURN: _("Đã trả văn bản lại cho biên tập viên kèm ý kiến."),
    Action.UNPUBLISH: _("Đã gỡ văn bản khỏi trang."),
}
# The articles' buttons, in the words of documents where they differ.
BUTTON_LABELS = {Action.UNPUBLISH: _("Gỡ văn bản")}


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


class CheckedFileField(forms.FileField):
    """A file field that says why a file is refused: size, content, a name of another kind."""

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            check_file(file)
        return file


class DocumentFileInline(PortalChildInline, admin.TabularInline):
    model = DocumentFile
    portal_lookup = "document__site_id"
    extra = 1
    fields = ["file", "title", "order", "kind", "size_display", "text_state"]
    formfield_overrides = {
        models.FileField: {"widget": AttachmentFileWidget, "form_class": CheckedFileField}
    }
    readonly_fields = ["kind", "size_display", "text_state"]

    @admin.display(description=_("Dung lượng"))
    def size_display(self, stored):
        return stored.describe() if stored.pk else "–"

    def _editable(self, request, obj) -> bool:
        return obj is None or services.can_edit(user=request.user, status=obj.status)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


class DocumentRelationInline(PortalChildInline, admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    portal_lookup = "source__site_id"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name = _("văn bản liên quan (văn bản này thay thế, sửa đổi hoặc hướng dẫn)")
    verbose_name_plural = _("văn bản liên quan (văn bản này thay thế, sửa đổi hoặc hướng dẫn)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "target" and formfield is not None:
            # A document relates to its own portal's documents only, whatever a POST names.
            formfield.queryset = formfield.queryset.filter(site_id=request_site_id(request))
        return formfield

    def _editable(self, request, obj) -> bool:
        return obj is None or services.can_edit(user=request.user, status=obj.status)

    def has_add_permission(self, request, obj):
        return self._editable(request, obj) and services.can_edit(user=request.user, status=None)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and services.can_edit(user=request.user, status=None)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and services.can_edit(user=request.user, status=None)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("documents.view_document")


class DocumentAdminForm(forms.ModelForm):
    # Set by DocumentAdmin.get_form: the workflow depends on who submits and which button.
    user = None
    action = None
    # Set by PortalContentAdmin.get_form: the portal the document is (or will be) of.
    portal_site_id = None

    return_note = forms.CharField(
        label=_("Ý kiến gửi biên tập viên"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi bấm “Trả lại”: biên tập viên thấy ý kiến này trên văn bản."),
    )

    class Meta:
        model = Document
        fields = [
            "number",
            "kind",
            "issuer",
            "signer",
            "signer_title",
            "issued_on",
            "effective_on",
            "expires_on",
            "field",
            "summary",
            "published_at",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = None
        if self.instance.pk:
            stored = (
                Document.objects.filter(pk=self.instance.pk)
                .values_list("status", "review_note")
                .first()
            )
        self.stored_status, self.stored_note = stored or (None, "")

    def chosen_action(self) -> str:
        """Return the button pressed; a POST without one keeps the document where it is."""
        if self.action:
            return self.action
        if self.stored_status in (None, Document.Status.DRAFT):
            return Action.SAVE_DRAFT
        return Action.SAVE

    def clean(self):
        if self.instance.pk is None and self.portal_site_id is not None:
            # The number's uniqueness (Document.clean) is per portal: a new one's must be known.
            self.instance.site_id = self.portal_site_id
        cleaned = super().clean()
        if self.user is not None:
            published_at = cleaned.get("published_at", self.instance.published_at)
            try:
                to_status, _at = services.plan_action(
                    user=self.user,
                    status=self.stored_status,
                    action=self.chosen_action(),
                    published_at=published_at,
                    note=cleaned.get("return_note", ""),
                )
            except PermissionDenied as error:
                self.add_error(None, str(error))
            except ValidationError as error:
                errors = (
                    error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
                )
                for name, field_errors in errors.items():
                    name = "return_note" if name == "review_note" else name
                    self.add_error(name if name in self.fields else None, field_errors)
            else:
                self.instance.status = to_status
                self.instance.review_note = self.stored_note
        return cleaned


@admin.register(Document)
class DocumentAdmin(PortalContentAdmin, SimpleHistoryAdmin):
    form = DocumentAdminForm
    inlines = [DocumentFileInline, DocumentRelationInline]
    list_display = ["number", "kind", "issuer", "issued_on", "status_label", "published_at"]
    list_display_links = ["number"]
    list_filter = ["status", "kind", "issued_on", "field"]
    list_select_related = ["kind"]
    search_fields = ["number", "summary", "issuer"]
    date_hierarchy = "issued_on"
    readonly_fields = ["published_by", "created_at", "updated_at"]
    change_form_template = "admin/documents/document/change_form.html"
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["number", "kind", "issuer", "summary", "field"]}),
        (_("Người ký"), {"fields": ["signer", "signer_title"]}),
        (_("Ngày tháng"), {"fields": ["issued_on", "effective_on", "expires_on"]}),
        (_("Xuất bản"), {"fields": ["published_at", "published_by"]}),
        (
            _("Thời điểm tạo và sửa"),
            {"fields": ["created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, document):
        return format_html(
            '<span class="status-label status-{}">{}</span>',
            "scheduled"
            if document.status == Document.Status.PUBLISHED
            and document.published_at > timezone.now()
            else document.status,
            document.state_label(),
        )

    def get_search_results(self, request, queryset, search_term):
        # "50/kh-ubnd", "50 / KH – UBND": the folded key finds every spelling.
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        key = number_key(search_term)
        if key:
            queryset |= self.model.objects.filter(number_key__startswith=key)
        return queryset, duplicates

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and Action.RETURN in self._actions(request, obj):
            fieldsets = [*fieldsets, (_("Duyệt văn bản"), {"fields": ["return_note"]})]
        return fieldsets

    def get_historical_record_context_helper(self, request, historical_record):
        return ArticleHistoryHelper(self.model, historical_record)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(user=request.user, status=obj.status)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            fields.append("published_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        form.action = request.POST.get("_action") if request.method == "POST" else None
        return form

    def _actions(self, request, obj) -> list[Action]:
        return services.available_actions(user=request.user, status=obj.status if obj else None)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        actions = services.available_actions(user=request.user, status=form.stored_status)
        context.update(
            workflow_actions=[
                (action.value, BUTTON_LABELS.get(action, action.label)) for action in actions
            ],
            review_note=form.stored_note if obj is not None else "",
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        at = form.cleaned_data.get("published_at") if "published_at" in form.changed_data else None
        action = form.chosen_action()
        try:
            services.apply_action(
                document=obj,
                user=request.user,
                action=action,
                at=at,
                note=form.cleaned_data.get("return_note", ""),
            )
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from error
        if action in ACTION_MESSAGES:
            at_text = f"{timezone.localtime(obj.published_at):%d/%m/%Y %H:%M}"
            self.message_user(request, str(ACTION_MESSAGES[action]).format(at=at_text))

    def response_add(self, request, obj, post_url_continue=None):
        return super().response_add(self._staying(request), obj, post_url_continue)

    def response_change(self, request, obj):
        return super().response_change(self._staying(request), obj)

    @staticmethod
    def _staying(request):
        if request.POST.get("_action") in STAY_ACTIONS:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return request

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version is a change of the document as it is now, not as it was.
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _transition(self, request, queryset, to_status, done_message):
        done = 0
        for document in queryset:
            try:
                services.transition_document(
                    document=document, to_status=to_status, user=request.user
                )
            except (PermissionDenied, ValidationError) as error:
                reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"“{document}”: {reason}", messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(request, done_message.format(count=done), messages.SUCCESS)

    @admin.action(description=_("Gửi duyệt các văn bản đã chọn"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._transition(
            request, queryset, Document.Status.PENDING, "Đã gửi duyệt {count} văn bản."
        )

    @admin.action(description=_("Xuất bản các văn bản đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._transition(
            request, queryset, Document.Status.PUBLISHED, "Đã xuất bản {count} văn bản."
        )

    @admin.action(description=_("Gỡ các văn bản đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._transition(request, queryset, Document.Status.UNPUBLISHED, "Đã gỡ {count} văn bản.")
