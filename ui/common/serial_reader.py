"""An instrument on a serial port, read with Qt's QSerialPort on the GUI thread (its
readyRead signal: no thread of our own). Bytes go to the core's `LineAssembler`; each
complete line is announced, and the screen hands it to the analyzer or scale format."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtSerialPort import QSerialPort, QSerialPortInfo

from coop_desktop.domain.instruments import LineAssembler

BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


def available_ports() -> list[str]:
    """Port names as the system lists them (COM3 on Windows, ttyUSB0 on Linux)."""
    return [p.portName() for p in QSerialPortInfo.availablePorts()]


class SerialLineReader(QObject):
    line = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = QSerialPort(self)
        self.assembler = LineAssembler()
        self.port.readyRead.connect(self._read)
        self.port.errorOccurred.connect(self._error)

    def open(self, name: str, baud: int = 9600) -> bool:
        """Open `name` (a port name, or a device path such as /dev/pts/3) read-only, 8N1."""
        self.close()
        self.assembler = LineAssembler()
        self.port.setPortName(name)
        self.port.setBaudRate(baud)
        self.port.setDataBits(QSerialPort.DataBits.Data8)
        self.port.setParity(QSerialPort.Parity.NoParity)
        self.port.setStopBits(QSerialPort.StopBits.OneStop)
        self.port.setFlowControl(QSerialPort.FlowControl.NoFlowControl)
        if not self.port.open(QSerialPort.OpenModeFlag.ReadOnly):
            self.failed.emit(self.port.errorString())
            return False
        return True

    def is_open(self) -> bool:
        return self.port.isOpen()

    def close(self) -> None:
        if self.port.isOpen():
            self.port.close()

    def _read(self) -> None:
        data = bytes(self.port.readAll().data())
        for text in self.assembler.feed(data):
            self.line.emit(text)

    def _error(self, error: QSerialPort.SerialPortError) -> None:
        if error not in (QSerialPort.SerialPortError.NoError,):
            self.failed.emit(self.port.errorString())
