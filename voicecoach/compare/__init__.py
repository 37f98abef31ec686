"""Takes compared: an agent's takes side by side, and a take against a trainer's model
take of the same script (the golden take).

    from voicecoach import analyze
    from voicecoach.compare import compare
    c = compare([analyze("take1.wav"), analyze("take2.wav")],
                reference=analyze("trainer.wav"))
    print([(r.key, r.values, r.direction) for r in c.rows], c.next_tip)
"""

from voicecoach.compare.compare import (
    COMPARE_SCHEMA_VERSION,
    Comparison,
    Flip,
    MeasureRow,
    TakeInfo,
    compare,
    direction,
)
from voicecoach.compare.phrases import Difference, PhraseDiff, ReferenceComparison
from voicecoach.compare.takes import CompareError, read_report

__all__ = ["compare", "Comparison", "MeasureRow", "Flip", "TakeInfo", "direction",
           "ReferenceComparison", "PhraseDiff", "Difference", "CompareError", "read_report",
           "COMPARE_SCHEMA_VERSION"]
