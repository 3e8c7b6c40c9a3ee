"""The analysis report: the one contract between the engine, storage and the UI.

A report is a tree of dataclasses serialised to JSON. ``SCHEMA_VERSION`` grows
by one whenever a field changes meaning or is removed; adding an optional
section does not break readers, which must ignore keys they do not know.
The fields are documented in docs/report.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Word:
    """A recognised word with its time span in seconds from the start of the file."""

    word: str
    start: float
    end: float
    probability: float


@dataclass
class Transcript:
    text: str
    words: list[Word] = field(default_factory=list)


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
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # schema_version first, so that a reader sees it before anything else
        return {"schema_version": data.pop("schema_version"), **data}

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        """Rebuild a report read from storage; unknown keys are ignored."""
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"report schema {version} is not supported (expected {SCHEMA_VERSION})")
        transcript = data["transcript"]
        return cls(
            file=data["file"],
            duration_s=data["duration_s"],
            speech_detected=data["speech_detected"],
            language=data["language"],
            model=ModelInfo(**data["model"]),
            source=SourceInfo(**data["source"]),
            transcript=Transcript(transcript["text"], [Word(**w) for w in transcript["words"]]),
            timing=Timing(**data["timing"]),
        )
