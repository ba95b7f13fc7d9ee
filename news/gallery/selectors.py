"""What the photo pages and the sidebar read: albums with their covers, the latest photos."""

from django.db.models import (
    Count,
    Prefetch,
)

from news.models import Album, Photo


def albums_with_cover():
    """Return the public albums, each with its photo count and `covers`: its first photo."""
    return (
        Album.objects.published()
        .annotate(photo_count=Count("photos"))
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id")[:1], to_attr="covers")
        )
    )


def latest_photos(*, limit: int) -> list[Photo]:
    """Return the newest photos of public albums, with their album."""
    return list(
        Photo.objects.filter(album__published=True)
        .select_related("album")
        .order_by("-date", "-id")[:limit]
    )
