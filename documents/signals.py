"""Keep caches of public content in step with the documents, and storage with their files."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.caching import bump_content_version
from documents.models import Document, DocumentFile, DocumentKind, DocumentRelation

# Everything the public pages show of documents, the article links included.
PUBLIC_CONTENT = (Document, DocumentFile, DocumentKind, DocumentRelation)


def portal_of(instance) -> int | None:
    """Return the portal whose pages show the instance; None for what all portals share."""
    if isinstance(instance, Document):
        return instance.site_id
    document_id = instance.document_id if isinstance(instance, DocumentFile) else None
    if isinstance(instance, DocumentRelation):
        document_id = instance.source_id
    if document_id is None:
        return None
    return Document.objects.filter(pk=document_id).values_list("site_id", flat=True).first()


def content_changed(sender, instance, **kwargs):
    """Bump the content version after any change an anonymous reader could see.

    A kind of document is every portal's: a change to one bumps the portal
    served, and the others see it when their content next changes.
    """
    bump_content_version(portal_of(instance))


for model in PUBLIC_CONTENT:
    post_save.connect(
        content_changed, sender=model, dispatch_uid=f"document-saved-{model.__name__}"
    )
    post_delete.connect(
        content_changed, sender=model, dispatch_uid=f"document-deleted-{model.__name__}"
    )


@receiver(post_save, sender=DocumentFile)
def file_saved(sender, instance, raw=False, **kwargs):
    """Search the document's files as they now are (the admin's inline saves them one by one)."""
    if not raw:
        Document.objects.filter(pk=instance.document_id).update(
            search_text=instance.document.document_text()
        )


@receiver(post_delete, sender=DocumentFile)
def file_deleted(sender, instance, **kwargs):
    """Forget the file's text, and remove the stored file once the deletion is committed."""
    document = Document.objects.filter(pk=instance.document_id).first()
    if document is not None:
        Document.objects.filter(pk=document.pk).update(search_text=document.document_text())
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
