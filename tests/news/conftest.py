"""Fixtures of the editorial workflow: users in each role and a client logged in as each."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

EDITORS = "Biên tập viên"
APPROVERS = "Người duyệt"


def make_staff(django_user_model, username: str, *groups: str):
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
