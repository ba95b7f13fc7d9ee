"""Demo content for trying the portal, loaded by `manage.py load_demo`.

Each kind of demo content has a module here with a `load(*, stdout) -> None`
function that is idempotent (running it twice changes nothing), listed in LOADERS.
"""

from news.demo import articles, gallery
from news.signals import demo_loaded


def others(*, stdout) -> None:
    """Let the apps above news add their part of the demo (counters: recent readers)."""
    demo_loaded.send(sender=__name__, stdout=stdout)


# Run in order: later loaders may rely on the content of earlier ones. The
# staff accounts (news.demo.accounts) are made only when asked for.
LOADERS = [
    articles.load,
    gallery.load,
    others,
]
