"""Writes of editorial content that do more than one thing."""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from news.images import open_validated_image, reencode, renditions
from news.models import Album, Photo

# The stored "original": wide enough for a full-screen view, no wider.
PHOTO_MAX_WIDTH = 2560


@transaction.atomic
def add_photos(
    *,
    album: Album,
    uploads: list[UploadedFile],
    alt_text: str,
    caption: str = "",
    date: dt.date | None = None,
) -> list[Photo]:
    """Store uploaded images as photos at the end of the album, each with its narrower copies.

    Raise ValidationError (storing nothing) if an upload is not an acceptable
    image. Every stored file is re-encoded: upright, without metadata, nothing
    but pixels.
    """
    last = album.photos.aggregate(last=Max("order"))["last"]
    next_order = 0 if last is None else last + 1
    photos: list[Photo] = []
    stored: list[str] = []
    storage = Photo._meta.get_field("image").storage
    try:
        for offset, upload in enumerate(uploads):
            image = open_validated_image(upload)
            photo = Photo(
                album=album,
                alt_text=alt_text,
                caption=caption,
                date=date or album.date,
                order=next_order + offset,
            )
            content = reencode(image, max_width=PHOTO_MAX_WIDTH)
            photo.image.save(content.name, content, save=False)
            stored.append(photo.image.name)
            for width, copy in renditions(image, widths=photo.rendition_widths()).items():
                stored.append(storage.save(photo.rendition_name(width), copy))
            image.close()
            photo.save()
            photos.append(photo)
    except BaseException:
        # The rows roll back with the transaction; the files must go too.
        for name in stored:
            storage.delete(name)
        raise
    return photos
