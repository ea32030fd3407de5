"""The remissammanställning as one self-contained HTML page (inline, print-friendly CSS).

Every piece of user text goes through html.escape; nothing is ever inserted unescaped, so an
answer containing "<script>" shows those characters and runs nothing.
"""

from __future__ import annotations

from html import escape

from .summary import Summary
from .summary_layout import (
    NOWRAP_RE,
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

CSS = """
:root { color-scheme: light; }
body { font-family: Calibri, Carlito, "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .4em; }
h2 { font-size: 14pt; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; padding-bottom: .1em; }
h3 { font-size: 12pt; margin: 1.2em 0 .3em; }
p { margin: .35em 0 .6em; }
ul { margin: .3em 0 .8em; padding-left: 1.4em; }
li { margin: .15em 0; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: 0 0 1em; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin-top: .5em; }
th, td { border: 1px solid #777; padding: .25em .45em; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: normal; }
blockquote { margin: .2em 0 .8em 1.6em; padding: 0; }
blockquote p { margin: .2em 0 .4em; }
p.quote-intro { margin-bottom: .1em; }
.nw { white-space: nowrap; }
@page { size: A4; margin: 2cm 2cm 2.2cm 2.3cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_html(s: Summary) -> str:
    out: list[str] = []
    add = out.append
    add("<!DOCTYPE html>")
    add('<html lang="sv">')
    add("<head>")
    add('<meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{e(s.heading)}</title>")
    add(f"<style>{CSS}</style>")
    add("</head>")
    add("<body>")
    blocks = document_blocks(s)
    # The title and its meta lines are the page header; everything after is the main text.
    add("<header>")
    for b in blocks[:2]:
        _block(b, out)
    add("</header>")
    add("<main>")
    for b in blocks[2:]:
        _block(b, out)
    add("</main>")
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"


def t(text: object) -> str:
    """Escaped text with its dates and dnr wrapped in a nowrap span."""
    return NOWRAP_RE.sub(lambda m: f'<span class="nw">{m.group(0)}</span>', e(text))


def _block(b: Block, out: list[str]) -> None:
    add = out.append
    if isinstance(b, Heading):
        add(f"<h{b.level}>{t(b.text)}</h{b.level}>")
    elif isinstance(b, Meta):
        add('<dl class="meta">')
        for label, value in b.items:
            add(f"<dt>{e(label)}</dt><dd>{t(value)}</dd>")
        add("</dl>")
    elif isinstance(b, Paragraph):
        label = f"<strong>{e(b.label.strip())}</strong>" if b.label else ""
        add("<p>" + " ".join(x for x in (label, t(b.text)) if x) + "</p>")
    elif isinstance(b, Bullets):
        add("<ul>")
        for item in b.items:
            add(f"<li>{t(item)}</li>")
        add("</ul>")
    elif isinstance(b, Quote):
        if b.intro:
            add(f'<p class="quote-intro">{t(b.intro)}</p>')
        add("<blockquote>")
        for p in b.passages:
            add(f"<p>{t(p)}</p>")
        add("</blockquote>")
    elif isinstance(b, Table):
        add("<table>")
        add("<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in b.header) + "</tr></thead>")
        add("<tbody>")
        for row in b.rows:
            add("<tr>" + f'<th scope="row">{e(row[0])}</th>'
                + "".join(f'<td class="nw">{e(c)}</td>' if NOWRAP_RE.fullmatch(c) else f"<td>{e(c)}</td>"
                          for c in row[1:]) + "</tr>")
        add("</tbody>")
        add("</table>")
    elif isinstance(b, Group):
        add(f'<section class="{e(b.kind)}">')
        for inner in b.blocks:
            _block(inner, out)
        add("</section>")
