"""The remissammanställning as a Word document (python-docx for the package, the body as XML).

Registrators edit it afterwards in Word, so structure is real: "Heading 1/2/3" styles (they show
in Word's navigation pane and table of contents), "List Bullet" paragraphs, "Quote" paragraphs for
the answers' own words, and a real table whose header row repeats on every page. The page is A4,
the language sv-SE, headings are sober (dark grey, the body font) so the handläggare can restyle
them, and the header and footer carry "Stockholms stad", the sender, the dnr and "Sida X (Y)" as
Word fields, so Word renumbers after editing.

The body is written as one WordprocessingML string and parsed once: python-docx's per-paragraph
and per-cell API made a 1,000-recipient document take seconds (its row cells are found by walking
the whole table).
"""

from __future__ import annotations

import io
import re
from datetime import datetime, time
from xml.sax.saxutils import escape

from .summary import Summary
from .summary_layout import (
    CITY,
    Block,
    Bullets,
    Group,
    Heading,
    Meta,
    Paragraph,
    Quote,
    Table,
    document_blocks,
)

# Characters XML 1.0 cannot hold: python-docx refuses them, so they are dropped.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

PROPERTY_LIMIT = 255  # OPC core properties: python-docx (and Word) refuse longer values
FONT = "Calibri"
HEADING_COLOR = "262626"  # dark grey: sober, and the handläggare restyles it in one place
HEADING_SIZES = {1: 16, 2: 13, 3: 11.5}  # points
HEADING_SPACE_BEFORE = {1: 0, 2: 16, 3: 12}  # points
TEXT_WIDTH_TWIPS = 9298  # 21.0 cm - 2 x 2.3 cm
TABLE_WIDTHS_CM = (4.6, 2.8, 2.2, 3.9, 2.9)  # 16.4 cm: the text width
TWIPS_PER_CM = 567

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>remisstui</Application></Properties>"
).encode("utf-8")


def xml_safe(text: object) -> str:
    return _XML_ILLEGAL_RE.sub("", str(text))


def shorten(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """A document property within its limit; a cut one ends in "…". The document text stays whole."""
    text = xml_safe(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _x(text: str) -> str:
    # Plain spaces, also inside a dnr: a non-breaking one would survive copy and paste into the
    # diarium and no longer match "KS 2024/112" there.
    return escape(xml_safe(text))


def _run(text: str, *, bold: bool = False) -> str:
    if not text:
        return ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_x(text)}</w:t></w:r>'


def _p(runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{runs}</w:p>"


class _Body:
    def __init__(self, style_ids: dict[str, str]):
        self.ids = style_ids
        self.parts: list[str] = []

    def block(self, b: Block) -> None:
        add = self.parts.append
        if isinstance(b, Heading):
            add(_p(_run(b.text), self.ids[f"Heading {b.level}"]))
        elif isinstance(b, Meta):
            for label, value in b.items:
                add(_p(_run(f"{label}: ", bold=True) + _run(value)))
        elif isinstance(b, Paragraph):
            add(_p(_run(b.label, bold=True) + _run(b.text)))
        elif isinstance(b, Bullets):
            for item in b.items:
                add(_p(_run(item), self.ids["List Bullet"]))
        elif isinstance(b, Quote):
            if b.intro:
                add(_p(_run(b.intro), self.ids["Quote intro"]))
            for passage in b.passages:
                add(_p(_run(passage), self.ids["Quote"]))
        elif isinstance(b, Table):
            add(self.table(b))
        elif isinstance(b, Group):
            for inner in b.blocks:
                self.block(inner)

    def table(self, t: Table) -> str:
        widths = [round(cm * TWIPS_PER_CM) for cm in TABLE_WIDTHS_CM]
        cell_style = self.ids["Tabelltext"]

        def row(cells: tuple[str, ...], *, header: bool) -> str:
            trpr = '<w:trPr><w:tblHeader w:val="true"/><w:cantSplit/></w:trPr>' if header else "<w:trPr><w:cantSplit/></w:trPr>"
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' if header else ""
            tcs = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}</w:tcPr>'
                f"{_p(_run(text, bold=header), cell_style)}</w:tc>"
                for text, w in zip(cells, widths)
            )
            return f"<w:tr>{trpr}{tcs}</w:tr>"

        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        head = (
            f'<w:tblPr><w:tblStyle w:val="{self.ids["Table Grid"]}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="left"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
            'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )
        rows = [row(t.header, header=True)] + [row(r, header=False) for r in t.rows]
        return f"<w:tbl>{head}{''.join(rows)}</w:tbl>"


def render_docx(s: Summary) -> bytes:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.3))
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    _set_lang(normal.element, "sv-SE")
    for level, size in HEADING_SIZES.items():
        _sober_heading(styles[f"Heading {level}"], size, Pt, RGBColor)
        styles[f"Heading {level}"].paragraph_format.space_before = Pt(HEADING_SPACE_BEFORE[level])
        styles[f"Heading {level}"].paragraph_format.space_after = Pt(4)
        _sober_heading(styles[f"Heading {level} Char"], size, Pt, RGBColor)
    quote = styles["Quote"]
    quote.font.italic = False
    quote.font.color.rgb = RGBColor(0, 0, 0)
    quote.paragraph_format.left_indent = Cm(1.0)
    quote.paragraph_format.space_after = Pt(4)
    _plain_fonts(quote.element)
    intro = styles.add_style("Quote intro", WD_STYLE_TYPE.PARAGRAPH)
    intro.base_style = normal
    intro.paragraph_format.space_after = Pt(2)
    intro.paragraph_format.keep_with_next = True
    # A paragraph style of its own for table text, so users restyle the table in one place.
    cell_style = styles.add_style("Tabelltext", WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = normal
    cell_style.font.size = Pt(9.5)
    cell_style.paragraph_format.space_after = Pt(0)

    props = doc.core_properties
    props.title = shorten(s.heading)
    props.subject = "Remissammanställning"
    props.keywords = shorten(s.dnr)
    props.language = "sv-SE"
    props.author = shorten(s.sender)
    props.last_modified_by = shorten(s.sender)
    props.comments = ""
    props.revision = 1
    stamp = datetime.combine(s.compiled_on, time(0, 0))
    props.created = stamp
    props.modified = stamp
    _clean_package(doc, RT)

    _header_footer(section, s, Pt)

    # Style ids resolved once; the body refers to them by id.
    names = ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Quote", "Quote intro", "Tabelltext", "Table Grid")
    body = _Body({name: styles[name].style_id for name in names})
    for block in document_blocks(s):
        body.block(block)
    # The whole body parsed at once, the section properties (page, header and footer references)
    # last, and swapped in: moving thousands of parsed paragraphs into the template's body one by
    # one costs time quadratic in their number.
    from lxml import etree

    old_body = doc.element.body
    sect_pr = etree.tostring(old_body.sectPr, encoding="unicode")
    new_body = parse_xml(f'<w:body xmlns:w="{_W}">{"".join(body.parts)}{sect_pr}</w:body>')
    doc.element.replace(old_body, new_body)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _set_lang(style_element, lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style_element.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


def _plain_fonts(style_element) -> None:
    """Drop the theme font and colour references, so the style uses the body font and our colour."""
    from docx.oxml.ns import qn

    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)
    color = rpr.find(qn("w:color"))
    if color is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)


