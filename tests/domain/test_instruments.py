"""Analyzer and scale lines: read from a pseudo-terminal that plays recorded lines (the
example files, with garbage and cut lines) through a plain reader, byte chunks split at
awkward places, and the line formats on their own."""

import os
import select
import threading
import time
import tty
from decimal import Decimal
from pathlib import Path

import pytest

from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.domain.instruments import (
    PRESETS,
    SCALE_PRESETS,
    AnalyzerFormat,
    LineAssembler,
    ScaleReading,
    StableWeight,
    parse_analyzer_line,
    parse_scale_line,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def play(chunks: list[bytes]) -> list[str]:
    """Write `chunks` into a pty's master side (as a device would, with pauses) and read
    the slave side with a plain os.read loop into the core's LineAssembler."""
    master, slave = os.openpty()
    tty.setraw(slave)
    assembler = LineAssembler()
    lines: list[str] = []

    def device() -> None:
        for chunk in chunks:
            os.write(master, chunk)
            time.sleep(0.005)

    writer = threading.Thread(target=device)
    writer.start()
    try:
        deadline = time.monotonic() + 5
        expected = b"".join(chunks)
        got = 0
        while got < len(expected) and time.monotonic() < deadline:
            ready, _, _ = select.select([slave], [], [], 0.2)
            if ready:
                data = os.read(slave, 64)
                got += len(data)
                lines.extend(assembler.feed(data))
    finally:
        writer.join()
        os.close(master)
        os.close(slave)
    return lines


def recorded(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes().replace(b"\n", b"\r\n")


def test_analyzer_lines_from_a_pty_garbage_and_cut_lines_refused() -> None:
    data = b"\x02" + recorded("analizador.txt")
    chunks = [data[i : i + 7] for i in range(0, len(data), 7)]  # cut at awkward places
    lines = play(chunks)
    assert len(lines) == 6
    readings, refused = [], []
    for line in lines:
        try:
            readings.append(parse_analyzer_line(line, PRESETS["pairs"]))
        except CoopError as exc:
            refused.append((line, exc.code))
    assert [r.measures["fat"] for r in readings] == [
        Decimal("3.62"),
        Decimal("3.95"),
        Decimal("3.18"),
    ]
    # density in g/mL, lactometer degrees and kg/m³ all land in g/mL
    assert [r.measures["density"] for r in readings] == [
        Decimal("1.0289"),
        Decimal("1.0296"),
        Decimal("1.0274"),
    ]
    assert readings[2].measures["added_water"] == Decimal("2.50")
    assert "lactose" not in readings[0].measures
    assert [code for _, code in refused] == ["bad_pattern", "unknown_measure", "bad_pattern"]


def test_scale_lines_from_a_pty_and_a_stable_weight_once() -> None:
    lines = play([recorded("balanza.txt")])
    stable = StableWeight()
    offered: list[Decimal] = []
    refused = []
    for line in lines:
        try:
            reading = parse_scale_line(line, SCALE_PRESETS["st-gs"])
        except CoopError as exc:
            refused.append(exc.code)
            continue
        weight = stable.push(reading)
        if weight is not None:
            offered.append(weight)
    # 12.50 once (not four times), nothing for the moving or overloaded readings, then the
    # next can after the platform emptied: 18.02 / 18.03 / 18.02 agree within 20 g.
    assert offered == [Decimal("12.500"), Decimal("18.020")]
    assert refused == ["bad_pattern", "scale_overload"]


def test_assembler_drops_noise_without_an_end_and_reads_on() -> None:
    assembler = LineAssembler(max_line=20)
    assert assembler.feed(b"#" * 50) == []
    assert assembler.feed(b"\r\nFAT=3.5 SNF=8.2\n") == ["FAT=3.5 SNF=8.2"]
    assert assembler.discarded == 1
    assert assembler.feed(b"\x02FAT=3.6\x03\r") == ["FAT=3.6"]


def test_column_presets_and_custom_patterns() -> None:
    reading = parse_analyzer_line("3.52;8.31;1028.7;3.21;4.6;0.7;0.0;18.5", PRESETS["lactoscan"])
    assert reading.measures == {
        "fat": Decimal("3.52"),
        "snf": Decimal("8.31"),
        "density": Decimal("1.0287"),
        "protein": Decimal("3.21"),
        "added_water": Decimal("0.00"),
        "temperature": Decimal("18.5"),
    }
    with pytest.raises(ValidationError):
        parse_analyzer_line("3.52;8.31;1028.7", PRESETS["lactoscan"])  # a cut line
    custom = AnalyzerFormat(
        "custom", "regex", pattern=r"#(?P<sample>\d+) G(?P<fat>[\d.]+) S(?P<snf>[\d.]+)"
    )
    reading = parse_analyzer_line("#12 G3.456 S8.2", custom)
    assert reading.sample == "12" and reading.measures["fat"] == Decimal("3.46")  # half up
    with pytest.raises(ValidationError) as err:
        parse_analyzer_line("#12", AnalyzerFormat("c", "regex", pattern=r"#(?P<color>\d+)"))
    assert err.value.code == "bad_pattern"
    with pytest.raises(ValidationError) as err:
        parse_analyzer_line("FAT=35", PRESETS["pairs"])
    assert err.value.code == "out_of_range"


def test_scale_formats() -> None:
    assert parse_scale_line("   12.73 g  ?", SCALE_PRESETS["question-mark"]) == ScaleReading(
        Decimal("0.013"), False, "12.73 g  ?"
    )
    assert parse_scale_line("15.250 kg", SCALE_PRESETS["question-mark"]).stable is True
    assert parse_scale_line("15,5", SCALE_PRESETS["number"]).weight == Decimal("15.500")
    with pytest.raises(ValidationError) as err:
        parse_scale_line("ST,GS,+ 12.50lb", SCALE_PRESETS["st-gs"])
    assert err.value.code == "scale_unit"
    stable = StableWeight(count=3)
    unflagged = [ScaleReading(Decimal(w), None, w) for w in ("12.40", "12.50", "12.50", "12.50")]
    assert [stable.push(r) for r in unflagged] == [None, None, None, Decimal("12.50")]
