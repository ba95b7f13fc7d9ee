"""Attached documents: recognised by their content, stored under safe names, kept private.

A file is accepted for what its bytes are, not for what its name says: a
renamed program or an HTML page called "ke-hoach.pdf" is refused. Stored names
are random, with the extension of the recognised type; the original name is
kept, cleaned, only for display and for the download's file name.
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

import olefile
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from news import conf
from news.text import vietnamese_slugify


@dataclass(frozen=True)
class Kind:
    extension: str
    label: str
    content_type: str


KINDS: dict[str, Kind] = {
    "pdf": Kind("pdf", "PDF", "application/pdf"),
    "doc": Kind("doc", "DOC", "application/msword"),
    "docx": Kind(
        "docx",
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xls": Kind("xls", "XLS", "application/vnd.ms-excel"),
    "xlsx": Kind(
        "xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "odt": Kind("odt", "ODT", "application/vnd.oasis.opendocument.text"),
}

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Members whose presence tells an Office Open XML package's kind.
ZIP_MEMBERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
# Characters that mean something to file systems, shells or headers.
UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')
MAX_NAME_LENGTH = 150


def detect_kind(file) -> str | None:
    """Return the kind of document the file's content is, or None if it is none we accept."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(PDF_MAGIC):
            return "pdf"
        if head == OLE2_MAGIC:
            return _ole2_kind(file)
        if head.startswith(ZIP_MAGIC):
            return _zip_kind(file)
    finally:
        file.seek(0)
    return None


def _ole2_kind(file) -> str | None:
    """Return "doc" or "xls" for a Word or Excel compound file, else None."""
    try:
        with olefile.OleFileIO(file) as ole:
            if ole.exists("WordDocument"):
                return "doc"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
    except Exception:  # a malformed upload of any sort is simply not a document we accept
        return None
    return None


def _zip_kind(file) -> str | None:
    """Return "docx", "xlsx" or "odt" for such a package, reading no large member."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            for name, kind in ZIP_MEMBERS.items():
                if name in names:
                    return kind
            # OpenDocument requires an uncompressed "mimetype" as the first member.
            first = members[0] if members else None
            if (
                first
                and first.filename == "mimetype"
                and first.file_size <= 100
                and archive.read(first).strip() == ODT_MIMETYPE
            ):
                return "odt"
    except Exception:  # a malformed upload of any sort is simply not a document we accept
        return None
    return None


def validate_attachment(file) -> str:
    """Return the kind of an uploaded document, or raise ValidationError saying why not."""
    limit = conf.attachment_max_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s): tối đa %(limit)s.")
            % {"size": format_size(file.size), "limit": format_size(limit)},
            code="too_big",
        )
    if not file.size:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            _(
                "Nội dung tệp không phải PDF, DOC, DOCX, XLS, XLSX hay ODT "
                "(tệp được kiểm tra theo nội dung, không theo tên)."
            ),
            code="kind",
        )
    return kind


def clean_display_name(name: str, kind: str) -> str:
    """Return the original file name made safe to show and to send, with the kind's extension."""
    base = os.path.basename(name.replace("\\", "/"))
    stem = os.path.splitext(base)[0]
    stem = unicodedata.normalize("NFC", stem)
    stem = UNSAFE_NAME_CHARS.sub(" ", stem)
    stem = " ".join(stem.split()).strip(" .")[:MAX_NAME_LENGTH].strip(" .")
    return f"{stem or 'tai-lieu'}.{KINDS[kind].extension}"


def attachment_upload_to(instance, filename: str) -> str:
    """Return a random stored name with the extension of the recognised kind."""
    extension = KINDS[instance.kind].extension
    return f"{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def content_disposition(filename: str) -> str:
    """Return a Content-Disposition header that downloads under filename (RFC 6266 / 5987).

    Browsers that read filename* get the Vietnamese name; others get an ASCII
    fallback without diacritics.
    """
    stem, extension = os.path.splitext(filename)
    fallback = f"{vietnamese_slugify(stem, fallback='tai-lieu')}{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def format_size(size: int) -> str:
    """Return a size the way Vietnamese readers write it: "1,2 MB", "340 KB"."""
    if size < 1024:
        return f"{size} B"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            text = f"{size:.1f}" if size < 10 else f"{size:.0f}"
            return f"{text.removesuffix('.0').replace('.', ',')} {unit}"
    raise AssertionError("unreachable")


@deconstructible(path="news.uploads.attachments.AttachmentStorage")
class AttachmentStorage(FileSystemStorage):
    """Keep attachments outside the media root, so that only the download view serves them."""

    @property
    def base_location(self):
        return str(conf.attachment_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
