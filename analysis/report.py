"""The analysis report: the one contract between the engine, storage and the UI.

A report is a tree of dataclasses serialised to JSON. ``SCHEMA_VERSION`` grows
by one whenever a field changes meaning or is removed; adding an optional
section does not break readers, which must ignore keys they do not know.
The fields are documented in docs/report.md.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

from sobes.analysis.coaching import CoachingSection
from sobes.analysis.content.section import ContentSection
from sobes.analysis.delivery import DeliveryMetrics
from sobes.analysis.fillers import FillersSection
from sobes.analysis.hedges import HedgesSection
from sobes.analysis.loudness import LoudnessSection
from sobes.analysis.pauses import PausesSection
from sobes.analysis.pitch import PitchSection
from sobes.analysis.tempo import TempoSection
from sobes.analysis.transcript import Transcript, Word  # noqa: F401  (re-exported)
from sobes.analysis.verdicts import DeliverySection

# 2: the measuring sections carry numbers only (tempo.verdict, pitch.monotone, pitch.monotone_windows,
# pitch.window_sd_semitones, loudness.too_quiet and loudness.too_loud went; pitch.windows came); the judgement
# is the delivery section's. Reports of version 1 are read as version 2: the keys that went are ignored.
# 3: content.structure went (its parts are content.items, checked for every kind of answer); content.star is
# null where the question asks for no story; content.relevance gained verdict and message; the coaching section came.
# 4: a long pause is counted once, by one definition (over long_pause_s anywhere, or over mid_sentence_pause_s
# mid-sentence): pauses.long_count counts both kinds, each pause says whether it is ``long``, and
# pauses.long_within_sentence_count went; a delivery verdict's ``source`` went (``why`` says the same).
SCHEMA_VERSION = 5


@dataclass
class ModelInfo:
    name: str
    compute_type: str
    beam_size: int


@dataclass
class SourceInfo:
    """What the input file contained before conversion to 16 kHz mono."""

    format: str
    sample_rate: int
    channels: int


@dataclass
class Timing:
    """Seconds spent in each stage; ``load_s`` is 0 when the model was already warm."""

    decode_s: float = 0.0
    load_s: float = 0.0
    transcribe_s: float = 0.0
    analyze_s: float = 0.0


@dataclass
class Report:
    file: str
    duration_s: float
    speech_detected: bool
    language: str
    model: ModelInfo
    source: SourceInfo
    transcript: Transcript
    timing: Timing
    tempo: TempoSection | None = None
    pauses: PausesSection | None = None
    fillers: FillersSection | None = None
    hedges: HedgesSection | None = None
    pitch: PitchSection | None = None
    loudness: LoudnessSection | None = None
    delivery: DeliverySection | None = None
    content: ContentSection | None = None
    coaching: CoachingSection | None = None
    warnings: list[str] = field(default_factory=list)  # about the input (a damaged part skipped), Russian
    transcript_corrected: bool = False  # the candidate put right what the recogniser misheard (analysis.correction)
    schema_version: int = SCHEMA_VERSION

    def add_delivery(self, metrics: DeliveryMetrics, verdicts: DeliverySection) -> None:
        self.tempo, self.pauses, self.fillers = metrics.tempo, metrics.pauses, metrics.fillers
        self.hedges, self.pitch, self.loudness = metrics.hedges, metrics.pitch, metrics.loudness
        self.delivery = verdicts

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # schema_version first, so that a reader sees it before anything else
        return {"schema_version": data.pop("schema_version"), **data}

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=json_default)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report read from storage; unknown keys are ignored."""
        version = data.get("schema_version")
        if not isinstance(version, int) or not 1 <= version <= SCHEMA_VERSION:
            raise ValueError(f"report schema {version} is not supported (1 to {SCHEMA_VERSION})")
        return _build(cls, data)


def json_default(value):
    """NumPy scalars that slipped into a section serialise as plain numbers."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _build(cls, data: dict[str, Any]):
    """Instantiate dataclass ``cls`` from plain JSON data, recursively."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    return cls(**{name: _convert(hints[name], value) for name, value in data.items() if name in known})


def _convert(hint, value):
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return [_convert(item, v) for v in value]
    if is_dataclass(hint):
        return _build(hint, value)
    return value
