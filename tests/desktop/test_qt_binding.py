"""The Qt binding itself keeps Python's reference counts: PySide6 6.12.0 did not.

Every signal a Python slot received took one reference to ``True`` away;
after a few thousand (a level meter at 10 Hz, a few minutes of answers) the
interpreter freed ``True`` and aborted. pyproject.toml keeps that version out;
this test fails if a binding with the same fault comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    text = Signal(str)
    flag = Signal(str, bool)


def test_signals_received_in_python_leave_reference_counts_alone(qapp):
    emitter = _Emitter()
    received = []
    emitter.text.connect(lambda text: received.append(text))
    emitter.flag.connect(lambda text, flag: received.append(flag))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.text.emit("x")
        emitter.flag.emit("x", False)
    received.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
