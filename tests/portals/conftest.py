# The staff fixtures of the news tests serve the portals' tests too.
from tests.news.conftest import approver, editor, ensure_roles  # noqa: F401
