"""The admin of many portals: each staff member works on the portal of the host they open.

The admin answers on every portal's host names; what it shows and changes is
the content of the portal the Host header picked (request.site). A staff
member who is not one of that portal's staff gets the log-in page's "not
authorised" answer; superusers manage every portal and may switch between them.

What lives here knows nothing of news: PortalContentAdmin and PortalChildInline
work on any model with a `site` foreign key (or a parent that has one).
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.sites import current_site_id
from portals.models import HostName, Portal
from portals.selectors import all_profiles, forget_portals, profile


def request_site_id(request) -> int:
    """Return the id of the portal a request is for (its host's; the active one without)."""
    site = getattr(request, "site", None)
    return site.id if site is not None else current_site_id()


def is_portal_staff(request) -> bool:
    """Return whether the request's user may manage the portal of the request's host."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    site_id = request_site_id(request)
    # Asked several times per admin page (the view, the menu, the template): once per request.
    known = request.__dict__.setdefault("_portal_staff", {})
    key = (user.pk, site_id)
    if key not in known:
        known[key] = user.portals.filter(pk=site_id).exists()
    return known[key]


def admin_url_on(request, domain: str, path: str) -> str:
    """Return the address of path on another host, with this request's scheme and port."""
    scheme = request.scheme
    port = request.get_port()
    default_port = {"http": "80", "https": "443"}.get(scheme)
    suffix = f":{port}" if port and port != default_port else ""
    return f"{scheme}://{domain}{suffix}{path}"


class PortalAdminSite(admin.AdminSite):
    """The default admin site: a portal's staff (or a superuser) on the portal's own host."""

    site_title = gettext_lazy("Quản trị cổng thông tin")
    index_title = gettext_lazy("Quản trị nội dung")

    def __init__(self, name="admin"):
        super().__init__(name)
        # Not with @admin.register: this module is imported while admin.site is being made,
        # and reaching admin.site from here would make (and register on) a second site.
        self.register(Portal, PortalAdmin)

    def has_permission(self, request):
        return super().has_permission(request) and is_portal_staff(request)

    def get_urls(self):
        urls = super().get_urls()
        for position, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[position] = path(
                    "r/<int:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(self, request, content_type_id, object_id):
        """contrib.contenttypes' shortcut, for the portal's own content only.

        The stock view finds any row by its id and redirects to its address on
        its own portal's domain: another portal's draft would show its slug.
        """
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None and has_site(model):
                mine = model._default_manager.filter(
                    pk=object_id, site_id=request_site_id(request)
                ).exists()
                if not mine:
                    raise Http404
        except (ContentType.DoesNotExist, ValueError, ValidationError) as error:
            raise Http404 from error
        return shortcut(request, content_type_id, object_id)

    def each_context(self, request):
        context = super().each_context(request)
        portal = getattr(request, "portal", None) or profile(request_site_id(request))
        if portal is not None:
            context["site_header"] = portal.name
            context["current_portal"] = portal
        if self.has_permission(request):
            context["other_portals"] = self.other_portals(request)
        return context

    def other_portals(self, request) -> list[dict]:
        """Return the user's other portals (every portal for a superuser), with their admin."""
        user = request.user
        profiles = all_profiles()
        if not user.is_superuser:
            mine = set(user.portals.values_list("pk", flat=True))
            profiles = [p for p in profiles if p.site_id in mine]
        here = request_site_id(request)
        index = reverse("admin:index", current_app=self.name)
        return [
            {"name": p.name, "domain": p.domain, "url": admin_url_on(request, p.domain, index)}
            for p in profiles
            if p.site_id != here
        ]


# Portal content ---------------------------------------------------------------


def has_site(model) -> bool:
    return any(field.name == "site" for field in model._meta.concrete_fields)


class PortalRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a foreign key that offers only the portal's own rows."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        rows = field.related_model._default_manager.filter(site_id=request_site_id(request))
        if ordering:
            rows = rows.order_by(*ordering)
        return [(row.pk, str(row)) for row in rows]


class PortalSlugFormMixin:
    """Refuse a slug another row of the same portal has (the form leaves out `site`,
    so Django would not check the (site, slug) constraint, and the database would)."""

    # Set by PortalContentAdmin.get_form.
    portal_site_id = None

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug and self.portal_site_id is not None:
            model = self._meta.model
            taken = model._default_manager.filter(site_id=self.portal_site_id, slug=slug)
            if self.instance.pk is not None:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise ValidationError(
                    _(
                        "Đường dẫn “%(slug)s” đã được dùng cho một %(what)s khác của cổng này: "
                        "hãy chọn đường dẫn khác hoặc để trống để tạo tự động."
                    )
                    % {"slug": slug, "what": model._meta.verbose_name},
                    code="slug_taken",
                )
        return slug


class PortalContentAdmin:
    """Mixin of a ModelAdmin whose model has a `site`: the host's portal's rows only.

    Lists, change, delete and history pages, bulk actions and list filters see
    the portal's rows; a new row belongs to the portal; a foreign key to
    another portal content model offers (and accepts) only the portal's rows.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).filter(site_id=request_site_id(request))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.portal_site_id = obj.site_id if obj is not None else request_site_id(request)
        return form

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        if not change:
            obj.site_id = request_site_id(request)
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and has_site(db_field.related_model):
            formfield.queryset = formfield.queryset.filter(site_id=request_site_id(request))
        return formfield

    def get_list_filter(self, request):
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str):
                field = self.model._meta.get_field(item) if "__" not in item else None
                if field is not None and field.is_relation and has_site(field.related_model):
                    item = (item, PortalRelatedFieldListFilter)
            filters.append(item)
        return filters

    # simple_history: the history of the portal's rows only, deleted ones included.
    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return records.filter(site_id=request_site_id(request))


class PortalChildInline:
    """Mixin of an inline whose parent is portal content: rows of the portal's parents only."""

    # The lookup from the inline's model to its portal, e.g. "article__site_id".
    portal_lookup = ""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.filter(**{self.portal_lookup: request_site_id(request)})


# The portals themselves: superusers only ---------------------------------------


class HostNameFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = {
            form.cleaned_data.get("name")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        }
        domain = self.instance.site.domain
        if domain not in kept:
            raise ValidationError(
                _("Tên miền chính “%(domain)s” của cổng phải được giữ: các liên kết dùng nó.")
                % {"domain": domain}
            )


class HostNameInline(admin.TabularInline):
    model = HostName
    formset = HostNameFormSet
    extra = 1


class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)


class PortalAdmin(SuperuserOnly, admin.ModelAdmin):
    """Profiles, host names and staff of the portals; portals are made with add_site."""

    list_display = ["name", "domain", "agency", "hotline"]
    search_fields = ["name", "agency", "host_names__name"]
    fields = ["name", "agency", "address", "hotline", "email", "logo", "colour", "staff"]
    filter_horizontal = ["staff"]
    inlines = [HostNameInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("site")

    @admin.display(description=gettext_lazy("tên miền chính"), ordering="site__domain")
    def domain(self, portal):
        return portal.site.domain

    def has_add_permission(self, request):
        # A portal comes with its Site and default categories: `manage.py add_site`.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "staff":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Host names and profiles are kept by every process: read them afresh.
        transaction.on_commit(forget_portals)
