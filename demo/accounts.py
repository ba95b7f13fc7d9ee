"""Staff accounts for trying the admin, one per role, made only when asked (--with-accounts)."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from portals.models import Portal

# The groups and their permissions come from the workflow's data migration.
ACCOUNTS = [
    ("bientap", "Biên tập", "Biên tập viên"),
    ("duyetbai", "Duyệt bài", "Người duyệt"),
]


def load(*, stdout, base_url: str = "") -> None:
    """Create an editor and an approver account, and print how to log in.

    base_url, if given, is where the site is served, to print the admin's full address.
    """
    stdout.write(f"Trang quản trị: {base_url.rstrip('/')}{reverse('admin:index')}")
    for username, first_name, group_name in ACCOUNTS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": first_name}
        )
        user.groups.add(Group.objects.get(name=group_name))
        # Staff of every demo portal: the admin of each (city and wards) can be tried.
        user.portals.add(*Portal.objects.all())
        if created:
            # A fresh random password: no known credentials, even on a debug server.
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
            stdout.write(f"Tài khoản {group_name}: {username} / mật khẩu: {password}")
        else:
            stdout.write(
                f"Tài khoản {group_name} {username} đã có, mật khẩu giữ nguyên; đặt lại bằng: "
                f"python manage.py changepassword {username}"
            )
