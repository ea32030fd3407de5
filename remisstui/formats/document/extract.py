"""Raw text out of .txt, .pdf and .docx files, page by page, in bounded time.

Every failure a user can cause becomes a DocumentError with a Swedish message. Size is checked
with stat() before a single byte is read, text is capped, and PDFs are read to at most MAX_PAGES.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .contained import run_contained
from .errors import DocumentError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CHARS = 2_000_000
MAX_PAGES = 300
TEXT_SUFFIXES = {".txt", ".text", ".md"}
SUPPORTED = ".pdf, .docx, .txt, .eml och .msg"


@dataclass
class RawDocument:
    pages: list[str]
    kind: str
    notes: list[str] = field(default_factory=list)  # Swedish warnings about the reading itself


def _check_path(path: Path) -> int:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocumentError(f"Filen {path} finns inte.") from None
    except OSError as exc:
        raise DocumentError(f"Filen {path} kan inte läsas ({exc.strerror or exc}).") from None
    if path.is_dir():
        raise DocumentError(f"{path} är en mapp, inte ett dokument.")
    if not path.is_file():
        raise DocumentError(f"{path} är ingen vanlig fil.")
    if st.st_size > MAX_FILE_BYTES:
        mb = st.st_size / (1024 * 1024)
        raise DocumentError(
            f"Filen {path.name} är för stor ({mb:.0f} MB); högst {MAX_FILE_BYTES // (1024 * 1024)} MB läses."
        )
    if st.st_size == 0:
        raise DocumentError(f"Filen {path.name} är tom.")
    return st.st_size


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"Filen {path.name} kan inte läsas ({exc.strerror or exc}).") from None


def extract(path: str | os.PathLike[str]) -> RawDocument:
    """Text of a document, one string per page (a text file is one page)."""
    p = Path(path)
    _check_path(p)
    suffix = p.suffix.lower()
    with open(p, "rb") as fh:
        head = fh.read(8)
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        if not head.startswith(b"%PDF"):
            # Some producers put junk before the header; pypdf copes with a little.
            with open(p, "rb") as fh:
                if b"%PDF-" not in fh.read(1024):
                    raise DocumentError(f"{p.name} är ingen giltig PDF-fil.")
        # pdfium is native: a crash, a hang or runaway memory must stay in a child process.
        return run_contained("remisstui.formats.document.extract:_extract_pdf", p, name=p.name)
    if suffix == ".docx":
        if not head.startswith(b"PK"):
            raise DocumentError(f"{p.name} är inget giltigt Word-dokument (.docx).")
        return run_contained("remisstui.formats.document.extract:_extract_docx", p, name=p.name)
    if suffix == ".doc":
        raise DocumentError(
            f"{p.name} är i det gamla Word-formatet (.doc). Spara det som .docx eller PDF och försök igen."
        )
    if suffix in TEXT_SUFFIXES or suffix == "":
        return RawDocument(pages=split_pages(decode_text(_read_bytes(p), p.name)), kind="txt")
    raise DocumentError(f"Filtypen {suffix or 'utan ändelse'} stöds inte ({p.name}); använd {SUPPORTED}.")


def split_pages(text: str) -> list[str]:
    pages = text.split("\f")
    return pages if len(pages) > 1 else [text]


# --- text files --------------------------------------------------------------------------

_SWEDISH = set("åäöÅÄÖéÉ")
# Characters cp1252 gives bytes 0x80-0x9F that Swedish text really uses.
_CP1252_TYPO = set("–—‘’“”•…€")


def _score(text: str) -> int:
    good = sum(1 for c in text if c in _SWEDISH) * 2 + sum(1 for c in text if c in _CP1252_TYPO)
    bad = sum(1 for c in text if "\x80" <= c <= "\x9f" or c in "ÃÂ¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿")
    return good - 3 * bad


def decode_text(data: bytes, name: str = "") -> str:
    """Decode a Swedish text file: BOMs, then UTF-8, then the better of cp1252 and latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        sample = data[:4096]
        if sample.count(b"\x00") > len(sample) // 20 or _looks_binary(sample):
            raise DocumentError(f"{name or 'Filen'} innehåller ingen läsbar text.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            candidates = []
            for enc in ("cp1252", "latin-1"):
                try:
                    candidates.append((_score(data.decode(enc)), enc))
                except UnicodeDecodeError:
                    continue
            enc = max(candidates)[1] if candidates else "latin-1"
            text = data.decode(enc, errors="replace")
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(5, len(text[:20000]) // 50):
        raise DocumentError(f"{name or 'Filen'} innehåller ingen läsbar text.")
    return text


def _looks_binary(sample: bytes) -> bool:
    magic = (b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"%PDF")
    return sample.startswith(magic)


# --- PDF -----------------------------------------------------------------------------------


def _extract_pdf(path: Path) -> RawDocument:
    """pdfium (pypdfium2) reads with positions and fast; pypdf is the fallback when it is missing."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return _extract_pdf_pypdf(path)
    return _extract_pdf_pdfium(path)


# Labels of a letterhead grid: "Er referens   Vår referens" over their two values.
_GRID_LABEL_RE = re.compile(
    r"(?:er|ert|vår|vårt)\s+(?:referens|ref\.?|beteckning|dnr|diarienummer|datum)|datum|dnr|diarienummer|"
    r"diarienr|ärendenummer|handläggare|kontaktperson|telefon|tfn|e-post|sida|beslutsdatum|"
    r"sammanträdesdatum|mottagare|ansvarig\s+chef|ansvarig\s+avdelning|dokument-id|version|"
    r"beteckning|referens",
    re.IGNORECASE,
)


def _pdfium_lines(page) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """(center, [(x0, x1, text)]) per visual line, top to bottom, from pdfium's text rectangles.

    Rectangles on one baseline join into a cell unless a gap of several character heights parts
    them (a second column); each cell's text is then asked of pdfium for its box, so the spacing
    inside words and numbers is pdfium's own."""
    tp = page.get_textpage()
    try:
        segs = []
        for i in range(tp.count_rects()):
            left, bottom, right, top = tp.get_rect(i)
            segs.append((top, bottom, left, right))
        segs.sort(key=lambda s: (-(s[0] + s[1]) / 2, s[2]))
        lines: list[list] = []  # [center, height, [(left, right, bottom, top)]]
        for top, bottom, left, right in segs:
            h = max(1.0, top - bottom)
            c = (top + bottom) / 2
            for ln in lines[-3:]:
                if abs(ln[0] - c) <= 0.45 * max(h, ln[1]):
                    ln[2].append((left, right, bottom, top))
                    break
            else:
                lines.append([c, h, [(left, right, bottom, top)]])
        out = []
        for c, h, parts in lines:
            parts.sort()
            cells: list[list[float]] = []
            for x0, x1, b0, t0 in parts:
                if cells and x0 - cells[-1][1] < 3.5 * h:
                    cell = cells[-1]
                    cell[1] = max(cell[1], x1)
                    cell[2] = min(cell[2], b0)
                    cell[3] = max(cell[3], t0)
                else:
                    cells.append([x0, x1, b0, t0])
            texts = []
            for x0, x1, b0, t0 in cells:
                t = tp.get_text_bounded(x0 - 0.5, b0, x1 + 0.5, t0)
                t = " ".join(t.replace("\r", " ").replace("\n", " ").split())
                if t:
                    texts.append((x0, x1, t))
            if texts:
                out.append((c, texts))
        return out
    finally:
        tp.close()


def _page_text(lines, first_page: bool) -> str:
    """Lines with columns kept apart by three spaces; a label grid becomes 'label value' lines."""
    text: list[str] = []
    prev_c = None
    i = 0
    while i < len(lines):
        c, cells = lines[i]
        if prev_c is not None and prev_c - c > 2.2 * 12:
            text.append("")
        labels = [t for _, _, t in cells]
        if len(cells) >= 2 and all(_GRID_LABEL_RE.fullmatch(t.strip(" :")) for t in labels) and i + 1 < len(lines):
            nc, ncells = lines[i + 1]
            if 0 < c - nc < 40:
                # Each value goes to the label it stands under (nearest left edge).
                pairs: list[list[str]] = [[t.strip(" :"), ""] for t in labels]
                for x0, _, t in ncells:
                    k = min(range(len(cells)), key=lambda j: abs(cells[j][0] - x0))
                    pairs[k][1] = (pairs[k][1] + " " + t).strip()
                text.extend(f"{lab}: {val}" if val else lab for lab, val in pairs)
                prev_c = nc
                i += 2
                continue
        text.append("   ".join(t for _, _, t in cells))
        prev_c = c
        i += 1
    return "\n".join(text)


def _extract_pdf_pdfium(path: Path) -> RawDocument:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise DocumentError(
                f"{path.name} är lösenordsskyddad (krypterad) och kan inte läsas. Be avsändaren om en oskyddad version."
            ) from None
        raise DocumentError(f"{path.name} kan inte läsas som PDF (filen är trasig).") from None
    except Exception:
        raise DocumentError(f"{path.name} kan inte läsas som PDF (filen är trasig).") from None
    def page_text(i: int) -> str:
        page = doc[i]
        try:
            return _page_text(_pdfium_lines(page), i == 0)
        finally:
            page.close()

    try:
        return _read_pdf_pages(path, len(doc), page_text)
    finally:
        doc.close()


def _read_pdf_pages(path: Path, n: int, page_text) -> RawDocument:
    """The pages of an n-page PDF through `page_text(i)`, within the page and size limits; a page
    that cannot be read is counted and left empty, and a PDF without text is refused."""
    notes: list[str] = []
    if n > MAX_PAGES:
        notes.append(f"Dokumentet har {n} sidor; bara de första {MAX_PAGES} lästes.")
    pages: list[str] = []
    total = failed = 0
    for i in range(min(n, MAX_PAGES)):
        try:
            t = page_text(i) or ""
        except Exception:
            failed += 1
            t = ""
        pages.append(t)
        total += len(t)
        if total > MAX_CHARS:
            notes.append("Dokumentet är mycket långt; bara början lästes.")
            break
    if failed:
        notes.append(f"{failed} sidor kunde inte läsas.")
    if sum(1 for c in "".join(pages) if c.isalnum()) < 20:
        raise DocumentError(f"Dokumentet saknar text (inskannat?): {path.name} har ingen text att läsa ut.")
    return RawDocument(pages=pages, kind="pdf", notes=notes)


def _extract_pdf_pypdf(path: Path) -> RawDocument:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported, not logged
    try:
        reader = PdfReader(str(path), strict=False)
    except PdfReadError as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise DocumentError(f"{path.name} är lösenordsskyddad och kan inte läsas.") from None
        raise DocumentError(f"{path.name} kan inte läsas som PDF (filen är trasig).") from None
    except Exception:  # pypdf leaks many kinds on broken files
        raise DocumentError(f"{path.name} kan inte läsas som PDF (filen är trasig).") from None
    try:
        if reader.is_encrypted:
            # Many published PDFs are "encrypted" with an empty user password (copy restrictions).
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise DocumentError(
                    f"{path.name} är lösenordsskyddad (krypterad) och kan inte läsas. "
                    "Be avsändaren om en oskyddad version."
                )
        n = len(reader.pages)
    except DocumentError:
        raise
    except Exception:
        raise DocumentError(f"{path.name} kan inte läsas som PDF (filen är trasig).") from None
    # Upright text only: rotated margin text is noise here, and skipping it saves ~25 %.
    return _read_pdf_pages(path, n, lambda i: reader.pages[i].extract_text(orientations=(0,)))


# --- Word ----------------------------------------------------------------------------------


# Every part of a .docx is checked from the zip's directory before python-docx reads any: a 0.95 MB
# file held a 900 MB document.xml, and styles.xml and the other parts were not checked at all.
MAX_DOCX_PART_BYTES = 50 * 1024 * 1024
MAX_DOCX_TOTAL_BYTES = 250 * 1024 * 1024
MAX_DOCX_PARTS = 5000


def _extract_docx(path: Path) -> RawDocument:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise DocumentError(f"{path.name} är inget Word-dokument (.docx).")
            if len(infos) > MAX_DOCX_PARTS:
                raise DocumentError(f"{path.name} har för många delar för att vara ett Word-dokument.")
            too_big = next((i for i in infos if i.file_size > MAX_DOCX_PART_BYTES), None)
            if too_big is not None or sum(i.file_size for i in infos) > MAX_DOCX_TOTAL_BYTES:
                raise DocumentError(f"{path.name} är för stort uppackat för att läsas.")
    except zipfile.BadZipFile:
        raise DocumentError(f"{path.name} är inget giltigt Word-dokument (.docx).") from None
    except OSError as exc:
        raise DocumentError(f"Filen {path.name} kan inte läsas ({exc.strerror or exc}).") from None
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
        lines: list[str] = []
        # Letterheads often live in the first section's header: dnr, date, handläggare.
        for section in document.sections[:1]:
            for part in (section.first_page_header, section.header):
                try:
                    if part.is_linked_to_previous and part is section.first_page_header:
                        continue
                    lines.extend(_docx_blocks(part._element, part, Paragraph, Table))
                except Exception:
                    continue
        lines.append("")
        lines.extend(_docx_blocks(document.element.body, document, Paragraph, Table))
        for section in document.sections[:1]:
            try:
                lines.append("")
                lines.extend(_docx_blocks(section.footer._element, section.footer, Paragraph, Table))
            except Exception:
                pass
    except DocumentError:
        raise
    except Exception:
        raise DocumentError(f"{path.name} kan inte läsas som Word-dokument (filen är trasig).") from None
    text = "\n".join(lines)[:MAX_CHARS]
    if sum(1 for c in text if c.isalnum()) < 20:
        raise DocumentError(f"Dokumentet saknar text: {path.name} är tomt.")
    return RawDocument(pages=[text], kind="docx")


def _docx_blocks(element, parent, Paragraph, Table) -> list[str]:
    """Paragraphs and tables in document order; headings on a line of their own."""
    from docx.oxml.ns import qn

    out: list[str] = []
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            # Letterheads often sit in text boxes, which Paragraph.text leaves out.
            for box in child.iter(qn("w:txbxContent")):
                for bp in box.iter(qn("w:p")):
                    t = "".join(node.text or "" for node in bp.iter(qn("w:t")))
                    if t.strip():
                        out.append(t)
            para = Paragraph(child, parent)
            text = para.text
            style = ""
            try:
                style = (para.style.name or "") if para.style is not None else ""
            except Exception:
                style = ""
            if style.lower().startswith(("heading", "rubrik", "title", "titel")):
                out.extend(["", text.strip(), ""])
            else:
                out.append(text)
        elif child.tag == qn("w:tbl"):
            out.append("")
            rows = _docx_table_rows(child, qn)
            k = 0
            while k < len(rows):
                cells = rows[k]
                nxt = rows[k + 1] if k + 1 < len(rows) else None
                if nxt is not None and len(cells) >= 2 and len(nxt) == len(cells) and all(
                    c and _GRID_LABEL_RE.fullmatch(c.strip(" :")) for c in cells
                ):
                    # A label row over its values: "Er referens | Vår referens" -> "Er referens: Fi..."
                    out.extend(f"{lab.strip(' :')}: {val}" if val else lab for lab, val in zip(cells, nxt))
                    k += 2
                    continue
                out.extend(c for c in cells if c)
                k += 1
            out.append("")
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                out.extend(_docx_blocks(content, parent, Paragraph, Table))
    return out


def _docx_table_rows(tbl, qn) -> list[list[str]]:
    """The cells' texts, row by row, read from the XML in one pass.

    python-docx's row.cells expands gridSpan into grid columns (gridSpan="2000000000" took 71 s and
    5.5 GB), walks up every vMerge chain (a chain of 1,000 rows took 44 s), and the old check
    "this cell seen before?" grew with the square of a row's width. Here each w:tc is read once: a
    merged cell once, a vMerge continuation (whose text is the top cell's) not at all. Text in a
    table nested in a cell is kept, as lines of that cell."""
    tc_tag, p_tag, tbl_tag, sdt_tag = qn("w:tc"), qn("w:p"), qn("w:tbl"), qn("w:sdt")
    tcpr_tag, vmerge_tag, val_attr = qn("w:tcPr"), qn("w:vMerge"), qn("w:val")
    rows: list[list[str]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells: list[str] = []
        tcs = list(tr.iterchildren(tc_tag))
        for sdt in tr.iterchildren(sdt_tag):  # cells inside a content control
            content = sdt.find(qn("w:sdtContent"))
            if content is not None:
                tcs.extend(content.iterchildren(tc_tag))
        for tc in tcs:
            tcpr = tc.find(tcpr_tag)
            vmerge = tcpr.find(vmerge_tag) if tcpr is not None else None
            if vmerge is not None and vmerge.get(val_attr) != "restart":
                continue  # a continuation of the cell above
            lines: list[str] = []
            for node in tc.iterchildren():
                if node.tag == p_tag:
                    lines.append(_docx_paragraph_text(node, qn))
                elif node.tag == tbl_tag:
                    for nested in _docx_table_rows(node, qn):
                        lines.extend(c for c in nested if c)
                elif node.tag == sdt_tag:
                    lines.extend(_docx_paragraph_text(p, qn) for p in node.iter(p_tag))
            cells.append("\n".join(lines).strip())
        rows.append(cells)
    return rows


def _docx_paragraph_text(p, qn) -> str:
    """A paragraph's text as Word shows it: runs' text, tabs and line breaks."""
    t_tag, tab_tag, br_tag, cr_tag = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
    out: list[str] = []
    for node in p.iter(t_tag, tab_tag, br_tag, cr_tag):
        if node.tag == t_tag:
            out.append(node.text or "")
        elif node.tag == tab_tag:
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)
