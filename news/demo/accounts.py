"""A staff editor account for trying the admin, created only in debug."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

EDITOR_USERNAME = "bientap"
EDITORS_GROUP = "Biên tập viên"


def load(*, stdout) -> None:
    """Create the editor account and its group in debug, and print how to log in."""
    if not settings.DEBUG:
        return
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="news", content_type__model__in=["article", "category"]
        )
    )
    user, created = get_user_model().objects.get_or_create(
        username=EDITOR_USERNAME, defaults={"is_staff": True, "first_name": "Biên tập"}
    )
    user.groups.add(group)
    admin_url = reverse("admin:index")
    stdout.write(f"Trang quản trị: {admin_url} (với make run: http://127.0.0.1:8000{admin_url})")
    if created:
        # A fresh random password: no known credentials, even on a debug server.
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save(update_fields=["password"])
        stdout.write(f"Tài khoản biên tập: {EDITOR_USERNAME} / mật khẩu: {password}")
    else:
        stdout.write(
            f"Tài khoản biên tập {EDITOR_USERNAME} đã có, mật khẩu giữ nguyên; đặt lại bằng: "
            f"python manage.py changepassword {EDITOR_USERNAME}"
        )
