"""Nothing leaves the machine: libraries that would phone home are told not to, before they load.

ONNX Runtime (which runs faster-whisper's Silero VAD) sends usage telemetry
on Linux since 1.29 and keeps an event queue with a device id under
``~/.cache/Microsoft`` unless ``ORT_DISABLE_TELEMETRY=1`` is in the
environment when it initialises. The values are forced, not defaulted: a
user's environment cannot turn telemetry back on. Called by every entry point
(command line, window, packaged app, tests) and again right before the
libraries are imported, so library use from other code is covered too.
"""

from __future__ import annotations

import os

TELEMETRY_OFF = {
    "ORT_DISABLE_TELEMETRY": "1",  # ONNX Runtime 1DS telemetry
    "HF_HUB_DISABLE_TELEMETRY": "1",  # Hugging Face hub client (used only for a hub model the user chose)
    "DO_NOT_TRACK": "1",
}


def disable_telemetry() -> None:
    """Set the variables that switch telemetry off in this process and its children."""
    os.environ.update(TELEMETRY_OFF)
