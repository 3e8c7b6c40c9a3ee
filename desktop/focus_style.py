"""A keyboard focus one can see: a clear ring around the widget Tab has reached.

Qt's Fusion style marks the focused button with a faint tint of its frame; on the walkthrough's screen a
candidate pressing Tab could not tell where they were. The ring is drawn over the style's own drawing, so every
widget keeps its look and only gains the ring.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QProxyStyle, QStyle

RING = QColor("#1a5fb4")  # dark blue: visible on the light grey of buttons and the white of fields
RING_WIDTH = 2.0
_KEPT: list[QProxyStyle] = []
_CONTROLS = (QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_CheckBox,
             QStyle.ControlElement.CE_RadioButton)
_COMPLEX = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ToolButton,
            QStyle.ComplexControl.CC_Slider)


def _focused(option) -> bool:
    return bool(option.state & QStyle.StateFlag.State_HasFocus) and bool(option.state & QStyle.StateFlag.State_Enabled)


def _ring(painter: QPainter, rect) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(RING, RING_WIDTH)
    painter.setPen(pen)
    painter.setBrush(QColor(0, 0, 0, 0))
    half = RING_WIDTH / 2
    painter.drawRoundedRect(QRectF(rect).adjusted(half, half, -half, -half), 3, 3)
    painter.restore()


class FocusStyle(QProxyStyle):
    """The app's style with a visible focus ring on buttons, boxes, fields and check boxes."""

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 (Qt's name)
        super().drawControl(element, option, painter, widget)
        if element in _CONTROLS and _focused(option):
            _ring(painter, option.rect)

    def drawComplexControl(self, control, option, painter, widget=None):  # noqa: N802 (Qt's name)
        super().drawComplexControl(control, option, painter, widget)
        if control in _COMPLEX and _focused(option):
            _ring(painter, option.rect)

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802 (Qt's name)
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit and _focused(option):
            _ring(painter, option.rect)
        elif element == QStyle.PrimitiveElement.PE_FrameFocusRect and not isinstance(widget, QAbstractItemView):
            _ring(painter, option.rect)  # a check box's label, a tab: the style's dotted rectangle made clear


def install_focus_style(app: QApplication) -> None:
    """Once per application: the current style wrapped in ``FocusStyle``."""
    if isinstance(app.style(), FocusStyle):
        return
    style = FocusStyle(app.style().name())
    app.setStyle(style)
    _KEPT.append(style)  # the Python side lives as long as the application