def _sober_heading(style, size: float, Pt, RGBColor) -> None:
    _plain_fonts(style.element)
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = True
    style.font.italic = False
    style.font.color.rgb = RGBColor.from_string(HEADING_COLOR)


def _clean_package(doc, RT) -> None:
    """No blank preview image; app.xml names remisstui instead of "Microsoft Macintosh Word"."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML
    # Word 2010 reads the template's stylesWithEffects.xml (its own blue headings) beside styles.xml.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.rels.pop(rid)


def _field(instr: str) -> str:
    """A complex Word field (PAGE, NUMPAGES) with a placeholder result Word replaces."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _header_footer(section, s: Summary, Pt) -> None:
    from docx.oxml import parse_xml

    # The Header/Footer styles carry Letter-width tab stops; cleared, one right tab at our text width.
    right_tab = (
        '<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/>'
        f'<w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs>'
    )
    small = '<w:rPr><w:sz w:val="18"/></w:rPr>'

    def run(text: str, *, bold: bool = False) -> str:
        b = "<w:b/>" if bold else ""
        return f'<w:r><w:rPr>{b}<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{_x(text)}</w:t></w:r>'

    def para(inner: str, style: str, align: str = "") -> str:
        jc = f'<w:jc w:val="{align}"/>' if align else ""
        return f'<w:p xmlns:w="{_W}"><w:pPr><w:pStyle w:val="{style}"/>{right_tab}{jc}</w:pPr>{inner}</w:p>'

    header = section.header
    header.is_linked_to_previous = False
    hdr = header._element
    for p in list(hdr):
        hdr.remove(p)
    hdr.append(parse_xml(para(run(CITY, bold=True) + f"<w:r>{small}<w:tab/></w:r>" + run(f"Dnr {s.dnr}"), "Header")))
    hdr.append(parse_xml(para(run(s.sender), "Header")))

    footer = section.footer
    footer.is_linked_to_previous = False
    ftr = footer._element
    for p in list(ftr):
        ftr.remove(p)
    page = run("Sida ") + _field("PAGE").replace("<w:r>", f"<w:r>{small}") + run(" (") \
        + _field("NUMPAGES").replace("<w:r>", f"<w:r>{small}") + run(")")
    ftr.append(parse_xml(para(page, "Footer", "center")))
