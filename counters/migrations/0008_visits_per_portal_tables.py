"""Visits per portal (step 2 of 3): the new total and presence tables take the old ones' names.

Migration 0007 copied the rows of the old SiteTotal and VisitorPresence into
SiteTotalNew and VisitorPresenceNew for the first portal. Undone, the old
tables come back empty and 0007's reverse fills them again.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("counters", "0007_visits_per_portal")]

    operations = [
        migrations.DeleteModel(name="SiteTotal"),
        migrations.RenameModel(old_name="SiteTotalNew", new_name="SiteTotal"),
        migrations.DeleteModel(name="VisitorPresence"),
        migrations.RenameModel(old_name="VisitorPresenceNew", new_name="VisitorPresence"),
    ]
