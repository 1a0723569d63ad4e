"""Every Word document opens in LibreOffice (Debian's libreoffice-writer-nogui, headless) as A4 in its language.

Each DOCX is converted to PDF by LibreOffice and read back with pdftotext: the page is A4 (landscape for
the situational annex, as its PDF), the text is all there, and no word of a table is cut in two by a
column too narrow for it. The files themselves declare their language (fi-FI, sv-FI, en-GB) in the
defaults, the styles and every run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.documents.conftest import rendered

pytestmark = pytest.mark.django_db

A4 = (595, 842)  # points, rounded
TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def libreoffice() -> str:
    tool = shutil.which("soffice") or shutil.which("libreoffice")
    if tool is None:
        pytest.fail(
            "LibreOffice is not installed: run `make test` (it installs Debian's libreoffice-writer-nogui)"
        )
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.fail("poppler-utils is not installed: run `make test` (it installs it)")
    return tool


def convert(files: dict[str, bytes]) -> dict[str, tuple[str, str]]:
    """{name: DOCX bytes} -> {name: (pdftotext text, pdfinfo page size)} through LibreOffice."""
    tool = libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        paths = []
        for name, content in files.items():
            path = base / f"{name}.docx"
            path.write_bytes(content)
            paths.append(str(path))
        subprocess.run(
            [
                tool,
                f"-env:UserInstallation={(base / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
            ]
            + ["--outdir", str(base / "out"), *paths],
            capture_output=True,
            check=True,
            timeout=300,
        )
        out = {}
        for name in files:
            pdf = base / "out" / f"{name}.pdf"
            assert pdf.exists(), f"LibreOffice did not convert {name}"
            text = subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
            ).stdout
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
            out[name] = (text, (round(float(size[1])), round(float(size[2]))))
        return out


def table_words(content: bytes) -> set[str]:
    doc = Document(io.BytesIO(content))
    return {
        word
        for table in doc.tables
        for row in table.rows
        for cell in row.cells
        for word in re.split(r"[ \t\n]+", cell.text)
        if len(word) >= 4 and not re.search(r"https?:|[/–-]", word)
    }


def test_every_docx_converts_with_libreoffice_as_a4_in_its_language(world):
    files, words, texts = {}, {}, {}
    for lang in ("fi", "sv", "en"):
        for document in rendered(world, lang, ("docx",)):
            name = f"{document.name.replace(' ', '-')}-{lang}"
            files[name], words[name], texts[name] = (
                document.content,
                table_words(document.content),
                document.text,
            )
            with zipfile.ZipFile(io.BytesIO(document.content)) as package:
                styles = package.read("word/styles.xml").decode()
            assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {TAGS[lang]}, name
    assert len(files) == 9
    for name, (text, size) in convert(files).items():
        expected = A4[::-1] if name.startswith("situational-annex") else A4
        assert size == expected, name
        flat = " ".join(text.replace("\u00a0", " ").split())
        title = texts[name].split(" ", 12)[:12]  # the page header and title come first
        assert all(word in flat for word in title if len(word) > 3), name
        cut = sorted(w for w in words[name] if w.replace("\u00a0", " ") not in flat)
        assert not cut, f"{name}: table words cut across lines: {cut[:10]}"
