"""Small but real documents of each accepted kind, and impostors, built in memory."""

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def pdf_bytes(size: int = 0) -> bytes:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
    padding = b"%" + b"x" * max(0, size - len(body) - 7) + b"\n" if size else b""
    return body + padding + b"%%EOF\n"


def _zip(members: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(members):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", "<w:document><w:body>Kế hoạch</w:body></w:document>".encode()),
        ]
    )


def xlsx_bytes() -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])


def odt_bytes() -> bytes:
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        stored_first=True,
    )


def ole2_bytes(stream_name: str) -> bytes:
    """Return a minimal compound file (as .doc and .xls are) holding one 4 KB stream."""
    data_sectors = 8
    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, END, 0, END, 0)
    difat = [0] + [FREE] * 108
    struct.pack_into("<109I", header, 76, *difat)

    fat = [FAT_SECTOR, END, *range(3, 2 + data_sectors), END]
    fat += [FREE] * (128 - len(fat))
    fat_sector = struct.pack("<128I", *fat)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, NO_STREAM, NO_STREAM, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = (
        entry("Root Entry", 5, 1, END, 0)
        + entry(stream_name, 2, NO_STREAM, 2, 4096)
        + entry("", 0, NO_STREAM, 0, 0) * 2
    )
    return bytes(header) + fat_sector + directory + b"\0" * (SECTOR * data_sectors)


def doc_bytes() -> bytes:
    return ole2_bytes("WordDocument")


def xls_bytes() -> bytes:
    return ole2_bytes("Workbook")


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 54 + b"This program cannot be run"
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"

DOCUMENTS = {
    "pdf": pdf_bytes,
    "doc": doc_bytes,
    "docx": docx_bytes,
    "xls": xls_bytes,
    "xlsx": xlsx_bytes,
    "odt": odt_bytes,
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
