"""The speed benchmark's tables (Markdown, so they paste into the docs as they are)."""

from __future__ import annotations

__all__ = ["print_tables"]

STAGES = ("load", "activity", "transcribe", "pitch", "pace/pauses/questions", "consonants",
          "assess", "report")
RECORDINGS = (("opening_60s", "60 s opening"), ("call_10min", "10 min call"))


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def _ratio_rows(results: dict) -> tuple[list[str], bool]:
    from benchmarks.speed import RATIO_TARGET

    rows, ok_all = [], True
    for key, label in RECORDINGS:
        r = results.get(key)
        if r is None:
            continue
        t, a, n = r["transcribe"], r["analyze"], r["analyze_no_consonants"]
        wall, cpu = a["wall_s"] / t["wall_s"], a["cpu_s"] / t["cpu_s"]
        ok = wall <= RATIO_TARGET and cpu <= RATIO_TARGET
        ok_all &= ok
        runs = ", ".join(f"{x:.2f}" for x in r.get("cpu_ratios", ()))
        rows.append(
            f"| {label} | {t['wall_s']:.1f} / {t['cpu_s']:.1f} | {a['wall_s']:.1f} / "
            f"{a['cpu_s']:.1f} | **{wall:.2f}** / {cpu:.2f} | {n['wall_s'] / t['wall_s']:.2f} / "
            f"{n['cpu_s'] / t['cpu_s']:.2f} | {t['peak_rss_mb']:.0f} / {a['peak_rss_mb']:.0f} "
            f"| {runs or '-'} | <= {RATIO_TARGET} (wall and CPU): {_verdict(ok)} |")
    head = ["| recording | transcription alone, s (wall / CPU) | whole analyze, s (wall / CPU) "
            "| ratio (wall / CPU) | ratio without consonants | peak MB (transcription / analyze) "
            "| CPU ratio of each run | target |", "|---|---|---|---|---|---|---|---|"]
    return head + rows, ok_all


def _stage_rows(results: dict) -> list[str]:
    keys = [k for k, _ in RECORDINGS if k in results]
    labels = dict(RECORDINGS)
    head = ["| stage | " + " | ".join(f"{labels[k]}: wall s / CPU s / CPU x transcription / "
                                      "peak MB so far" for k in keys) + " |",
            "|---" * (len(keys) + 1) + "|"]
    rows = []
    for stage in STAGES:
        cells = []
        for k in keys:
            st = results[k]["stages"]["stages"]
            cpu_t = st["transcribe"]["cpu_s"]
            s = st[stage]
            cells.append(f"{s['wall_s']:.2f} / {s['cpu_s']:.2f} / {s['cpu_s'] / cpu_t:.3f} / "
                         f"{s.get('peak_rss_mb', float('nan')):.0f}")
        rows.append(f"| {stage} | " + " | ".join(cells) + " |")
    return head + rows


def _other_rows(results: dict) -> tuple[list[str], bool]:
    from benchmarks.speed import HELP_TARGET_S, MEMORY_TARGET_MB, PYIN_TARGET

    rows, ok_all = ["| check | measured | target |", "|---|---|---|"], True
    p = results.get("pitch_vs_pyin")
    if p:
        ok = p["ratio"] >= PYIN_TARGET
        ok_all &= ok
        rows.append(f"| pitch tracking vs librosa.pyin defaults ({p['seconds']:.0f} s of audio) "
                    f"| {p['ours_ms_per_s']:.1f} vs {p['pyin_ms_per_s']:.0f} ms per s of audio: "
                    f"**{p['ratio']:.0f}x** (same 60-500 Hz range: {p['ratio_same_range']:.0f}x) "
                    f"| >= {PYIN_TARGET:.0f}x: {_verdict(ok)} |")
    h = results.get("call_60min")
    if h:
        ok = h["peak_rss_mb"] <= MEMORY_TARGET_MB
        ok_all &= ok
        rows.append(f"| 60 min call, whole analyze | peak **{h['peak_rss_mb']:.0f} MB**, "
                    f"{h['wall_s']:.0f} s wall / {h['cpu_s']:.0f} s CPU, {h['words']} words | "
                    f"<= {MEMORY_TARGET_MB:.0f} MB: {_verdict(ok)} |")
    ok = results["help_s"] < HELP_TARGET_S
    ok_all &= ok
    rows.append(f"| `voicecoach --help` (best of 5) | {results['help_s']:.2f} s | "
                f"< {HELP_TARGET_S} s: {_verdict(ok)} |")
    return rows, ok_all


def print_tables(results: dict) -> bool:
    """Print the ratio, stage and other tables; True when every target is met."""
    ratio, ok_ratio = _ratio_rows(results)
    other, ok_other = _other_rows(results)
    lines = [f"machine: {results.get('machine', 'unknown')}", "", *ratio, "",
             *_stage_rows(results), "", *other]
    print("\n".join(lines), flush=True)
    return ok_ratio and ok_other
