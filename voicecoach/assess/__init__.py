"""Judging measures against the coaching targets."""
