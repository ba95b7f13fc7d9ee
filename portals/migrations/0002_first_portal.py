"""Make the first portal: the Site that a single-portal installation's content moves to."""

from django.db import migrations


def make_first_portal(apps, schema_editor):
    from portals.services import ensure_first_portal

    ensure_first_portal(
        site_model=apps.get_model("sites", "Site"),
        portal_model=apps.get_model("portals", "Portal"),
        host_model=apps.get_model("portals", "HostName"),
    )


class Migration(migrations.Migration):
    dependencies = [("portals", "0001_initial"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(make_first_portal, migrations.RunPython.noop)]
