"""Keep caches of public content in step with the articles."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from news.caching import bump_content_version
from news.models import Article, Category


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def content_changed(sender, **kwargs):
    """Bump the content version after any change an anonymous reader could see."""
    bump_content_version()
