#!/usr/bin/env python
"""Run Django's command-line utility for the portal."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Some commands (makemigrations among them) swallow a settings error and
        # then fail with an unrelated traceback; say what is wrong instead.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(f"Cấu hình chưa đúng / configuration error: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
