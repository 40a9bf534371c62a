"""The PDF report's font, paragraph styles, and the cleaning of text put into it.

Every string reaches reportlab through ``para`` (Paragraph markup, escaped) or ``plain``
(canvas text): both drop control characters and replace what the embedded DejaVu font
cannot draw, so a company name full of emoji never breaks the layout or the file.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Container, Mapping, Sequence
from functools import cache
from importlib import resources
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, TableStyle

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
REPLACEMENT = "\ufffd"
# Invisible joiners and emoji presentation selectors: dropped rather than replaced, so an
# emoji sequence becomes one replacement mark, not several.
DROPPED = frozenset("\u200d\ufe0e\ufe0f")

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4e7eb")
HIGHLIGHT = colors.HexColor("#e3f2e8")
CELL_SIZE = 7.5
CELL_PADDING = 4.0
LONGEST_HEADER_SHARE = 0.2  # of a table's width
SMALLEST_LABEL_SHARE = 0.15
SMALLEST_SQUEEZED_SHARE = 0.10  # a wrapping column in a table too wide for the page


def _font_file(name: str) -> io.BytesIO:
    # Bytes rather than a path: works from a checkout and from a zipped wheel alike.
    return io.BytesIO((resources.files("assets") / "fonts" / name).read_bytes())


@cache
def drawable() -> frozenset[int]:
    """Register the report's fonts (once) and return the code points both can draw."""
    regular = TTFont(FONT, _font_file("DejaVuSans.ttf"))
    bold = TTFont(FONT_BOLD, _font_file("DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


def clean(text: str) -> str:
    """``text`` with line breaks kept, other control characters dropped, and characters the
    font cannot draw replaced by one mark per run."""
    glyphs = drawable()
    out: list[str] = []
    for char in str(text).replace("\r\n", "\n").replace("\r", "\n"):
        if char in DROPPED:
            continue
        if char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif ord(char) in glyphs:
            out.append(char)
        elif not out or out[-1] != REPLACEMENT:
            out.append(REPLACEMENT)
    return "".join(out)


def plain(text: str) -> str:
    """Text for the canvas: cleaned, on one line."""
    return " ".join(clean(text).split())


def markup(text: str) -> str:
    """Text for Paragraph markup: cleaned and escaped, line breaks kept."""
    return escape(clean(text)).replace("\n", "<br/>")


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points on one line."""
    text = plain(text)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles by name."""
    drawable()
    body = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=9.5, leading=13, textColor=INK
    )
    small = ParagraphStyle("small", body, fontSize=8, leading=10.5, textColor=MUTED)
    cell = ParagraphStyle("cell", body, fontSize=CELL_SIZE, leading=9.5)
    return {
        "body": body,
        "small": small,
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", cell, fontName=FONT_BOLD),
        "head_right": ParagraphStyle("head_right", cell, fontName=FONT_BOLD, alignment=TA_RIGHT),
        "cell_right": ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        "cell_small": ParagraphStyle("cell_small", cell, fontSize=6.5, leading=8),
        "title": ParagraphStyle(
            "title", body, fontName=FONT_BOLD, fontSize=24, leading=30, spaceAfter=10
        ),
        "title_long": ParagraphStyle(
            "title_long", body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=8
        ),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=14, leading=19, spaceAfter=6),
        "h1": ParagraphStyle(
            "h1", body, fontName=FONT_BOLD, fontSize=16, leading=21, spaceAfter=8, keepWithNext=1
        ),
        "h2": ParagraphStyle(
            "h2",
            body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "lead": ParagraphStyle("lead", body, fontSize=12, leading=16.5, spaceAfter=6),
        "bullet": ParagraphStyle("bullet", body, leftIndent=12, bulletIndent=2, spaceAfter=2),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(markup(text), styles()[style])


def bold_then(label: str, text: str, style: str = "body") -> Paragraph:
    """A paragraph opening with a bold label."""
    return Paragraph(f"<b>{markup(label)}</b> {markup(text)}", styles()[style])


def bullet(text: str) -> Paragraph:
    """A bulleted paragraph of plain text (escaped)."""
    return Paragraph(markup(text), styles()["bullet"], bulletText="•")


def header_row(texts: Sequence[str], figures: Container[int] | None = None) -> list[object]:
    """Bold header cells that wrap; the ``figures`` columns (by default all but the first)
    are right-aligned like the figures under them."""
    figures = range(1, len(texts)) if figures is None else figures
    return [
        para(text, "head_right" if index in figures else "cell_bold")
        for index, text in enumerate(texts)
    ]


def column_widths(
    header: Sequence[str],
    body: Sequence[Sequence[object]],
    width: float,
    flexible: Mapping[int, float] | None = None,
) -> list[float]:
    """Column widths for a table of ``width`` points: each column at least as wide as its
    longest plain-text cell and its longest header word (so figures never overflow or
    break); the room left goes to the ``flexible`` columns by weight, or to all alike."""
    flexible = flexible or {}
    # A header word longer than this is broken rather than widening its column.
    words = [min(_longest_word(text), width * LONGEST_HEADER_SHARE) for text in header]
    need = list(words)
    for row in body:
        for index, cell in enumerate(row):
            if isinstance(cell, str) and index not in flexible:
                need[index] = max(need[index], _text_width(cell))
    for index in flexible:
        need[index] = max(need[index], width * SMALLEST_LABEL_SHARE)
    spare = width - sum(need)
    if spare < 0:
        return _squeezed(need, words, flexible, width)
    weights = dict(flexible) or dict.fromkeys(range(len(need)), 1.0)
    total = sum(weights.values())
    return [w + spare * weights.get(i, 0.0) / total for i, w in enumerate(need)]


def _squeezed(
    need: list[float], words: list[float], flexible: Mapping[int, float], width: float
) -> list[float]:
    """Columns that do not fit ``width``: first the wrapping (flexible) columns give up room,
    down to their header's longest word and a tenth of the table, then every column alike
    down to its header's longest word, so that headers break between words (a Polish
    "Obciążenie" beside wide hryvnia amounts); only when even the words do not fit does
    every column shrink alike."""
    floors = [max(w, width * SMALLEST_SQUEEZED_SHARE) if i in flexible else w
              for i, w in enumerate(words)]  # fmt: skip
    widths = list(need)
    for shrinking in (list(flexible), list(range(len(need)))):
        excess = sum(widths) - width
        room = {i: widths[i] - floors[i] for i in shrinking if widths[i] > floors[i]}
        if excess <= 0 or not room:
            continue
        taken = min(excess, sum(room.values()))
        for index, spare in room.items():
            widths[index] -= taken * spare / sum(room.values())
    if sum(widths) > width + 0.01:
        return [w * width / sum(widths) for w in widths]
    return widths


def label_first(count: int, weight: float = 4.0) -> dict[int, float]:
    """Flexible weights for a table of figures with a label column: the label grows most."""
    return {0: weight} | dict.fromkeys(range(1, count), 1.0)


def _text_width(text: str) -> float:
    return float(pdfmetrics.stringWidth(text, FONT_BOLD, CELL_SIZE)) + 2 * CELL_PADDING + 1


def _longest_word(text: str) -> float:
    return max((_text_width(word) for word in plain(text).split()), default=0.0)


def table_style(extra: list[tuple[object, ...]] | None = None) -> TableStyle:
    """Ruled table, bold shaded header row (repeated on each page by ``repeatRows``)."""
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    return TableStyle(commands + (extra or []))
