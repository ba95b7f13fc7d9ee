import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.environment import database_config, env_bool, env_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("word", ["1", "true", "TRUE", "yes", "on", " On "])
def test_true_words_turn_a_flag_on(word):
    assert env_bool("FLAG", environ={"FLAG": word}) is True


@pytest.mark.parametrize("word", ["0", "false", "no", "off", "", "  "])
def test_false_words_and_empty_turn_a_flag_off(word):
    assert env_bool("FLAG", default=True, environ={"FLAG": word}) is False


def test_missing_flag_takes_its_default():
    assert env_bool("FLAG", environ={}) is False
    assert env_bool("FLAG", default=True, environ={}) is True


def test_unknown_flag_word_is_refused_with_a_message():
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", environ={"FLAG": "maybe"})


def test_allowed_hosts_are_split_on_commas():
    assert env_list("HOSTS", environ={"HOSTS": "a.vn, b.vn,,"}) == ["a.vn", "b.vn"]


def test_default_database_is_a_sqlite_file_at_the_root(tmp_path):
    config = database_config(None, tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_absolute_sqlite_url_is_accepted(tmp_path):
    config = database_config("sqlite:////srv/portal/data.sqlite3", tmp_path)
    assert config["NAME"] == "/srv/portal/data.sqlite3"


def test_postgres_url_uses_the_connection_pool_with_a_short_timeout(tmp_path):
    config = database_config("postgres://u:p@db.example:5433/portal", tmp_path)
    assert config["ENGINE"] == "core.postgresql"
    assert not config.get("CONN_HEALTH_CHECKS")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "portal")
    assert config["OPTIONS"]["pool"]["timeout"] <= 5


def test_other_database_schemes_are_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_config("mysql://root@localhost/portal", tmp_path)


def run_django(*args, **env):
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["check", "makemigrations", "runserver"])
def test_missing_secret_key_without_debug_refuses_to_start_with_a_clear_message(command):
    result = run_django(command, "--help" if command == "runserver" else "--check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_runs_with_a_throwaway_key():
    result = run_django("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_https_mode_passes_the_deploy_checks():
    result = run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_HTTPS="1",
        DJANGO_SECRET_KEY="k3y-" + "x7Qp9vLm2Zr8Tn4Ws6Yb1Hc5Jd0Fg3Ek" * 2,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_follow_vietnam(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


DEMO_PRESENT = (
    "from django.apps import apps; from django.core.management import get_commands; "
    "print(apps.is_installed('demo'), 'load_demo' in get_commands())"
)


def test_production_settings_have_neither_the_demo_app_nor_load_demo():
    production = {"DJANGO_SECRET_KEY": "k3y-" + "x7Qp9vLm2Zr8Tn4Ws6Yb1Hc5Jd0Fg3Ek" * 2}
    result = run_django("shell", "-v", "0", "-c", DEMO_PRESENT, **production)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
    result = run_django("load_demo", **production)
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr


def test_django_demo_installs_the_demo_app_and_load_demo():
    result = run_django("shell", "-v", "0", "-c", DEMO_PRESENT, DJANGO_DEBUG="1", DJANGO_DEMO="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
