"""Every staff account of a single-portal installation becomes staff of its first portal.

The admin lets a staff member in only on the portals they belong to: without
this, the editors and approvers of an upgraded installation would lose it.
"""

from django.conf import settings
from django.db import migrations

FIRST_SITE_ID = 1


def staff_to_first_portal(apps, schema_editor):
    Portal = apps.get_model("portals", "Portal")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    portal = Portal.objects.filter(pk=FIRST_SITE_ID).first()
    if portal is None:
        return
    portal.staff.add(*User.objects.filter(is_staff=True).values_list("pk", flat=True))


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0002_first_portal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(staff_to_first_portal, migrations.RunPython.noop)]
