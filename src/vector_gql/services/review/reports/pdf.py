"""What the PDF reports share: fonts, styles, escaping, number formats, the document.

Layout is reportlab's platypus. Text uses DejaVu Sans, the TrueType font that
matplotlib ships, so names and comments in Latin, Greek or Cyrillic script
print as written (reportlab's built-in Helvetica covers Latin-1 only); both
programs then draw with the same face.

Everything a user typed (names, question texts, comments) goes through
``text()``, which escapes it: reportlab's paragraphs read a markup language,
and unescaped input could change the layout or pull in a file with ``<img>``.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
DASH = "–"
HEADER_BACKGROUND = colors.HexColor("#e8edf4")
GRID = colors.HexColor("#c8cfd8")
WARNING = colors.HexColor("#a33a3a")
FOOTER = "Vector Interview"


@functools.cache
def register_fonts() -> None:
    directory = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(directory / file)))
    pdfmetrics.registerFont(TTFont(ITALIC, str(directory / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=16, leading=20),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=10, leading=14, textColor="#444444"),
        "heading": ParagraphStyle(
            "heading",
            body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "body": body,
        "small": ParagraphStyle("small", body, fontSize=7.5, leading=9.5, textColor="#555555"),
        "cell": ParagraphStyle("cell", body, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", body, fontName=BOLD, fontSize=8, leading=10),
        "number": ParagraphStyle("number", body, fontSize=8, leading=10, alignment=TA_RIGHT),
        "warning": ParagraphStyle("warning", body, textColor=WARNING),
    }


def text(value: str) -> str:
    """User text, escaped for a paragraph, with its line breaks kept."""
    return escape(value).replace("\r\n", "\n").replace("\n", "<br/>")


def para(value: str, style: str = "body") -> Paragraph:
    """A paragraph of markup written here (user text must go through ``text``)."""
    return Paragraph(value, styles()[style])


def number(value: float | None, places: int = 2) -> str:
    return DASH if value is None else f"{value:.{places}f}"


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | None = None,
    *,
    numeric_from: int | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with a shaded header row that repeats across pages."""
    result = Table(list(map(list, rows)), colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("FONT", (0, 0), (-1, 0), BOLD, 8),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    result.setStyle(TableStyle([*commands, *extra]))
    return result


def side_by_side(left: list[Flowable], right: list[Flowable], width: float) -> Table:
    """Two columns of flowables (a chart and its caption each), without table styling."""
    half = width / 2
    result = Table([[left, right]], colWidths=[half, half], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return result


def image(png: bytes, width: float | None = None, height: float | None = None) -> Image:
    """A chart scaled to ``width`` or ``height`` points, keeping its aspect ratio."""
    picture = Image(io.BytesIO(png))
    if width is not None:
        scale = width / picture.imageWidth
    elif height is not None:
        scale = height / picture.imageHeight
    else:
        raise ValueError("give a width or a height")
    picture.drawWidth = picture.imageWidth * scale
    picture.drawHeight = picture.imageHeight * scale
    return picture


def build(story: list[Flowable], *, title: str, pagesize: tuple[float, float] = A4) -> bytes:
    """Lay out the story into PDF bytes; the same input gives the same bytes."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=FOOTER,
        creator=FOOTER,
        producer=FOOTER,
        invariant=1,
        lang="en",
    )

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawString(doc.leftMargin, 10 * mm, f"{FOOTER} · {title}")
        canvas.drawRightString(pagesize[0] - doc.rightMargin, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def frame_width(pagesize: tuple[float, float] = A4) -> float:
    return float(pagesize[0] - 32 * mm)
