"""Small hostile or unreadable inputs a published-format reader must refuse cleanly.

Each file is tiny when committed; the bombs are dangerous only when inflated
or parsed without limits.  ``expect.error`` in the manifest names the refusal
a reader should report (the wording is the reader's business).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .docx_shapes import ZIP_TIME, normalize_zip
from .model import ReportModel

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             b'officeDocument" Target="word/document.xml"/></Relationships>')
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOC_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + W_NS + b"><w:body>"
DOC_TAIL = b"</w:body></w:document>"


def _info(name: str, method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    return info


def minimal_docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(_info("[Content_Types].xml"), CONTENT_TYPES)
        zf.writestr(_info("_rels/.rels"), ROOT_RELS)
        zf.writestr(_info("word/document.xml"), document_xml)
    return out.getvalue()


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------


def truncated(data: bytes, fraction: float = 0.55) -> bytes:
    return data[: int(len(data) * fraction)]


def bzip2_bomb_docx(inflated_mib: int = 400) -> bytes:
    """word/document.xml stored with bzip2 (method 12): a few hundred bytes that inflate
    to ``inflated_mib`` MiB.  Word never writes bzip2, but Python's zipfile (and so
    python-docx) inflates it without asking."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(_info("[Content_Types].xml"), CONTENT_TYPES)
        zf.writestr(_info("_rels/.rels"), ROOT_RELS)
        with zf.open(_info("word/document.xml", zipfile.ZIP_BZIP2), "w", force_zip64=True) as fh:
            fh.write(DOC_HEAD + b"<w:p><w:r><w:t>")
            block = "公".encode() * (1024 * 1024 // 3)  # whole UTF-8 characters: valid XML text
            for _ in range(inflated_mib * 1024 * 1024 // len(block)):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p>" + DOC_TAIL)
    return out.getvalue()


def declared_size_bomb_docx(declared: int = 600 * 1024 * 1024) -> bytes:
    """A normal deflated document.xml whose local and central headers declare
    ``declared`` bytes inflated: a reader that trusts (pre-allocates from) the
    header is fooled; a reader that checks it refuses before inflating."""
    doc = DOC_HEAD + "<w:p><w:r><w:t>声明大小与实际不符</w:t></w:r></w:p>".encode() + DOC_TAIL
    data = bytearray(minimal_docx(doc))
    name = b"word/document.xml"
    local = data.index(b"PK\x03\x04")  # first local header
    while True:
        n = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30: local + 30 + n] == name:
            struct.pack_into("<I", data, local + 22, declared)
            break
        local = data.index(b"PK\x03\x04", local + 4)
    central = data.index(b"PK\x01\x02")
    while True:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + n] == name:
            struct.pack_into("<I", data, central + 24, declared)
            break
        central = data.index(b"PK\x01\x02", central + 4)
    return bytes(data)


def entity_bomb_docx(levels: int = 10) -> bytes:
    """Billion laughs in word/document.xml: 10 levels of 10 references = 10^10 'lol's."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    doctype = "<!DOCTYPE w:document [\n " + "\n ".join(entities) + "\n]>\n"
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype +
           f'<w:document {W_NS.decode()}><w:body><w:p><w:r><w:t>&lol{levels - 1};</w:t></w:r></w:p>'
           "</w:body></w:document>").encode()
    return minimal_docx(doc)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def tiny_text_pdf(dst: Path) -> None:
    """A one-page PDF with one ASCII line in Helvetica (no embedded font: a few hundred bytes)."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    content = b"BT /F1 14 Tf 72 760 Td (gialint fixture: encrypted with a user password) Tj ET"
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                              Contents=pdf.make_stream(content))
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(dst, static_id=True)


def encrypted_pdf(src: Path, dst: Path, *, user: str, owner: str) -> None:
    """RC4-128 (R=3) so that, with static_id, the bytes are stable (AES uses a random IV)."""
    import pikepdf

    with pikepdf.open(src) as pdf:
        allow = pikepdf.Permissions(extract=False, modify_other=False, print_highres=True)
        pdf.save(dst, encryption=pikepdf.Encryption(user=user, owner=owner, R=3, aes=False, metadata=False, allow=allow),
                 static_id=True)


def scanned_pdf(src: Path, dst: Path, page_index: int = 2, dpi: int = 72) -> None:
    """One page of ``src`` rendered to a grey JPEG and wrapped in a PDF: no text layer."""
    import pikepdf
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    image = doc[page_index].render(scale=dpi / 72).to_pil().convert("L")
    doc.close()
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=dpi, quality=60)
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        pdf.docinfo["/Producer"] = "scanner"
        for key in ("/CreationDate", "/ModDate"):
            pdf.docinfo[key] = "D:20240120090000+08'00'"
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        pdf.save(dst, deterministic_id=True)


