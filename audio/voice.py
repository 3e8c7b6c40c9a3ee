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

from sobes.audio.speakable import speakable
from sobes.core.cache import cache_dir
from sobes.core.errors import SobesError

logger = logging.getLogger(__name__)

FESTIVAL_VOICE = "msu_ru_nsh_clunits"
# The longest question in the bank (550 characters) renders in 1.5 s here; a Festival that takes longer than
# this hangs (a broken voice, a locked audio device) and the question is shown instead of spoken.
RENDER_TIMEOUT_S = 10.0


class VoiceError(SobesError):
    """No voice could render the prompt; the UI falls back to showing the text."""


def festival_available() -> bool:
    return shutil.which("text2wave") is not None


def render_prompt(text: str, *, voice: str = FESTIVAL_VOICE, cache: Path | None = None,
                  timeout_s: float = RENDER_TIMEOUT_S, spare_cpu_only: bool = False) -> Path:
    """A WAV of ``text`` spoken by Festival's ``voice``, from the cache when already rendered (figures said in
    words, quotes and brackets left out: ``speakable``). ``spare_cpu_only``: rendered ahead of need, at the lowest
    priority (``nice``), so it never slows the transcription of an answer being given."""
    text = speakable(text)
    if not text:
        raise VoiceError("нечего произнести: текст вопроса пуст")
    key = hashlib.sha256(f"festival:{voice}\n{text}".encode()).hexdigest()[:24]
    folder = cache or cache_dir() / "prompts"
    target = folder / f"{key}.wav"
    if target.is_file() and target.stat().st_size > 44:
        return target
    if not festival_available():
        logger.error("text2wave not found: Debian's festival and festvox-ru are not installed (scripts/setup.sh)")
        raise VoiceError("голос интервьюера не установлен на этом компьютере; вопросы показываются текстом")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        text_file, wav = Path(tmp) / "prompt.txt", Path(tmp) / "prompt.wav"
        text_file.write_text(text + "\n", encoding="utf-8")
        try:
            low = ["nice", "-n", "19"] if spare_cpu_only and shutil.which("nice") else []
            result = subprocess.run([*low, "text2wave", "-eval", f"(voice_{voice})", str(text_file), "-o", str(wav)],
                                    capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            logger.error("text2wave did not finish in %.0f s", timeout_s)
            raise VoiceError(f"голос интервьюера не ответил за {timeout_s:.0f} с") from None
        if result.returncode != 0 or not wav.is_file() or wav.stat().st_size <= 44:
            logger.error("text2wave failed: %s", result.stderr.strip())
            raise VoiceError("голос интервьюера не смог произнести этот вопрос")
        os.replace(wav, target)
    return target
