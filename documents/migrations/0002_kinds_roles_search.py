from django.db import migrations

from news.migration_sql import postgresql_only

# The kinds a city's agencies issue most, with the abbreviations of their symbols;
# editors add the others in the admin.
KINDS = [
    ("Kế hoạch", "KH"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
    ("Nghị quyết", "NQ"),
    ("Hướng dẫn", "HD"),
    ("Tờ trình", "TTr"),
    ("Công điện", "CĐ"),
]

EDITOR_PERMISSIONS = [
    "add_document",
    "change_document",
    "view_document",
    "add_documentfile",
    "change_documentfile",
    "delete_documentfile",
    "view_documentfile",
    "add_documentrelation",
    "change_documentrelation",
    "delete_documentrelation",
    "view_documentrelation",
    # Editors extend the list of kinds.
    "add_documentkind",
    "change_documentkind",
    "view_documentkind",
]
# The groups of news's migration 0002: the same newsroom handles documents.
ROLES = {
    "Biên tập viên": EDITOR_PERMISSIONS,
    "Người duyệt": [*EDITOR_PERMISSIONS, "publish_document"],
}

# The words of search_text (documents.models.Document.document_text) in the
# configuration of news's migration 0004, stored and GIN-indexed: the column
# news.search.schema.document_matches() reads, as on articles.
FORWARD = [
    "ALTER TABLE documents_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('vietnamese_unaccent'::regconfig, search_text)) STORED",
    "CREATE INDEX document_search_vector_idx ON documents_document USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS document_search_vector_idx",
    "ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector",
]


def add_kinds(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for order, (name, code) in enumerate(KINDS):
        DocumentKind.objects.get_or_create(name=name, defaults={"code": code, "order": order})


def grant_roles(apps, schema_editor):
    """Give the editorial groups the documents' permissions."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("documents")
    historical = getattr(config, "models_module", None) is None
    if historical:
        config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    if historical:
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="documents", codename__in=codenames
        )
        assert permissions.count() == len(codenames), "a documents permission is missing"
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_initial"),
        ("news", "0002_workflow"),
        ("news", "0004_search"),
    ]

    operations = [
        migrations.RunPython(add_kinds, migrations.RunPython.noop),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
        migrations.RunPython(postgresql_only(*FORWARD), postgresql_only(*BACKWARD)),
    ]
