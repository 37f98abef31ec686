"""Scores of one report against its truth, and one table row per condition, for
``benchmarks/conditions.py`` (definitions in its docstring).

Reuses the scoring of ``benchmarks/accuracy.py`` (pause pairing, question matching, the
true rate). Every truth key is optional: a measure whose truth is missing is not scored.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from benchmarks.accuracy import (
    GAP_TOL_S,
    PAUSE_MIN_S,
    PITCH_TOL_ST,
    QUESTION_MATCH_S,
    RATE_TOL,
    match_pauses,
    match_questions,
    truth_rate_wpm,
)

__all__ = ["METRICS", "EDGE_TOL_S", "SPS_TOL", "score_report", "summarize",
           "not_judged_verdict"]

EDGE_TOL_S = 0.10
SPS_TOL = 0.08  # syllables per second within 8 % (the Polish and Korean sets)
# (key, column label, target): a share or F1 at least the target; "wrong" must be 0.
METRICS = (("pause_f1", "pause F1", 0.9), ("gaps", "gaps 150ms", 0.95),
           ("f0", "F0 0.5st", 0.9), ("q_precision", "Q prec", 0.95),
           ("q_recall", "Q recall", 0.9), ("rate", "rate 5%", 0.9), ("wrong", "wrong", 0))


def not_judged_verdict() -> str | None:
    """The verdict of a withheld finding, or None in versions that have none."""
    try:
        from voicecoach.assess.assess import NOT_JUDGED
    except ImportError:
        return None
    return NOT_JUDGED


def _verdicts(report) -> dict[str, str]:
    findings = report.assessment.findings if report.assessment is not None else ()
    return {f.key: f.verdict for f in findings}


def _pair_questions(found_end_s: Sequence[float], true_end_s: Sequence[float]
                    ) -> dict[int, int]:
    """Found index -> true index, one to one, nearest ends first, within 0.6 s."""
    pairs = sorted((abs(a - b), i, j) for i, a in enumerate(found_end_s)
                   for j, b in enumerate(true_end_s) if abs(a - b) <= QUESTION_MATCH_S)
    out: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in out and j not in out.values():
            out[i] = j
    return out


def _pauses(m, truth: dict, withheld: bool) -> dict:
    found = [(p.start_s, p.end_s) for p in m.pauses.pauses] if m else []
    true = [(p["start_s"], p["end_s"]) for p in truth["pauses"]
            if p["end_s"] - p["start_s"] >= PAUSE_MIN_S]
    tp = sum(abs(found[i][0] - true[j][0]) <= EDGE_TOL_S
             and abs(found[i][1] - true[j][1]) <= EDGE_TOL_S
             for i, j in match_pauses(found, true))
    f1 = 2 * tp / (len(found) + len(true)) if found or true else 1.0
    return {"found": len(found), "true": len(true), "tp": int(tp), "f1": float(f1),
            "withheld": bool(withheld)}


def _gaps(m, truth: dict, verdicts: dict, nj: str | None) -> list[dict]:
    found = m.questions.questions if m else ()
    out = []
    for q, tq in zip(match_questions(found, truth["questions"]), truth["questions"]):
        err_s = abs(q.gap_s - tq["gap_s"]) if q is not None else None
        withheld = m is None or (q is not None and
                                 verdicts.get(f"questions.gap.{q.sentence_index}") == nj)
        out.append({"err_s": err_s, "ok": bool(err_s is not None and err_s <= GAP_TOL_S),
                    "withheld": bool(withheld)})
    return out


def _f0(m, f0_ref_hz: float, verdicts: dict, nj: str | None) -> dict:
    ours = getattr(m.pitch, "median_f0_hz", None) if m and m.pitch is not None else None
    diff = (12 * np.log2(ours / f0_ref_hz) if ours is not None and np.isfinite(ours)
            and ours > 0 else None)
    withheld = diff is None or verdicts.get("pitch.variation", nj) == nj
    return {"ours_hz": ours, "ref_hz": f0_ref_hz, "diff_st": diff,
            "ok": bool(diff is not None and abs(diff) <= PITCH_TOL_ST), "withheld": bool(withheld)}


def _rate(m, truth: dict, verdicts: dict, nj: str | None) -> dict:
    true_wpm = truth_rate_wpm({"questions": [], **truth})
    err = abs(m.pace.rate_wpm - true_wpm) / true_wpm if m and m.pace.n_words else None
    return {"err": err, "ok": bool(err is not None and err <= RATE_TOL),
            "withheld": m is None or verdicts.get("pace.rate", nj) == nj}


def _sps(m, truth: dict, verdicts: dict, nj: str | None) -> dict:
    true_sps = truth["articulation_sps"]
    ours = m.pace.articulation_sps if m and m.pace.articulation_sps > 0 else None
    err = abs(ours - true_sps) / true_sps if ours is not None else None
    return {"ours": ours, "true": true_sps, "from": m.pace.syllables_from if m else None,
            "err": err, "ok": bool(err is not None and err <= SPS_TOL),
            "withheld": m is None or verdicts.get("pace.articulation", nj) == nj}


def _wrong(m, truth: dict, verdicts: dict, nj: str | None, s: dict, true_q_end: list) -> int:
    """Judged findings that the truth contradicts (see benchmarks/conditions.py)."""
    judged = {k for k, v in verdicts.items() if v != nj}
    n = 0
    if m is not None:
        found = list(m.questions.questions)
        paired = _pair_questions([q.end_s for q in found], true_q_end)
        by_end = {round(t["end_s"], 3): t for t in truth.get("questions", [])}
        for i, q in enumerate(found):
            if f"questions.gap.{q.sentence_index}" not in judged:
                continue
            if "segments" in truth and i not in paired:
                n += 1
            elif "segments" in truth and "questions" in truth:
                t = by_end.get(round(true_q_end[paired[i]], 3))
                n += t is not None and abs(q.gap_s - t["gap_s"]) > GAP_TOL_S
    n += "rate" in s and "pace.rate" in judged and not s["rate"]["ok"]
    n += "sps" in s and "pace.articulation" in judged and not s["sps"]["ok"]
    n += "f0" in s and "pitch.variation" in judged and not s["f0"]["ok"]
    n += "pauses" in s and "pauses.per_min" in judged and s["pauses"]["f1"] < 0.9
    return int(n)


def score_report(report, truth: dict, f0_ref_hz: float | None) -> dict:
    """Per-file scores of ``report`` on the measures ``truth`` (samples format, any key
    optional) and the reference median F0 ``f0_ref_hz`` (None: not scored) hold."""
    nj = not_judged_verdict()
    ok = report.status == "ok" and report.measures is not None
    m = report.measures if ok else None
    verdicts = _verdicts(report) if ok else {}
    s: dict = {"status": report.status, "n_findings": len(verdicts),
               "n_withheld": sum(v == nj for v in verdicts.values())}
    if "pauses" in truth:
        s["pauses"] = _pauses(m, truth, m is None or verdicts.get("pauses.per_min", nj) == nj)
    if "questions" in truth:
        s["gaps"] = _gaps(m, truth, verdicts, nj)
    if f0_ref_hz:
        s["f0"] = _f0(m, f0_ref_hz, verdicts, nj)
    true_q_end = [seg["end_s"] for seg in truth.get("segments", ())
                  if seg.get("kind") == "question"]
    if "segments" in truth:
        found = [q.end_s for q in m.questions.questions] if m else []
        s["questions"] = {"found": len(found), "true": len(true_q_end),
                          "matched": len(_pair_questions(found, true_q_end))}
    if "n_words" in truth and "speech_span_s" in truth:
        s["rate"] = _rate(m, truth, verdicts, nj)
    if "articulation_sps" in truth:
        s["sps"] = _sps(m, truth, verdicts, nj)
    s["wrong"] = _wrong(m, truth, verdicts, nj, s, true_q_end)
    return s


def _share(items: list[dict], lenient: bool) -> float | None:
    """Share of items that are right (or, when ``lenient``, withheld)."""
    if not items:
        return None
    return float(np.mean([i["ok"] or (lenient and i["withheld"]) for i in items]))


def summarize(condition: str, params: str, files: Sequence[dict], *, lenient: bool) -> dict:
    """One table row over the per-file scores of one condition, each measure with its
    ``<key>_met`` (True, False, or None when it has nothing to score)."""
    pauses = [f["pauses"] for f in files if "pauses" in f
              and not (lenient and f["pauses"]["withheld"])]
    n_p = sum(p["found"] + p["true"] for p in pauses)
    qs = [f["questions"] for f in files if "questions" in f]
    n_found, n_true = sum(q["found"] for q in qs), sum(q["true"] for q in qs)
    row: dict = {
        "condition": condition, "params": params, "lenient": lenient, "n_files": len(files),
        "pause_f1": 2 * sum(p["tp"] for p in pauses) / n_p if n_p else None,
        "gaps": _share([g for f in files for g in f.get("gaps", [])], lenient),
        "f0": _share([f["f0"] for f in files if "f0" in f], lenient),
        "q_precision": sum(q["matched"] for q in qs) / n_found if n_found else None,
        "q_recall": sum(q["matched"] for q in qs) / n_true if n_true else None,
        "rate": _share([f["rate"] for f in files if "rate" in f], lenient),
        "sps": _share([f["sps"] for f in files if "sps" in f], lenient),
        "wrong": int(sum(f["wrong"] for f in files)),
    }
    n_findings = sum(f["n_findings"] for f in files)
    row["withheld"] = sum(f["n_withheld"] for f in files) / n_findings if n_findings else 0.0
    for key, _, target in METRICS:
        value = row[key]
        if key == "wrong":
            row["wrong_met"] = (value == 0) if lenient else None
        else:
            row[f"{key}_met"] = None if value is None else bool(value >= target)
    row["sps_met"] = None if row["sps"] is None else bool(row["sps"] >= 0.9)
    return row
