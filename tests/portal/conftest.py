"""The editorial roles' fixtures serve the security tests too."""

from tests.news.conftest import editor, editor_client  # noqa: F401
