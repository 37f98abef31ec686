"""What was said: the opening's checklist and its tone, from the transcript's words."""

from voicecoach.measures.content.checklist import (
    ABSENT,
    PARTIAL,
    PRESENT,
    Checklist,
    ContentMeasures,
    Step,
    StepCheck,
    ToneHit,
    ToneRule,
    check_opening,
)

__all__ = ["Checklist", "Step", "ToneRule", "StepCheck", "ToneHit", "ContentMeasures",
           "check_opening", "PRESENT", "PARTIAL", "ABSENT"]
