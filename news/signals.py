"""Keep caches of public content in step with the articles, and storage with attachments."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.caching import bump_content_version
from news import services
from news.models import Album, Article, Attachment, Category, Link, Photo

# Everything the public pages show, sidebars included; Photo deletions are
# handled with their files below.
PUBLIC_CONTENT = (Article, Category, Attachment, Link, Album, Photo)


def portal_of(instance) -> int | None:
    """Return the id of the portal whose pages show the instance."""
    if isinstance(instance, Attachment):
        return (
            Article.objects.filter(pk=instance.article_id).values_list("site_id", flat=True).first()
        )
    if isinstance(instance, Photo):
        return Album.objects.filter(pk=instance.album_id).values_list("site_id", flat=True).first()
    return instance.site_id


def content_changed(sender, instance, **kwargs):
    """Bump the portal's content version after any change an anonymous reader could see."""
    bump_content_version(portal_of(instance))


for model in PUBLIC_CONTENT:
    post_save.connect(content_changed, sender=model, dispatch_uid=f"content-saved-{model.__name__}")
    if model is not Photo:
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"content-deleted-{model.__name__}"
        )


@receiver(post_delete, sender=Attachment)
def attachment_deleted(sender, instance, **kwargs):
    """Remove the stored file once the deletion is committed."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=Photo)
def photo_deleted(sender, instance, **kwargs):
    """Remove a deleted photo's files once the deletion is committed, and refresh caches."""
    bump_content_version(portal_of(instance))
    if not instance.image:
        return
    names = [instance.rendition_name(width) for width in instance.rendition_widths()]
    names.append(instance.image.name)
    storage = instance.image.storage

    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)


@receiver(post_save, sender=Article)
def original_saved(sender, instance, raw=False, **kwargs):
    """Keep the article's copies on other portals in step with it."""
    if not raw and instance.original_id is None:
        services.sync_republications(instance)
