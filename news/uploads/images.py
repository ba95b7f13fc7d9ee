"""Validation and re-encoding of uploaded images with Pillow."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def open_validated_image(uploaded) -> Image.Image:
    """Return the upload opened as an image, or raise ValidationError saying why not.

    The file must be a real JPEG, PNG, GIF or WebP of at most 20 MB and
    40 megapixels; a decompression bomb is refused before it is decoded.
    """
    if uploaded.size is not None and uploaded.size > MAX_BYTES:
        raise _too_big()
    # Pillow closes the file it read a PNG or GIF from when the image is closed:
    # decode from a copy, so that the upload stays readable for the next step.
    uploaded.seek(0)
    data = uploaded.read(MAX_BYTES + 1)
    uploaded.seek(0)
    if len(data) > MAX_BYTES:
        raise _too_big()
    if not data:
        raise ValidationError(_("Tệp ảnh rỗng."), code="empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("Ảnh có kích thước điểm ảnh quá lớn (nghi là “bom giải nén”)."), code="bomb"
        ) from None
    except Exception:
        raise ValidationError(_("Tệp này không phải là ảnh hợp lệ."), code="not_image") from None
    if image.format not in FORMATS:
        raise ValidationError(_("Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP."), code="format")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("Ảnh quá nhiều điểm ảnh: tối đa %(mp)d megapixel.") % {"mp": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        )
    # verify() leaves the image unusable: open it again for decoding.
    image = Image.open(io.BytesIO(data))
    try:
        image.load()
    except Exception:
        raise ValidationError(_("Tệp ảnh bị hỏng, không đọc được."), code="broken") from None
    return image


def remade_image(uploaded, *, max_width: int | None = None) -> ContentFile:
    """Return an uploaded image checked and re-encoded as reencode does, under a random name.

    Raise ValidationError, as open_validated_image does, if it is not an image we accept.
    """
    image = open_validated_image(uploaded)
    try:
        return reencode(image, max_width=max_width)
    finally:
        image.close()


def _too_big() -> ValidationError:
    return ValidationError(
        _("Ảnh quá lớn: tối đa %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}, code="too_big"
    )


def reencode(image: Image.Image, *, max_width: int | None = None) -> ContentFile:
    """Return the image re-encoded without metadata, upright, optionally narrowed.

    Re-encoding keeps only pixels: anything appended to or hidden in the
    original file is not stored.
    """
    fmt = _output_format(image)
    image = ImageOps.exif_transpose(image)
    if max_width and image.width > max_width:
        image = _narrowed(image, max_width)
    return _encoded(image, fmt)


def renditions(image: Image.Image, *, widths, fmt: str | None = None) -> dict[int, ContentFile]:
    """Return copies of the image at each of the widths up to its own, as reencode makes them.

    The copies are in fmt ("WEBP") if given, else in the image's own format;
    a copy at the image's own width is only worth asking for in another format.
    The image is turned upright once for all the copies.
    """
    fmt = fmt or _output_format(image)
    upright = ImageOps.exif_transpose(image)
    return {
        width: _encoded(_narrowed(upright, width) if width < upright.width else upright, fmt)
        for width in sorted(widths)
        if width <= upright.width
    }


def stored_renditions(storage, name: str, *, widths) -> dict:
    """Store narrower copies of a stored picture, and WebP copies, beside it; say what was made.

    Return {"name", "width", "height", "widths", "webp"}: the widths of the copies
    in the picture's own format, and of the WebP ones (its own width included).
    Names follow the picture's ("x.jpg" -> "x-320.jpg", "x-320.webp", "x.webp").
    A picture that cannot be read gets no copies, and pages show it alone.
    """
    try:
        with storage.open(name) as stored, Image.open(stored) as image:
            image.load()
            width, height = image.size
            own = renditions(image, widths=[w for w in widths if w < width])
            # A WebP picture is its own WebP copy.
            webp = {}
            if image.format != "WEBP":
                webp = renditions(image, widths=[*own, width], fmt="WEBP")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return {"name": name}
    for copies, extension in ((own, None), (webp, "webp")):
        for copy_width, copy in copies.items():
            copy_name = rendition_name(name, copy_width if copy_width < width else None, extension)
            # Made again for the same picture: replace, never store beside under a new name.
            if storage.exists(copy_name):
                storage.delete(copy_name)
            storage.save(copy_name, copy)
    return {
        "name": name,
        "width": width,
        "height": height,
        "widths": sorted(own),
        "webp": sorted(webp),
    }


def rendition_name(name: str, width: int | None, extension: str | None = None) -> str:
    """Return the storage name of a copy of a stored picture ("x.jpg" -> "x-320.webp")."""
    stem, _, own_extension = name.rpartition(".")
    suffix = f"-{width}" if width else ""
    return f"{stem}{suffix}.{extension or own_extension}"


def _output_format(image: Image.Image) -> str:
    fmt = image.format if image.format in FORMATS else "PNG"
    return "PNG" if fmt == "GIF" else fmt  # the first frame only; animation is not kept


def _narrowed(image: Image.Image, width: int) -> Image.Image:
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encoded(image: Image.Image, fmt: str) -> ContentFile:
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 85, "optimize": True} if fmt in ("JPEG", "WEBP") else {"optimize": True}
    image.save(buffer, format=fmt, **options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[fmt]}")
