#!/usr/bin/env python3
"""Renders the sample reports (corpus/*.txt) as the web pages programme operators publish,
into tests/data/formats/html/: a page per file, with navigation, a script and a style the
reader must drop, partner lines as headings, periods as table rows, bullets as lists.
001 is written in Windows-1257 and declares it in an http-equiv header, as old Lithuanian
sites do; the rest are UTF-8 with <meta charset>. Run from the repository root:

    python3 tests/data/formats/render.py
"""
import html
import pathlib
import re

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


if __name__ == "__main__":
    main()