# ---------------------------------------------------------------------------
# legacy binary formats
# ---------------------------------------------------------------------------

CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def cfb_stub(note: str) -> bytes:
    """An OLE2 compound-file header (the magic of .doc/.wps/.xls) and zero sectors."""
    header = bytearray(512)
    header[0:8] = CFB_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    body = note.encode("utf-8").ljust(1024, b"\0")
    return bytes(header) + body


def legacy_doc(tmp: Path) -> bytes | None:
    """A real Word 97 .doc written by LibreOffice from a two-paragraph .docx (None without LO)."""
    from docx import Document

    exe = shutil.which("soffice")
    if not exe:
        return None
    src = tmp / "legacy.docx"
    doc = Document()
    doc.add_paragraph("某某县某某局2023年政府信息公开工作年度报告")
    doc.add_paragraph("一、总体情况")
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2024, 1, 20)
    src.write_bytes(normalize_zip(_save(doc)))
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp / 'profile'}",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp), str(src)],
                   check=True, capture_output=True, timeout=300)
    return (tmp / "legacy.doc").read_bytes()


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------


def write_all(models: dict[str, ReportModel], manifest, out_root: Path) -> None:
    out = out_root / "bad"
    out.mkdir(parents=True, exist_ok=True)
    docx_src = out_root / "docx" / "clean2023.numbering.docx"
    pdf_src = out_root / "pdf" / "clean2023.pdf"

    def add(name: str, data: bytes | None, error: str, note: str, fmt: str, **extra) -> None:
        if data is None:
            return
        path = out / name
        path.write_bytes(data)
        manifest.add(path, base=extra.pop("base", None), format=fmt, shape="bad-input", encoding=None,
                     note=note, expect=extra.pop("expect", {"error": error}), **extra)

    add("truncated.docx", truncated(docx_src.read_bytes()), "damaged",
        "first 55% of docx/clean2023.numbering.docx: no central directory", "docx")
    add("zipbomb_bzip2.docx", bzip2_bomb_docx(), "too-large",
        "word/document.xml is bzip2-compressed (zip method 12) and inflates to 400 MiB; "
        "header sizes are honest (ZIP64), ratio ~ 1:19,000", "docx")
    add("zipbomb_declared.docx", declared_size_bomb_docx(), "too-large",
        "word/document.xml declares 600 MiB inflated in both headers; the real data is 200 bytes", "docx")
    add("entity_bomb.docx", entity_bomb_docx(), "unsafe-xml",
        "billion laughs: a DOCTYPE with 10 nested entities in word/document.xml (10^10 expansions)", "docx")
    add("truncated.pdf", truncated(pdf_src.read_bytes(), 0.5), "damaged",
        "first 50% of pdf/clean2023.pdf: no xref table, no trailer, the last pages' objects missing", "pdf")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        tiny_text_pdf(tmp_path / "tiny.pdf")
        encrypted_pdf(tmp_path / "tiny.pdf", tmp_path / "user.pdf", user="gialint", owner="owner-secret")
        add("encrypted_userpw.pdf", (tmp_path / "user.pdf").read_bytes(), "encrypted",
            "a one-line PDF encrypted with a user (open) password 'gialint' (RC4-128, R=3); "
            "with the password its text is 'gialint fixture: encrypted with a user password'", "pdf")
        encrypted_pdf(pdf_src, tmp_path / "owner.pdf", user="", owner="owner-secret")
        add("encrypted_ownerpw.pdf", (tmp_path / "owner.pdf").read_bytes(), "",
            "pdf/clean2023.pdf with an owner password only and copying forbidden (common on government "
            "sites): it opens with the empty user password; the permission flags are advisory", "pdf",
            base="clean2023", expect={"cells": "base", "differs": {}})
        scanned_pdf(pdf_src, tmp_path / "scan.pdf")
        add("scanned.pdf", (tmp_path / "scan.pdf").read_bytes(), "no-text-layer",
            "page 3 of pdf/clean2023.pdf as a 72 dpi grey JPEG: an image only, no text layer", "pdf")
        add("legacy.doc", legacy_doc(tmp_path), "unsupported-format",
            "a real Word 97-2003 .doc (OLE2 compound file) written by LibreOffice: title and one heading", "doc")
    add("legacy.wps", cfb_stub("WPS Office 文字 .wps stub: OLE2 magic and header only"), "unsupported-format",
        "a stub with the OLE2 compound-file magic of a WPS Office .wps (not a complete file)", "wps")
