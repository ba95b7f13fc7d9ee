"""Import documents from a CSV file: every line and every file checked before anything is written.

The header is exactly COLUMNS; dates are dd/mm/yyyy (expires_on may be
empty); file is a path relative to the CSV's folder, or empty. The first bad
line stops the import with its number and nothing is written. A line whose
document (issuer and number) is already there with the same values is
skipped, so running the same file again changes nothing; one already there
with other values is an error, so an import never overwrites an editor's work.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from core.sites import FIRST_SITE_ID
from documents.models import Document, DocumentFile, DocumentKind, check_file
from documents.numbers import is_valid_number, normalise_number, number_key
from news.search.document import fold

COLUMNS = [
    "number",
    "kind",
    "issuer",
    "signer",
    "signer_title",
    "issued_on",
    "effective_on",
    "expires_on",
    "field",
    "summary",
    "file",
]
HISTORY_REASON = "Nhập từ tệp CSV"
# Values compared to tell an unchanged document from a changed one.
COMPARED = (
    "kind_id",
    "signer",
    "signer_title",
    "issued_on",
    "effective_on",
    "expires_on",
    "field",
    "summary",
)


class DocumentImportError(Exception):
    """A line of the file cannot be imported; the message names the line."""


@dataclass
class Row:
    line: int
    document: Document
    file: Path | None
    existing: bool


@dataclass(frozen=True)
class Result:
    created: int
    unchanged: int


def _date(value: str, *, line: int, column: str, required: bool = True) -> dt.date | None:
    value = value.strip()
    if not value:
        if required:
            raise DocumentImportError(f"Dòng {line}: thiếu {column} (dd/mm/yyyy).")
        return None
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise DocumentImportError(
            f"Dòng {line}: {column} “{value}” không phải ngày hợp lệ dạng dd/mm/yyyy."
        ) from None


def read_rows(path: Path, *, site_id: int = FIRST_SITE_ID) -> list[Row]:
    """Return the checked documents of a CSV file for a portal; raise DocumentImportError if bad."""
    kinds = {fold(kind.name): kind for kind in DocumentKind.objects.all()}
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise DocumentImportError(f"Không mở được tệp {path}: {error.strerror}.") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None or [name.strip() for name in header] != COLUMNS:
                raise DocumentImportError(f"Dòng 1: tiêu đề phải đúng là: {','.join(COLUMNS)}")
            for values in reader:
                line = reader.line_num
                if not any(value.strip() for value in values):
                    continue
                rows.append(
                    _read_row(values, line=line, path=path, kinds=kinds, seen=seen, site_id=site_id)
                )
        except UnicodeDecodeError:
            raise DocumentImportError(
                f"Dòng {reader.line_num + 1}: tệp không phải văn bản UTF-8."
            ) from None
        except csv.Error as error:
            raise DocumentImportError(f"Dòng {reader.line_num}: {error}.") from None
    return rows


def _read_row(values, *, line: int, path: Path, kinds, seen, site_id: int) -> Row:
    if len(values) != len(COLUMNS):
        raise DocumentImportError(f"Dòng {line}: có {len(values)} cột, cần {len(COLUMNS)}.")
    data = dict(zip(COLUMNS, (value.strip() for value in values), strict=True))
    number = normalise_number(data["number"])
    if not is_valid_number(number):
        raise DocumentImportError(f"Dòng {line}: số ký hiệu “{data['number']}” không hợp lệ.")
    kind = kinds.get(fold(data["kind"]))
    if kind is None:
        raise DocumentImportError(
            f"Dòng {line}: loại văn bản “{data['kind']}” chưa có; hãy thêm trong trang quản trị."
        )
    for column in ("issuer", "summary"):
        if not data[column]:
            raise DocumentImportError(f"Dòng {line}: thiếu {column}.")
    document = Document(
        site_id=site_id,
        number=number,
        kind=kind,
        issuer=data["issuer"],
        signer=data["signer"],
        signer_title=data["signer_title"],
        issued_on=_date(data["issued_on"], line=line, column="issued_on"),
        effective_on=_date(data["effective_on"], line=line, column="effective_on"),
        expires_on=_date(data["expires_on"], line=line, column="expires_on", required=False),
        field=data["field"],
        summary=data["summary"],
        status=Document.Status.PUBLISHED,
    )
    key = (document.issuer, number_key(number))
    if key in seen:
        raise DocumentImportError(
            f"Dòng {line}: văn bản số {number} của {document.issuer} đã có ở dòng {seen[key]}."
        )
    seen[key] = line
    stored = Document.objects.filter(
        site_id=site_id, issuer=document.issuer, number_key=key[1]
    ).first()
    if stored is not None:
        document.number_key = key[1]
        if any(getattr(stored, name) != getattr(document, name) for name in COMPARED):
            raise DocumentImportError(
                f"Dòng {line}: văn bản số {number} của {document.issuer} đã có với nội dung "
                "khác; sửa trong trang quản trị, tệp nhập không ghi đè."
            )
        return Row(line, stored, None, existing=True)
    try:
        document.full_clean(exclude=["number_key", "number_head", "symbol_key", "published_at"])
    except ValidationError as error:
        messages = "; ".join(
            message for messages in error.message_dict.values() for message in messages
        )
        raise DocumentImportError(f"Dòng {line}: {messages}") from None
    file = _checked_file(data["file"], line=line, folder=path.parent) if data["file"] else None
    return Row(line, document, file, existing=False)


def _checked_file(name: str, *, line: int, folder: Path) -> Path:
    candidate = (folder / name).resolve()
    if not candidate.is_relative_to(folder.resolve()) or not candidate.is_file():
        raise DocumentImportError(f"Dòng {line}: không có tệp “{name}” trong thư mục của tệp CSV.")
    with candidate.open("rb") as handle:
        try:
            check_file(File(handle, name=candidate.name))
        except ValidationError as error:
            raise DocumentImportError(
                f"Dòng {line}: tệp “{name}”: {' '.join(error.messages)}"
            ) from None
    return candidate


def import_documents(path: Path, *, site_id: int = FIRST_SITE_ID, user=None) -> Result:
    """Check the whole file, then create a portal's new documents as published, all or nothing."""
    rows = read_rows(path, site_id=site_id)
    stored_names: list = []
    created = 0
    try:
        with transaction.atomic():
            now = timezone.now()
            for row in rows:
                if row.existing:
                    continue
                document = row.document
                document.published_at = now
                document.published_by = user
                document._history_user = user
                document._change_reason = HISTORY_REASON
                document.save()
                if row.file is not None:
                    with row.file.open("rb") as handle:
                        stored = DocumentFile(
                            document=document, file=File(handle, name=row.file.name)
                        )
                        stored.save()
                    stored_names.append((stored.file.storage, stored.file.name))
                created += 1
    except BaseException:
        # The rows roll back with the transaction; the stored files must go too.
        for storage, name in stored_names:
            storage.delete(name)
        raise
    return Result(created=created, unchanged=len(rows) - created)
