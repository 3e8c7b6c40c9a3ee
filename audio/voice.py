"""The interviewer's voice: Russian questions rendered offline, cached on disk.

Festival with the festvox-ru voice (``text2wave``) is the built-in voice; the
desktop layer may offer Qt's QTextToSpeech or a user-recorded clip instead,
and the question text is always shown too. Rendered prompts are cached under
the user cache, keyed by voice and text, and written atomically.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from analysis.errors import SobesError
from analysis.model_store import cache_dir

logger = logging.getLogger(__name__)

FESTIVAL_VOICE = "msu_ru_nsh_clunits"


class VoiceError(SobesError):
    """No voice could render the prompt; the UI falls back to showing the text."""


def festival_available() -> bool:
    return shutil.which("text2wave") is not None


def render_prompt(text: str, *, voice: str = FESTIVAL_VOICE, cache: Path | None = None) -> Path:
    """A WAV of ``text`` spoken by Festival's ``voice``, from the cache when already rendered."""
    text = " ".join(text.split())
    if not text:
        raise VoiceError("nothing to say: the prompt text is empty")
    key = hashlib.sha256(f"festival:{voice}\n{text}".encode()).hexdigest()[:24]
    folder = cache or cache_dir() / "prompts"
    target = folder / f"{key}.wav"
    if target.is_file() and target.stat().st_size > 44:
        return target
    if not festival_available():
        raise VoiceError("the Russian voice is not installed: run `sudo apt-get install festival festvox-ru` "
                         "(the question text is shown instead)")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        text_file, wav = Path(tmp) / "prompt.txt", Path(tmp) / "prompt.wav"
        text_file.write_text(text + "\n", encoding="utf-8")
        result = subprocess.run(["text2wave", "-eval", f"(voice_{voice})", str(text_file), "-o", str(wav)],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or not wav.is_file() or wav.stat().st_size <= 44:
            logger.error("text2wave failed: %s", result.stderr.strip())
            raise VoiceError(f"Festival could not speak the prompt (voice {voice}): "
                             "check that festvox-ru is installed")
        os.replace(wav, target)
    return target
