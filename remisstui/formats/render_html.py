"""The remissammanställning as one self-contained HTML page (inline, print-friendly CSS).

Every piece of user text goes through html.escape; nothing is ever inserted unescaped, so an
answer containing "<script>" shows those characters and runs nothing.
"""

from __future__ import annotations

from html import escape

from ..domain.dates import format_date_long
from .summary import TABLE_COLUMNS, Summary, cell_text

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
.stance { font-style: italic; }
.theme { font-weight: bold; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  section.answer, tr { break-inside: avoid; page-break-inside: avoid; }
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
    add("<header>")
    add(f"<h1>{e(s.heading)}</h1>")
    add('<dl class="meta">')
    add(f"<dt>Remisstid</dt><dd>{e(s.period)}</dd>")
    add(f"<dt>Avsändare</dt><dd>{e(s.sender)}</dd>")
    add(f"<dt>Sammanställd</dt><dd>{e(format_date_long(s.compiled_on))}</dd>")
    add("</dl>")
    add("</header>")
    add("<main>")
    add("<h2>Ärendet</h2>")
    if s.description:
        add(f"<p>{e(s.description)}</p>")
    add(f"<p>{e(s.remitted_to_sentence)}</p>")
    add("<ul>")
    for line in s.count_lines:
        add(f"<li>{e(line.text)}</li>")
    add("</ul>")
    add("<h2>Sammanfattande bild</h2>")
    add(f"<p>{e(' '.join(s.stance_overview))}</p>")
    if s.themes:
        add("<h2>Teman</h2>")
        for theme in s.themes:
            add(f"<h3>{e(_cap(theme.name))}</h3>")
            add(f"<p>{e(theme.sentence)}</p>")
            add("<ul>")
            for entry in theme.entries:
                for point in entry.points:
                    add(f'<li><span class="theme">{e(entry.organisation)}:</span> {e(point)}</li>')
            add("</ul>")
    add("<h2>Remissinstansernas svar</h2>")
    if not s.sections:
        add("<p>Inga svar har kommit in.</p>")
    for sec in s.sections:
        add('<section class="answer">')
        add(f"<h3>{e(sec.heading)}</h3>")
        add(f'<p><strong>Ställningstagande:</strong> <span class="stance">{e(sec.stance_text)}</span></p>')
        if sec.facts:
            add("<ul>")
            for fact in sec.facts:
                add(f"<li>{e(fact)}</li>")
            add("</ul>")
        for para in sec.summary:
            add(f"<p>{e(para)}</p>")
        if sec.untagged:
            add("<p><strong>Synpunkter:</strong></p>")
            add("<ul>")
            for c in sec.untagged:
                add(f"<li>{e(c.text)}</li>")
            add("</ul>")
        if sec.themes_note:
            add(f"<p>{e(sec.themes_note)}</p>")
        if sec.dissents:
            add("<p><strong>Reservationer och särskilda uttalanden:</strong></p>")
            add("<ul>")
            for d in sec.dissents:
                add(f"<li>{e(d.sentence)}</li>")
            add("</ul>")
        add("</section>")
    if s.collective_lines:
        add("<h2>Övriga remissinstanser</h2>")
        for line in s.collective_lines:
            add(f"<p>{e(line)}</p>")
    add("<h2>Bilaga: Samtliga remissinstanser</h2>")
    add("<table>")
    add("<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for _a, h in TABLE_COLUMNS) + "</tr></thead>")
    add("<tbody>")
    for row in s.rows:
        cells = [cell_text(row.value(a)) for a, _h in TABLE_COLUMNS]
        add("<tr>" + f'<th scope="row">{e(cells[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in cells[1:]) + "</tr>")
    add("</tbody>")
    add("</table>")
    add("</main>")
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"
