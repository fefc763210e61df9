"""What a raster printer receives, read back: CUPS raster (version 2, RLE, or 3) pages with
their header, as 1-bit or 8-bit rows; where the ink lies on a page; and the same page as a
picture to look at. Only what the test queues' drivers produce (1-bit black, 203 dpi)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

HEADER = 1796


@dataclass(frozen=True)
class RasterPage:
    dpi: int
    width: int  # dots across the raster
    height: int
    bits: int  # bits per pixel
    bytes_per_line: int
    page_points: tuple[int, int]  # the paper, in points
    imaging_points: tuple[float, float, float, float]  # where the raster lies on it (l b r t)
    size_name: str
    rows: list[bytes]

    @property
    def left_mm(self) -> float:
        """Where the raster's first dot lies across the paper (the printer's left margin)."""
        return self.imaging_points[0] / 72 * 25.4

    def dot_mm(self, dots: float) -> float:
        return dots / self.dpi * 25.4

    def ink(self) -> tuple[int, int, int, int] | None:
        """The ink's bounding box in dots (x0, y0, x1, y1; inclusive), None on a blank page."""
        assert self.bits == 1, "only 1-bit rasters are read"
        x0 = y0 = x1 = y1 = -1
        for y, row in enumerate(self.rows):
            if not any(row):
                continue
            first = next(i for i, b in enumerate(row) if b)
            last = len(row) - 1 - next(i for i, b in enumerate(reversed(row)) if b)
            left = first * 8 + (8 - row[first].bit_length())
            right = last * 8 + 7 - ((row[last] & -row[last]).bit_length() - 1)
            x0 = left if x0 < 0 else min(x0, left)
            x1 = max(x1, right)
            y0 = y if y0 < 0 else y0
            y1 = y
        return None if y0 < 0 else (x0, y0, x1, y1)

    def ink_mm(self) -> tuple[float, float, float, float] | None:
        """The ink's box on the paper, mm from its left and top edges."""
        box = self.ink()
        if box is None:
            return None
        top = (self.page_points[1] - self.imaging_points[3]) / 72 * 25.4
        x0, y0, x1, y1 = box
        return (
            self.left_mm + self.dot_mm(x0),
            top + self.dot_mm(y0),
            self.left_mm + self.dot_mm(x1 + 1),
            top + self.dot_mm(y1 + 1),
        )

    def image(self):  # type: ignore[no-untyped-def]
        """The page as a PIL picture (ink black), to look at."""
        from PIL import Image

        picture = Image.frombytes("1", (self.width, self.height), b"".join(self.rows))
        return Image.eval(picture.convert("L"), lambda v: 255 - v)


def read(data: bytes) -> list[RasterPage]:
    sync = data[:4]
    assert sync in (b"RaS2", b"2SaR", b"RaS3", b"3SaR"), sync
    order = ">" if sync[:1] in (b"R",) else "<"
    packed = sync in (b"RaS2", b"2SaR")
    pos, pages = 4, []
    while pos + HEADER <= len(data):
        head = data[pos : pos + HEADER]
        pos += HEADER

        def word(offset: int, head: bytes = head) -> int:
            return int(struct.unpack_from(order + "I", head, offset)[0])

        def real(offset: int, head: bytes = head) -> float:
            return float(struct.unpack_from(order + "f", head, offset)[0])

        width, height, bits, per_line = word(372), word(376), word(388), word(392)
        rows: list[bytes] = []
        if not packed:
            for _ in range(height):
                rows.append(data[pos : pos + per_line])
                pos += per_line
        else:
            unit = (bits + 7) // 8
            while len(rows) < height:
                repeat = data[pos] + 1
                pos += 1
                line = bytearray()
                while len(line) < per_line:
                    code = data[pos]
                    pos += 1
                    if code == 128:
                        line += bytes(per_line - len(line))
                    elif code > 128:
                        count = (257 - code) * unit
                        line += data[pos : pos + count]
                        pos += count
                    else:
                        line += data[pos : pos + unit] * (code + 1)
                        pos += unit
                rows.extend([bytes(line[:per_line])] * repeat)
        name = head[1732:1796].split(b"\0", 1)[0].decode("ascii", "replace")
        pages.append(
            RasterPage(
                word(276),
                width,
                height,
                bits,
                per_line,
                (word(352), word(356)),
                (real(436), real(440), real(444), real(448)),
                name,
                rows[:height],
            )
        )
    return pages
