"""Admin of documents: the articles' workflow buttons, files checked on upload, relations."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from documents import services
from documents.models import Document, DocumentFile, DocumentKind, DocumentRelation, check_file
from documents.numbers import number_key
from news.admin import (
    AttachmentFileWidget,
    StoredFileInline,
    WorkflowAdminMixin,
    WorkflowFormMixin,
)
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


class DocumentFileInline(StoredFileInline):
    model = DocumentFile
    workflow = services.DOCUMENTS
    portal_lookup = "document__site_id"
    fields = ["file", "title", "order", "kind", "size_display", "text_state"]
    formfield_overrides = {
        models.FileField: {"widget": AttachmentFileWidget, "form_class": CheckedFileField}
    }
    readonly_fields = ["kind", "size_display", "text_state"]


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


class DocumentAdminForm(WorkflowFormMixin, forms.ModelForm):
    workflow = services.DOCUMENTS
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

    def clean(self):
        if self.instance.pk is None and self.portal_site_id is not None:
            # The number's uniqueness (Document.clean) is per portal: a new one's must be known.
            self.instance.site_id = self.portal_site_id
        cleaned = super().clean()
        self.check_workflow(cleaned)
        return cleaned


@admin.register(Document)
class DocumentAdmin(WorkflowAdminMixin, PortalContentAdmin, SimpleHistoryAdmin):
    form = DocumentAdminForm
    workflow = services.DOCUMENTS
    action_messages = ACTION_MESSAGES
    button_labels = BUTTON_LABELS
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            fields.append("published_at")
        return fields

    def apply_action(self, request, obj, *, action, at, note):
        services.apply_action(document=obj, user=request.user, action=action, at=at, note=note)

    def transition(self, request, obj, to_status):
        return services.transition_document(document=obj, to_status=to_status, user=request.user)

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
