#!/usr/bin/env python3
"""Renders the sample reports (corpus/*.txt) as the web pages programme operators publish,
into tests/data/formats/html/: a page per file, with navigation, a script and a style the
reader must drop, partner lines as headings, periods as table rows, bullets as lists.
001 is written in Windows-1257 and declares it in an http-equiv header, as old Lithuanian
sites do; the rest are UTF-8 with <meta charset>.

Also renders them as Word documents (tests/data/formats/docx/: a paragraph a line, periods
as two-cell table rows), and writes the files that must be refused
(tests/data/formats/bad/: a zip archive named .docx that holds no Word document).
Run from the repository root:

    python3 tests/data/formats/render.py
"""
import html
import pathlib
import re
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parents[3]
OUT = ROOT / "tests/data/formats/html"
PERIOD = re.compile(r"^(Įgyvendinimo periodas|Implementation period):\s*(.*)$")
PARTNER = re.compile(r"^(Partneris|Partner):")


def body(text):
    parts, items = [], []

    def flush_list():
        if items:
            parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("• ", "- ")):
            items.append(html.escape(line[2:]))
            continue
        flush_list()
        period = PERIOD.match(line)
        if period:
            parts.append(
                f"<table class=\"facts\"><tr><th>{html.escape(period.group(1))}:</th>"
                f"<td>{html.escape(period.group(2))}</td></tr></table>"
            )
        elif PARTNER.match(line):
            parts.append(f"<h3>{html.escape(line)}</h3>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
    flush_list()
    return "\n".join(parts)


def page(title, text, charset_header):
    return f"""<!DOCTYPE html>
<html lang="lt">
<head>
{charset_header}
<title>{html.escape(title)}</title>
<style>body {{ font-family: sans-serif; }} .facts th {{ text-align: left; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() {{ dataLayer.push(arguments); }}</script>
</head>
<body>
<nav><a href="/">Pradžia</a> | <a href="/programmes">Programmes</a> | <a href="/contacts">Kontaktai</a></nav>
<main>
{body(text)}
</main>
</body>
</html>
"""


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def docx_body(text):
    parts = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        period = PERIOD.match(line)
        if period:
            cells = "".join(
                f"<w:tc><w:p>{run(cell)}</w:p></w:tc>"
                for cell in (period.group(1) + ":", period.group(2))
            )
            parts.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
        else:
            parts.append(f"<w:p>{run(line)}</w:p>")
    return "".join(parts)


def write_docx(target, text):
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{docx_body(text)}</w:body></w:document>"
    )
    # Fixed timestamps: the same reports give the same bytes.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/document.xml", document),
        ]:
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for source in sorted((ROOT / "corpus").glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        target = OUT / (source.stem + ".html")
        if source.stem.startswith("001_"):
            header = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1257">'
            target.write_bytes(page(source.stem, text, header).encode("cp1257", "xmlcharrefreplace"))
        else:
            target.write_text(page(source.stem, text, '<meta charset="utf-8">'), encoding="utf-8")
        docx = ROOT / "tests/data/formats/docx"
        docx.mkdir(parents=True, exist_ok=True)
        write_docx(docx / (source.stem + ".docx"), text)
    bad = ROOT / "tests/data/formats/bad"
    bad.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(bad / "budget.docx", "w") as archive:
        archive.writestr(zipfile.ZipInfo("data.csv", (2020, 1, 1, 0, 0, 0)), "a,b\n1,2\n")


if __name__ == "__main__":
    main()
