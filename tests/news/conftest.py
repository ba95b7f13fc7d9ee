"""Fixtures of the editorial workflow: users in each role and a client logged in as each."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from news.models import Article

EDITORS = "Biên tập viên"
APPROVERS = "Người duyệt"


def ensure_roles():
    """Create the editorial groups again if a flushing (live-server) test removed them."""
    if Group.objects.filter(name__in=[EDITORS, APPROVERS]).count() < 2:
        migration = importlib.import_module("news.migrations.0002_workflow")
        migration.create_roles(django_apps, None)


def make_staff(django_user_model, username: str, *groups: str):
    ensure_roles()
    user = django_user_model.objects.create_user(username=username, password=None, is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return make_staff(django_user_model, "bientapvien", EDITORS)


@pytest.fixture
def approver(db, django_user_model):
    return make_staff(django_user_model, "nguoiduyet", APPROVERS)


@pytest.fixture
def staff_without_role(db, django_user_model):
    return make_staff(django_user_model, "nhanvien")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def approver_client(approver):
    return logged_in(approver)


@pytest.fixture
def hidden_article_fields():
    """Return, for each way an article can be hidden, the fields that make it so."""
    now = timezone.now()
    return {
        "draft": {"status": Article.Status.DRAFT},
        "pending": {"status": Article.Status.PENDING},
        "scheduled": {"published_at": now + dt.timedelta(days=1)},
        "expired": {
            "published_at": now - dt.timedelta(days=2),
            "expires_at": now - dt.timedelta(hours=1),
        },
        "unpublished": {"status": Article.Status.UNPUBLISHED},
    }
