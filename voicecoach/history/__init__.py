"""The take history: every analyzed take of each agent, and progress across them.

>>> from voicecoach.history import open_history, progress
>>> with open_history("history.sqlite") as h:          # doctest: +SKIP
...     h.add_take("dana", report.to_dict())
...     p = progress(h.takes("dana"))
"""

from voicecoach.errors import HistoryError
from voicecoach.history.progress import Point, Progress, Series, progress
from voicecoach.history.store import History, Take, open_history

__all__ = ["open_history", "History", "Take", "progress", "Progress", "Series", "Point",
           "HistoryError"]
