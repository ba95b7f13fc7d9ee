"""The demo's loaders, run in order by `manage.py load_demo`.

Each kind of demo content has a module in this app with a `load(*, stdout) -> None`
function that is idempotent (running it twice changes nothing), listed in LOADERS.
"""

from demo import articles, documents_library, gallery, readers, wards

# Run in order: later loaders rely on the content of earlier ones (the readers count
# views of the newest articles). The staff accounts (demo.accounts) are made only
# when asked for.
LOADERS = [
    articles.load,
    gallery.load,
    # Before the readers: each portal's newest articles get theirs.
    wards.load,
    readers.load,
    # After the articles: the reference article names one of them.
    documents_library.load,
]
