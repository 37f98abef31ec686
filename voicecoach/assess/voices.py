"""A recording that seems to hold two voices in one channel is not scored.

Scored as one speaker, an agent's and a customer's turns on one channel read as one
rushed speaker who never waits after a question. When
:func:`voicecoach.measures.voices.count_voices` finds two voices, the findings that
assume one speaker (pace, pauses, the silence after questions, pitch) are not judged
and the take gets no score, but one line saying why and what to record instead
(:func:`voicecoach.assess.assess.conclude` applies it).
"""

from __future__ import annotations

from voicecoach.measures.voices import VoiceCount

__all__ = ["NOT_SCORED_TWO_VOICES", "RETAKE_ONE_VOICE",
           "WITHHELD_TWO_VOICES", "two_voices"]

NOT_SCORED_TWO_VOICES = "Not scored: the recording seems to hold two voices"
RETAKE_ONE_VOICE = ("record only your own voice, or record the call with you and the "
                    "customer on separate channels and analyze it with --two-party.")
WITHHELD_TWO_VOICES = "the recording seems to hold two voices, and this assumes one speaker"


def two_voices(voices: VoiceCount | None) -> str:
    """One line saying the take is not scored because it holds two voices, or "" when
    ``voices`` found one, could not tell, or was not counted."""
    if voices is None or not voices.two_voices:
        return ""
    ev = voices.evidence
    hz = " and ".join(f"{f:.0f} Hz" for f in ev.f0_hz)
    return (f"{NOT_SCORED_TWO_VOICES} (voices near {hz} of different timbre, the second "
            f"in {ev.minor_turns} separate turns), so pace, pauses, the waits after "
            f"questions and pitch would mix both speakers: {RETAKE_ONE_VOICE}")
