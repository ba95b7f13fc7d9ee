"""What the photo pages and the sidebar read: albums with their covers, the latest photos."""

from django.db.models import (
    Count,
    Prefetch,
)

from news.models import Album, Photo


def albums_with_cover(*, site_id: int):
    """Return the portal's public albums, each with its photo count and first photo (`covers`)."""
    return (
        Album.objects.published(site_id=site_id)
        .annotate(photo_count=Count("photos"))
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id")[:1], to_attr="covers")
        )
    )


def latest_photos(*, site_id: int, limit: int) -> list[Photo]:
    """Return the newest photos of the portal's public albums, with their album."""
    return list(
        Photo.objects.filter(album__site_id=site_id, album__published=True)
        .select_related("album")
        .order_by("-date", "-id")[:limit]
    )
