"""``voicecoach compare``: takes side by side, and a take against the trainer's. Thin:
analyzes the recordings (or reads saved reports), then prints or writes
:func:`voicecoach.compare.compare`."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

__all__ = ["add_parser", "run", "load_takes", "against_reference"]

EXAMPLES = """\
examples:
  voicecoach compare take1.wav take2.wav
        each measure side by side, the change, and whether it moved toward the target;
        the verdicts that flipped; the one thing to work on next
  voicecoach compare take1.json take2.json take3.wav
        saved reports (voicecoach analyze --json --out ...) and recordings mixed, oldest first
  voicecoach compare take2.wav --reference trainer.wav
        the take against the trainer's model reading of the same script, phrase by
        phrase: "you rushed 'the balance due is': 2.1 s against 3.0 s"
  voicecoach compare take1.wav take2.wav --reference trainer.wav --html compare.html
        one page with both takes' timelines on one time axis and the phrase chart
  voicecoach compare take1.wav take2.wav --json
        the comparison as JSON (docs/json-schema.md, "Comparison")

Takes in different languages cannot be compared. Exit code 0 when compared, 1 when a
take could not be read or analyzed, 2 for a usage error.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``compare`` subcommand to the subparsers ``sub``."""
    from voicecoach.cli import _channel, _report_languages

    c = sub.add_parser(
        "compare", help="compare takes: what moved toward the target; a take against the "
        "trainer's", description="Compare an agent's takes of an opening, oldest first: per "
        "measure the values side by side, the change from the previous take and whether it "
        "moved toward the target, the verdicts that flipped, and the one thing to work on "
        "next. With --reference, the latest take against a trainer's model take of the same "
        "script, phrase by phrase.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    c.add_argument("takes", nargs="+", metavar="TAKE",
                   help="recordings, or saved JSON reports, oldest first (one is enough with "
                   "--reference)")
    c.add_argument("--reference", metavar="TRAINER",
                   help="the trainer's model take of the same script (a recording or a "
                   "saved JSON report)")
    c.add_argument("--json", action="store_true", help="print the comparison as JSON")
    c.add_argument("--html", metavar="FILE",
                   help="also write the comparison as one HTML page: the measures, the "
                   "phrase chart, and each take's timeline on one time axis")
    c.add_argument("--report-language", choices=_report_languages(), metavar="en|pl|ko",
                   help="the language of the comparison (default: the latest take's)")
    c.add_argument("--model", metavar="NAME_OR_DIR", help="Whisper model (default tiny.en)")
    c.add_argument("--targets", metavar="FILE", help="TOML file overriding the default targets")
    c.add_argument("--language", metavar="CODE", help="the language spoken (default detected)")
    c.add_argument("--channel", default="mix", metavar="mix|left|right|N", type=_channel,
                   help="which channel of a stereo file is the agent (default: mix)")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    c.add_argument("--debug", action="store_true", help="show full tracebacks and debug logs")
    return c


def _is_saved(path: str) -> bool:
    return Path(path).suffix.lower() == ".json"


def load_takes(sources: list[str], args: argparse.Namespace, transcriber=None) -> list:
    """Each source as a :class:`voicecoach.Report` (a recording, analyzed with
    ``transcriber``, by default a new one) or report data (a saved JSON report), in order;
    :class:`CompareError` names the first that fails."""
    from voicecoach import analyze_many, load_targets
    from voicecoach.cli import _Progress
    from voicecoach.compare import CompareError, read_report

    audio = [s for s in sources if not _is_saved(s)]
    analyzed: dict[str, object] = {}
    if audio:
        from voicecoach.transcript.whisper import Transcriber

        bar = _Progress(len(audio), enabled=not args.quiet and sys.stderr.isatty())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            batch = analyze_many(audio, targets=load_targets(args.targets),
                                 transcriber=transcriber or Transcriber(args.model),
                                 channel=args.channel,
                                 language=args.language, progress=bar.stage,
                                 on_result=lambda _: bar.file_done())
        bar.close()
        if batch.failures:
            raise CompareError(batch.failures[0].reason)
        analyzed = dict(zip(audio, batch.reports))
    return [read_report(s) if _is_saved(s) else analyzed[s] for s in sources]


def against_reference(report, reference, lang: str | None):
    """``report`` against the trainer's ``reference`` (a Report or report data): the
    :class:`ReferenceComparison`, or the one-line reason it cannot be made."""
    from voicecoach.compare import CompareError, compare

    try:
        return compare([report], reference=reference, lang=lang).reference
    except CompareError as exc:
        return f"not compared with the reference: {exc}"


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``voicecoach compare``; returns the exit code."""
    import json

    from voicecoach.compare import compare
    from voicecoach.compare.phrases import script_offsets_s
    from voicecoach.compare.takes import as_report_dict, take_words
    from voicecoach.outputs import prepare_output, write_atomic
    from voicecoach.report.comparison import render

    if len(args.takes) < 2 and not args.reference:
        parser.error("give two or more takes, or one take and --reference TRAINER")
    if args.html:
        prepare_output(Path(args.html), folder=False)
    loaded = load_takes(args.takes + ([args.reference] if args.reference else []), args)
    takes, reference = (loaded[:-1], loaded[-1]) if args.reference else (loaded, None)
    data = [as_report_dict(t) for t in takes]  # once: the comparison and the time axis
    c = compare(data, reference=reference, lang=args.report_language)
    if args.json:
        sys.stdout.write(json.dumps(c.to_dict(), indent=2, allow_nan=False) + "\n")
    else:
        sys.stdout.write(render(c, color=sys.stdout.isatty()))
    if args.html:
        from voicecoach.report.compare_html import render_comparison_page
        from voicecoach.result import Report

        reports = [t if isinstance(t, Report) else None for t in takes]
        offsets = script_offsets_s([take_words(d) for d in data])
        write_atomic(args.html, render_comparison_page(c, reports, offsets_s=offsets))
        print(f"voicecoach: wrote {args.html}", file=sys.stderr)
    return 0
