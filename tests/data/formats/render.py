#!/usr/bin/env python3
"""Renders the sample reports (corpus/*.txt) as the web pages programme operators publish,
into tests/data/formats/html/: a page per file, with navigation, a script and a style the
reader must drop, partner lines as headings, periods as table rows, bullets as lists.
001 is written in Windows-1257 and declares it in an http-equiv header, as old Lithuanian
sites do; the rest are UTF-8 with <meta charset>.

Also renders them as Word documents (tests/data/formats/docx/: a paragraph a line, periods
as two-cell table rows) and as PDF files (tests/data/formats/pdf/: DejaVu Sans embedded, A4,
paragraphs wrapped to the page with long words hyphenated at line ends, labels in bold, a
running header and a page number on every page; 002 is typeset with the fi/fl ligatures and 003 with its Lithuanian
letters decomposed, as some PDF writers leave them), and writes the files that must be refused
(tests/data/formats/bad/: a zip archive named .docx that holds no Word document, a scanned
PDF with no text layer, a truncated PDF and a PDF that needs a password; the PDF that only
restricts printing stays readable and lies in tests/data/formats/pdf-restricted/).
Needs reportlab and Pillow (pip install reportlab pillow) and the DejaVu fonts.
Run from the repository root:

    python3 tests/data/formats/render.py

With `--corpus SRC --out DST` it renders every `.txt` file under SRC instead (a generated
corpus, for `benches/formats.sh`) into DST/text, DST/html, DST/docx and DST/pdf, each file
under the same relative path with its format's ending.
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


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89
MARGIN, SIZE, LEADING, PARAGRAPH_GAP = 56, 10, 13, 7
LABEL = re.compile(r"^(Partneris|Partner|Santrauka|Main results of the initiative|Įgyvendinimo periodas|Implementation period):")
HEADER = "Aktyvių piliečių fondas · Initiative results / Iniciatyvų rezultatai"


def wrap(text, width, measure):
    """Greedy line breaking; a long word that does not fit is hyphenated, as word processors do."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if len(word) >= 9 and word.isalpha():
            for cut in range(len(word) - 4, 3, -1):
                head = f"{line} {word[:cut]}-" if line else f"{word[:cut]}-"
                if measure(head) <= width:
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def write_pdf(target, text, encrypt=None):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONT.replace("Sans.ttf", "Sans-Bold.ttf")))
    measure = lambda line: pdfmetrics.stringWidth(line, "DejaVuSans", SIZE)
    width = PAGE_WIDTH - 2 * MARGIN
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    pages, page, y = [], [], PAGE_HEIGHT - MARGIN - 2 * LEADING
    for paragraph in paragraphs:
        for line in wrap(paragraph, width, measure):
            if y < MARGIN + 2 * LEADING:
                pages.append(page)
                page, y = [], PAGE_HEIGHT - MARGIN - 2 * LEADING
            page.append((y, line))
            y -= LEADING
        y -= PARAGRAPH_GAP
    pages.append(page)
    # invariant=1: no timestamps or random ids, so the same reports give the same bytes.
    pdf = canvas.Canvas(str(target), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, encrypt=encrypt)
    for number, lines in enumerate(pages, 1):
        pdf.setFont("DejaVuSans", 8)
        pdf.drawString(MARGIN, PAGE_HEIGHT - MARGIN, HEADER)
        pdf.drawCentredString(PAGE_WIDTH / 2, MARGIN - 20, f"{number} / {len(pages)}")
        for y, line in lines:
            label = LABEL.match(line)
            if label:
                # Labels in bold, as word processors set them: the line is two runs of text.
                pdf.setFont("DejaVuSans-Bold", SIZE)
                pdf.drawString(MARGIN, y, label.group(0))
                offset = pdfmetrics.stringWidth(label.group(0) + " ", "DejaVuSans-Bold", SIZE)
                pdf.setFont("DejaVuSans", SIZE)
                pdf.drawString(MARGIN + offset, y, line[label.end():].lstrip())
            else:
                pdf.setFont("DejaVuSans", SIZE)
                pdf.drawString(MARGIN, y, line)
        pdf.showPage()
    pdf.save()


def typeset(stem, text):
    """How some writers leave the text layer: ligature glyphs, or letters as base plus mark."""
    import unicodedata

    if stem.startswith("002_"):
        return text.replace("fi", "\ufb01").replace("fl", "\ufb02")
    if stem.startswith("003_"):
        return unicodedata.normalize("NFD", text)
    return text


def write_scanned_pdf(target, text):
    """A page as a scanner makes it: a picture of the text and no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(FONT, 22)
    for row, line in enumerate(text.splitlines()[:40]):
        draw.text((100, 120 + row * 34), line[:90], font=font, fill=0)
    scan = target.with_suffix(".png")
    picture.save(scan)
    pdf = canvas.Canvas(str(target), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    pdf.drawImage(str(scan), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
    pdf.showPage()
    pdf.save()
    scan.unlink()


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
        pdf = ROOT / "tests/data/formats/pdf"
        pdf.mkdir(parents=True, exist_ok=True)
        write_pdf(pdf / (source.stem + ".pdf"), typeset(source.stem, text))
    bad = ROOT / "tests/data/formats/bad"
    bad.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(bad / "budget.docx", "w") as archive:
        archive.writestr(zipfile.ZipInfo("data.csv", (2020, 1, 1, 0, 0, 0)), "a,b\n1,2\n")
    from reportlab.lib.pdfencrypt import StandardEncryption

    sample = (ROOT / "corpus/004_257f851f65888750.txt").read_text(encoding="utf-8")
    write_scanned_pdf(bad / "scanned.pdf", sample)
    whole = (ROOT / "tests/data/formats/pdf/004_257f851f65888750.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    write_pdf(bad / "password.pdf", sample, StandardEncryption("slaptas", ownerPassword="owner", strength=128))
    restricted = ROOT / "tests/data/formats/pdf-restricted"
    restricted.mkdir(parents=True, exist_ok=True)
    write_pdf(
        restricted / "004_257f851f65888750.pdf",
        sample,
        StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0, strength=128),
    )


def read_text(path):
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("cp1257")


def render_corpus(source, out):
    for path in sorted(source.rglob("*.txt")):
        relative = path.relative_to(source)
        text = read_text(path)
        targets = {kind: out / kind / relative.with_suffix("." + kind) for kind in ("html", "docx", "pdf")}
        targets["text"] = out / "text" / relative
        for target in targets.values():
            target.parent.mkdir(parents=True, exist_ok=True)
        targets["text"].write_text(text, encoding="utf-8")
        targets["html"].write_text(page(path.stem, text, '<meta charset="utf-8">'), encoding="utf-8")
        write_docx(targets["docx"], text)
        write_pdf(targets["pdf"], text)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 5 and sys.argv[1] == "--corpus" and sys.argv[3] == "--out":
        render_corpus(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[4]))
    else:
        main()
