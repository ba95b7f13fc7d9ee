"""The text inside a document's file, taken out on upload so that search reads it.

PDF with pypdf, DOCX with python-docx; other kinds (DOC, XLS, XLSX, ODT) are
stored and downloaded but not read. A file that cannot be read (encrypted,
broken, a scan without a text layer) is stored all the same, its text marked
as not extracted: an upload never fails for it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import docx
from pypdf import PdfReader

logger = logging.getLogger(__name__)

# Text kept per file, at most: enough for any plan or decision, bounded for the index.
MAX_TEXT_CHARS = 200_000
# Pages read at most: a 500-page annex has told search all it will by then.
MAX_PDF_PAGES = 300


@dataclass(frozen=True)
class Extracted:
    text: str
    state: str  # one of DocumentFile.TextState's values


def extract_text(file, kind: str) -> Extracted:
    """Return the text of an open file of a recognised kind and how its reading went."""
    readers = {"pdf": _pdf_text, "docx": _docx_text}
    reader = readers.get(kind)
    if reader is None:
        return Extracted("", "unsupported")
    file.seek(0)
    try:
        text = reader(file)
    except Exception:  # any malformed upload: keep the file, say its text is unread
        logger.info("Text of an uploaded %s could not be extracted", kind, exc_info=True)
        return Extracted("", "failed")
    finally:
        file.seek(0)
    text = " ".join(text.split())[:MAX_TEXT_CHARS]
    return Extracted(text, "extracted" if text else "empty")


def _pdf_text(file) -> str:
    reader = PdfReader(file)
    # An empty user password opens many "protected" PDFs; anything else stays unread.
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    return "\n".join((page.extract_text() or "") for page in reader.pages[:MAX_PDF_PAGES])


def _docx_text(file) -> str:
    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
