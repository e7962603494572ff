"""LibreOffice (headless) as the tests' stand-in for WPS/Excel: render and read files."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")
# Export every sheet (-1), cell contents as shown (token 9 true), UTF-8.
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed; .ci/run installs it")
    return exe


def convert(source: Path | list[Path], target_format: str, outdir: Path, *, test_fonts: bool = True) -> None:
    """One soffice run for one file or many (a start costs seconds; each further file far less).
    ``test_fonts=False`` renders with the machine's own fontconfig: no stand-ins for 仿宋_GB2312, 宋体 &
    co., so LibreOffice falls back to whatever face fontconfig offers (wider digits)."""
    sources = [source] if isinstance(source, Path) else list(source)
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"  # a fresh profile per run: parallel runs never share one
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    if not test_fonts:
        del env["FONTCONFIG_FILE"]
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180 + 20 * len(sources),
        env=env,
    )


def to_pdf(source: Path, outdir: Path, *, test_fonts: bool = True) -> Path:
    convert(source, "pdf", outdir, test_fonts=test_fonts)
    pdf = outdir / (source.stem + ".pdf")
    if not pdf.exists():  # soffice exits 0 even when it failed
        raise RuntimeError(f"LibreOffice did not produce {pdf}")
    return pdf


def to_pdfs(sources: list[Path], outdir: Path, *, test_fonts: bool = True) -> dict[Path, Path]:
    """Each source → its PDF, from one soffice run. Sources need distinct names."""
    convert(sources, "pdf", outdir, test_fonts=test_fonts)
    pdfs = {source: outdir / (source.stem + ".pdf") for source in sources}
    missing = [pdf.name for pdf in pdfs.values() if not pdf.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not produce {missing}")
    return pdfs


def sheets_as_shown(xlsx: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Each sheet as the rows of text a spreadsheet program displays."""
    convert(xlsx, CSV_ALL_SHEETS, outdir)
    sheets = {}
    for path in outdir.glob(f"{xlsx.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            sheets[path.stem[len(xlsx.stem) + 1 :]] = list(csv.reader(f))
    if not sheets:
        raise RuntimeError(f"LibreOffice did not read {xlsx}")
    return sheets


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True)
    sizes = []
    for line in out.stdout.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes


def pdf_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


def pdf_to_png(pdf: Path, prefix: Path, dpi: int = 70) -> list[Path]:
    prefix.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))
