"""The app's icon, drawn rather than shipped: no image plugin to bundle, sharp at any scaling."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap

BLUE = QColor("#2b5fb4")


def _pixmap(size: int) -> QPixmap:
    """A speech bubble with a capital С on a blue rounded square."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(size * 0.16, size * 0.18, size * 0.68, size * 0.5), size * 0.12, size * 0.12)
    tail = QPainterPath()
    tail.moveTo(size * 0.3, size * 0.64)
    tail.lineTo(size * 0.26, size * 0.84)
    tail.lineTo(size * 0.48, size * 0.66)
    painter.setBrush(Qt.GlobalColor.white)
    painter.drawPath(bubble.united(tail))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(1, int(size * 0.38)))
    painter.setFont(font)
    painter.setPen(BLUE)
    painter.drawText(QRectF(size * 0.16, size * 0.18, size * 0.68, size * 0.5), Qt.AlignmentFlag.AlignCenter, "С")
    painter.end()
    return pixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addPixmap(_pixmap(size))
    return icon
