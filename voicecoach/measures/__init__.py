"""Measures: pure functions of (audio, transcript) returning dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voicecoach.measures.consonants import ConsonantMeasures
    from voicecoach.measures.content import ContentMeasures
    from voicecoach.measures.pace import PaceMeasures
    from voicecoach.measures.pauses import PauseMeasures
    from voicecoach.measures.pitch import PitchMeasures
    from voicecoach.measures.questions import QuestionMeasures
    from voicecoach.measures.room import RoomEcho
    from voicecoach.measures.voices import VoiceCount

__all__ = ["Measures"]


@dataclass(frozen=True)
class Measures:
    """Everything measured on one recording; a measure is None when it was not run.

    ``language`` is the recording's language code ("en", "pl", "und" when unidentified);
    ``transcribed`` is False when no transcript was usable and every measure came from
    the signal alone. ``room`` is the room's echo (see :mod:`voicecoach.measures.room`).
    ``voices`` says whether the channel seems to hold one voice or two
    (None when not counted: a two-party analysis has each party on its own channel).
    ``speech_over_floor_db`` is how far the speech stands above the noise floor, dB
    (:attr:`voicecoach.measures.activity.Activity.snr_db`; None when not measured).
    ``content`` is what was said against the language's opening checklist (None without
    a checklist for the language or without words).
    """

    duration_s: float
    pace: PaceMeasures
    pauses: PauseMeasures
    questions: QuestionMeasures
    pitch: PitchMeasures | None = None
    consonants: ConsonantMeasures | None = None
    baseline_f0_hz: float | None = None
    language: str = "en"
    transcribed: bool = True
    room: RoomEcho | None = None
    voices: VoiceCount | None = None
    speech_over_floor_db: float | None = None
    content: ContentMeasures | None = None
