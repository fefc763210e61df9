"""Draw a page of one of our PDFs on a QPainter as what it is made of: text as text, rules
and boxes as lines, pictures as pictures. The Windows print path (QPrinter) has no way to
hand a PDF to a driver, and Qt renders PDFs only as pictures; drawing the page's own
operations keeps the text as text wherever the driver takes vector drawing (a 60-delivery
statement is not sixty 300-dpi pictures, and a PDF printer keeps words a reader can search).

It reads what ReportLab writes (and pypdf's placement adds): the graphics state (q Q cm w J
j d), colours (g G rg RG k K), paths (m l c v y h re, S s f F f* B B* b b* n, W W*), text
(BT ET Tf TL Tc Tw Tz Ts Tr Td TD Tm T* Tj TJ ' ") and image XObjects. The characters come
back through each font's ToUnicode map and are drawn in the same TrueType font the document
embeds (resources/fonts), at the place and size the PDF gives them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pypdf import PageObject
from pypdf.generic import ContentStream
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)

from ui.printing.pdf_fonts import PIXELS, PdfFont, pdf_font


@dataclass
class _State:
    ctm: QTransform = field(default_factory=QTransform)
    stroke: QColor = field(default_factory=lambda: QColor(Qt.GlobalColor.black))
    fill: QColor = field(default_factory=lambda: QColor(Qt.GlobalColor.black))
    width: float = 1.0
    cap: int = 0
    join: int = 0
    dash: tuple[list[float], float] = field(default_factory=lambda: ([], 0.0))
    font: PdfFont | None = None
    size: float = 0.0
    leading: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    rise: float = 0.0
    mode: int = 0
    clip: QPainterPath | None = None


def _matrix(a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> QTransform:
    return QTransform(float(a), float(b), float(c), float(d), float(e), float(f))


def _grey(v: Any) -> QColor:
    return QColor.fromRgbF(float(v), float(v), float(v))


def _cmyk(c: Any, m: Any, y: Any, k: Any) -> QColor:
    return QColor.fromCmykF(float(c), float(m), float(y), float(k))


def _bytes(item: bytes | str) -> bytes:
    """A string operand as the bytes the PDF holds (pypdf decodes some to text)."""
    original = getattr(item, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    return item if isinstance(item, bytes) else item.encode("latin-1", "replace")


_CAPS = {0: Qt.PenCapStyle.FlatCap, 1: Qt.PenCapStyle.RoundCap, 2: Qt.PenCapStyle.SquareCap}
_JOINS = {0: Qt.PenJoinStyle.MiterJoin, 1: Qt.PenJoinStyle.RoundJoin, 2: Qt.PenJoinStyle.BevelJoin}


class PagePainter:
    """Replays one page onto `painter`, whose coordinates are the page's in points with the
    origin at its top left (as a full-page QPrinter sees a sheet scaled to points)."""

    def __init__(self, painter: QPainter, page: PageObject) -> None:
        self.painter = painter
        self.page = page
        height = float(page.mediabox.height)
        left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
        # PDF user space (y up) onto the painter's (y down)
        self.base = QTransform(1, 0, 0, -1, -left, height + bottom)
        self.fonts: dict[str, PdfFont] = {}
        self.state = _State()
        self.stack: list[_State] = []
        self.path = QPainterPath()
        self.pending_clip: Qt.FillRule | None = None
        self.tm = QTransform()
        self.tlm = QTransform()

    def run(self) -> None:
        resources = self.page.get("/Resources") or {}
        stream = ContentStream(self.page.get_contents(), self.page.pdf)
        self.painter.save()
        try:
            self._replay(stream.operations, resources)
        finally:
            self.painter.restore()

    def _replay(self, operations: list[tuple[list[Any], bytes]], resources: Any) -> None:
        for operands, op in operations:
            handler = _OPS.get(op)
            if handler is not None:
                handler(self, operands, resources)

    # -- state ---------------------------------------------------------------------------

    def push(self, _o: list[Any], _r: Any) -> None:
        self.stack.append(replace(self.state))

    def pop(self, _o: list[Any], _r: Any) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def concat(self, o: list[Any], _r: Any) -> None:
        self.state.ctm = _matrix(*o) * self.state.ctm

    def set_width(self, o: list[Any], _r: Any) -> None:
        self.state.width = float(o[0])

    def set_cap(self, o: list[Any], _r: Any) -> None:
        self.state.cap = int(o[0])

    def set_join(self, o: list[Any], _r: Any) -> None:
        self.state.join = int(o[0])

    def set_dash(self, o: list[Any], _r: Any) -> None:
        self.state.dash = ([float(x) for x in o[0]], float(o[1]))

    def colour(self, o: list[Any], op: bytes) -> None:
        value = (
            _grey(o[0]) if op in (b"g", b"G") else _cmyk(*o) if op in (b"k", b"K") else
            QColor.fromRgbF(float(o[0]), float(o[1]), float(o[2]))
        )  # fmt: skip
        if op.islower():
            self.state.fill = value
        else:
            self.state.stroke = value

    # -- paths ---------------------------------------------------------------------------

    def move(self, o: list[Any], _r: Any) -> None:
        self.path.moveTo(float(o[0]), float(o[1]))

    def line(self, o: list[Any], _r: Any) -> None:
        self.path.lineTo(float(o[0]), float(o[1]))

    def curve(self, o: list[Any], op: bytes) -> None:
        now = self.path.currentPosition()
        v = [float(x) for x in o]
        if op == b"c":
            self.path.cubicTo(v[0], v[1], v[2], v[3], v[4], v[5])
        elif op == b"v":
            self.path.cubicTo(now.x(), now.y(), v[0], v[1], v[2], v[3])
        else:
            self.path.cubicTo(v[0], v[1], v[2], v[3], v[2], v[3])

    def close(self, _o: list[Any], _r: Any) -> None:
        self.path.closeSubpath()

    def rect(self, o: list[Any], _r: Any) -> None:
        self.path.addRect(QRectF(float(o[0]), float(o[1]), float(o[2]), float(o[3])))

    def paint(self, op: bytes) -> None:
        """S s f F f* B B* b b* n: stroke and/or fill the path, then the pending clip."""
        if op in (b"s", b"b", b"b*"):
            self.path.closeSubpath()
        fill = op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")
        stroke = op in (b"S", b"s", b"B", b"B*", b"b", b"b*")
        self.path.setFillRule(
            Qt.FillRule.OddEvenFill if op.endswith(b"*") else Qt.FillRule.WindingFill
        )
        if fill or stroke:
            self._draw_path(fill, stroke)
        if self.pending_clip is not None:
            clip = self.state.ctm.map(self.path)
            clip.setFillRule(self.pending_clip)
            self.state.clip = clip if self.state.clip is None else self.state.clip & clip
            self.pending_clip = None
        self.path = QPainterPath()

    def _draw_path(self, fill: bool, stroke: bool) -> None:
        p = self.painter
        p.save()
        self._apply_clip()
        p.setWorldTransform(self.state.ctm * self.base, True)
        if stroke:
            pen = QPen(self.state.stroke)
            pen.setWidthF(self.state.width)
            pen.setCapStyle(_CAPS.get(self.state.cap, Qt.PenCapStyle.FlatCap))
            pen.setJoinStyle(_JOINS.get(self.state.join, Qt.PenJoinStyle.MiterJoin))
            dashes, offset = self.state.dash
            if dashes and self.state.width > 0:
                pen.setDashPattern([max(d / self.state.width, 0.01) for d in dashes])
                pen.setDashOffset(offset / self.state.width)
            p.setPen(pen)
        else:
            p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(self.state.fill) if fill else Qt.BrushStyle.NoBrush)
        p.drawPath(self.path)
        p.restore()

    def _apply_clip(self) -> None:
        if self.state.clip is not None:
            self.painter.setClipPath(self.base.map(self.state.clip))

    # -- text ----------------------------------------------------------------------------

    def begin_text(self, _o: list[Any], _r: Any) -> None:
        self.tm, self.tlm = QTransform(), QTransform()

    def set_font(self, o: list[Any], resources: Any) -> None:
        name = str(o[0])
        if name not in self.fonts:
            fonts = resources.get("/Font") or {}
            self.fonts[name] = pdf_font(fonts[name].get_object())
        self.state.font, self.state.size = self.fonts[name], float(o[1])

    def text_param(self, o: list[Any], op: bytes) -> None:
        value = float(o[0])
        if op == b"TL":
            self.state.leading = value
        elif op == b"Tc":
            self.state.char_space = value
        elif op == b"Tw":
            self.state.word_space = value
        elif op == b"Tz":
            self.state.scale = value / 100
        elif op == b"Ts":
            self.state.rise = value
        else:
            self.state.mode = int(value)

    def text_move(self, o: list[Any], op: bytes) -> None:
        if op == b"Tm":
            self.tlm = _matrix(*o)
        else:
            tx, ty = (0.0, -self.state.leading) if op == b"T*" else (float(o[0]), float(o[1]))
            if op == b"TD":
                self.state.leading = -ty
            self.tlm = QTransform.fromTranslate(tx, ty) * self.tlm
        self.tm = QTransform(self.tlm)

    def show(self, o: list[Any], op: bytes) -> None:
        if op == b"'":
            self.text_move([], b"T*")
        elif op == b'"':
            self.state.word_space, self.state.char_space = float(o[0]), float(o[1])
            self.text_move([], b"T*")
            o = o[2:]
        items = o[0] if op == b"TJ" else [o[0]]
        for item in items:
            if isinstance(item, (bytes, str)):
                self._show_run(_bytes(item))
            else:  # a TJ adjustment, thousandths of the size, moving left
                shift = -float(item) / 1000 * self.state.size * self.state.scale
                self.tm = QTransform.fromTranslate(shift, 0) * self.tm

    def _show_run(self, data: bytes) -> None:
        st = self.state
        font = st.font
        if font is None or not data:
            return
        spaces = data.count(b" ")
        advance = (
            font.width(data) * st.size + st.char_space * len(data) + st.word_space * spaces
        ) * st.scale
        if st.mode not in (3, 7):  # 3 and 7 draw nothing (invisible text)
            self._draw_text(font, font.text(data))
        self.tm = QTransform.fromTranslate(advance, 0) * self.tm

    def _draw_text(self, font: PdfFont, text: str) -> None:
        st = self.state
        p = self.painter
        k = st.size / PIXELS
        # glyph space (y down for Qt's text) → text space → user space → the painter's
        glyphs = QTransform(k * st.scale, 0, 0, -k, 0, st.rise)
        p.save()
        self._apply_clip()
        p.setWorldTransform(glyphs * self.tm * st.ctm * self.base, True)
        p.setFont(font.qfont)
        if st.mode in (0, 4):
            p.setPen(QPen(st.fill))
            p.drawText(QPointF(0, 0), text)
        else:  # outlined letters (the COPIA / ANULADO marks)
            path = QPainterPath()
            path.addText(QPointF(0, 0), font.qfont, text)
            pen = QPen(st.stroke)
            pen.setWidthF(st.width / k if k else st.width)
            p.setPen(pen)
            p.setBrush(QBrush(st.fill) if st.mode in (2, 6) else Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        p.restore()

    # -- pictures ------------------------------------------------------------------------

    def xobject(self, o: list[Any], resources: Any) -> None:
        xobjects = resources.get("/XObject") or {}
        obj = xobjects[str(o[0])].get_object()
        if obj.get("/Subtype") == "/Form":
            self.push([], resources)
            if "/Matrix" in obj:
                self.state.ctm = _matrix(*obj["/Matrix"]) * self.state.ctm
            inner = ContentStream(obj, self.page.pdf)
            self._replay(inner.operations, obj.get("/Resources") or resources)
            self.pop([], resources)
            return
        if obj.get("/Subtype") != "/Image":
            return
        picture = obj.decode_as_image().convert("RGBA")
        image = QImage(
            picture.tobytes(), picture.width, picture.height, QImage.Format.Format_RGBA8888
        ).copy()
        p = self.painter
        p.save()
        self._apply_clip()
        # an image fills the unit square of user space, its first row at the top
        p.setWorldTransform(QTransform(1, 0, 0, -1, 0, 1) * self.state.ctm * self.base, True)
        p.drawImage(QRectF(0, 0, 1, 1), image)
        p.restore()


def _op(method: str) -> Any:
    def call(self: PagePainter, operands: list[Any], resources: Any) -> None:
        getattr(self, method)(operands, resources)

    return call


_OPS: dict[bytes, Any] = {
    b"q": _op("push"),
    b"Q": _op("pop"),
    b"cm": _op("concat"),
    b"w": _op("set_width"),
    b"J": _op("set_cap"),
    b"j": _op("set_join"),
    b"d": _op("set_dash"),
    b"m": _op("move"),
    b"l": _op("line"),
    b"h": _op("close"),
    b"re": _op("rect"),
    b"BT": _op("begin_text"),
    b"ET": lambda self, o, r: None,
    b"Tf": _op("set_font"),
    b"Do": _op("xobject"),
}
for _name in (b"g", b"G", b"rg", b"RG", b"k", b"K"):
    _OPS[_name] = lambda self, o, r, _n=_name: self.colour(o, _n)
for _name in (b"c", b"v", b"y"):
    _OPS[_name] = lambda self, o, r, _n=_name: self.curve(o, _n)
for _name in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"):
    _OPS[_name] = lambda self, o, r, _n=_name: self.paint(_n)
for _name in (b"TL", b"Tc", b"Tw", b"Tz", b"Ts", b"Tr"):
    _OPS[_name] = lambda self, o, r, _n=_name: self.text_param(o, _n)
for _name in (b"Td", b"TD", b"Tm", b"T*"):
    _OPS[_name] = lambda self, o, r, _n=_name: self.text_move(o, _n)
for _name in (b"Tj", b"TJ", b"'", b'"'):
    _OPS[_name] = lambda self, o, r, _n=_name: self.show(o, _n)
_OPS[b"W"] = lambda self, o, r: setattr(self, "pending_clip", Qt.FillRule.WindingFill)
_OPS[b"W*"] = lambda self, o, r: setattr(self, "pending_clip", Qt.FillRule.OddEvenFill)


def paint_page(painter: QPainter, page: PageObject) -> None:
    """Draw `page` on `painter` (its coordinates: the page in points, origin top left)."""
    PagePainter(painter, page).run()
