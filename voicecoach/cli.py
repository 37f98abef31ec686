"""The ``voicecoach`` command. Thin: parses arguments, draws progress, prints, writes.

Exit codes: 0 every file analyzed (or honestly reported as holding no speech);
1 one or more files failed; 2 a usage error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from pathlib import Path

__all__ = ["main", "build_parser"]

EXAMPLES = """\
examples:
  voicecoach analyze take1.wav
        score one practice opening and print its report card
  voicecoach analyze take2.wav --baseline take1.wav
        also compare your pitch with an earlier, relaxed take
  voicecoach analyze take1.wav --plot take1.png
        also draw the take's timeline: loudness, pauses, question gaps, pitch
  voicecoach analyze team/*.wav --html team.html --quiet > /dev/null
        one page for a trainer: who needs which coaching, then every take
  voicecoach analyze team/*.wav --json --out reports/
        analyze a folder's takes; write one JSON report per file into reports/
  voicecoach analyze take.wav --report-language pl
        the report card, tips and plot in Polish (en, pl or ko)
  voicecoach analyze take3.wav --agent dana
        also keep the take in dana's history; `voicecoach progress dana` then shows
        how each measure moved take after take (see `voicecoach history --help`)
  voicecoach batch team/ --out review/ --workers 2
        a trainer's folder team/<agent>/...: results.csv, failures.csv, team.html,
        in parallel and resumable (see `voicecoach batch --help`)
  voicecoach analyze call.wav --channel left --targets team.toml
        use the left channel only and the team's own targets
  voicecoach analyze call.wav --two-party --agent-channel left --customer-name "Mr. Kowalski"
        a stereo call, agent left and customer right: how long you wait before
        answering, talking over the customer, talk share, and the customer's name

The targets come from the coaching guidance (120-150 wpm, >= 10 pauses a minute,
>= 3 s of silence after each question, >= 90 % of final consonants articulated,
statements ending low, >= 2 semitones of pitch variation). Print them with
`voicecoach targets`, and override any of them with --targets FILE.
"""

OUTPUT_NAMES = """\
output names:
  With --out FOLDER (or --plot FOLDER) each recording's output is named after its
  file name without the extension: calls/monday.wav -> monday.txt (monday.json with
  --json, monday.png for --plot). When two inputs share a name (a/call.wav and
  b/call.wav, or call.wav and call.flac), the first keeps it and the later ones get
  call-2, call-3, ... in the order given, so no output overwrites another and a rerun
  with the same files writes the same names. The summary says which file went where.
  An existing output of the same name is replaced.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voicecoach",
        description="Score a recorded collection-call opening against the coaching guidance: "
        "pace, pauses, the wait after your questions, pitch, and clipped final consonants. "
        "Everything runs locally, offline.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    a = sub.add_parser(
        "analyze", help="analyze one or more recordings and print a report card",
        description="Analyze recordings (WAV, FLAC, OGG, MP3, M4A, ...) and print a report card "
        "for each: score first, then each guideline with value, target and verdict, then the "
        "three things to change in the next take.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES + "\n" + OUTPUT_NAMES,
    )
    a.add_argument("files", nargs="+", metavar="FILE", help="recordings to analyze")
    a.add_argument("--json", action="store_true",
                   help="print (or write) JSON instead of the card; several files printed "
                   "together come one JSON object per line (JSON Lines)")
    a.add_argument("-o", "--out", metavar="PATH",
                   help="write reports here instead of printing them: a file for one recording, "
                   "a folder (created if needed) for several, one NAME.txt or NAME.json "
                   "per recording (see output names below)")
    a.add_argument("--model", metavar="NAME_OR_DIR",
                   help="Whisper model: tiny.en (English only, the default; alias bundled), "
                   "base (multilingual, installed with voicecoach, prepared in the user cache "
                   "on first use), a local CTranslate2 folder, or another faster-whisper model "
                   "name available offline")
    a.add_argument("--language", metavar="CODE",
                   help="the language spoken, as a Whisper code (en, pl, ko, de, ...); default "
                   "detected: the English model checks for English, and the multilingual base "
                   "model names any other language. Pace, pauses and pitch are measured in any "
                   "language, from the signal where the words cannot be used")
    a.add_argument("--report-language", choices=_report_languages(), metavar="en|pl|ko",
                   help="the language of the report card, the tips, the HTML page and the "
                   "plot labels: en (English), pl (Polish) or ko (Korean); default: the "
                   "language the recording was heard in where there is a translation, else "
                   "English. The JSON keeps its English fields and adds each finding's text "
                   "in this language")
    a.add_argument("--targets", metavar="FILE",
                   help="TOML file overriding any default targets (see `voicecoach targets`)")
    a.add_argument("--channel", default="mix", metavar="mix|left|right|N", type=_channel,
                   help="which channel of a stereo file is the agent (default: mix); a number N "
                   "picks channel N (0 = first) of a file with more")
    a.add_argument("--two-party", action="store_true",
                   help="agent and customer on separate channels of a stereo call: response "
                   "latency (count to five), talking over the customer, talk share, mirroring")
    a.add_argument("--agent-channel", choices=("left", "right"),
                   help="the agent's channel of a two-party call (default: chosen from the "
                   "voices, and the report says which); implies --two-party")
    a.add_argument("--customer-name", metavar="NAME",
                   help="how often and when you say the customer's name, e.g. \"Mr. "
                   "Kowalski\" (first name and surname both count; one-party takes too)")
    a.add_argument("--baseline", metavar="FILE",
                   help="an earlier relaxed take of the same speaker: judge pitch against it")
    a.add_argument("--reference", metavar="TRAINER",
                   help="a trainer's model take of the same script (recording or saved JSON "
                   "report): each take compared with it phrase by phrase (pace, pauses, "
                   "pitch), on the card, in the JSON and on the HTML page")
    a.add_argument("--no-consonants", action="store_true",
                   help="skip the final-consonant analysis (faster)")
    a.add_argument("--plot", metavar="PATH",
                   help="also draw each timeline (loudness, pauses, question gaps, pitch) as a "
                   "PNG: a file for one recording, a folder for several (NAME.png, named "
                   "like the reports)")
    a.add_argument("--html", metavar="FILE",
                   help="also write one self-contained HTML page for all the takes: a table of "
                   "who needs which coaching, then each take's timeline and findings")
    a.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    a.add_argument("--debug", action="store_true", help="show full tracebacks and debug logs")
    from voicecoach.cli_batch import add_parser as add_batch_parser
    from voicecoach.cli_compare import add_parser as add_compare_parser
    from voicecoach.cli_history import add_analyze_options
    from voicecoach.cli_history import add_parser as add_history_parser
    from voicecoach.cli_serve import add_parser as add_serve_parser

    add_analyze_options(a)
    add_batch_parser(sub)
    add_compare_parser(sub)
    add_history_parser(sub)
    add_serve_parser(sub)
    sub.add_parser("targets", help="print the default coaching targets (a TOML file to edit)")
    return parser


def _report_languages() -> tuple[str, ...]:
    from voicecoach.i18n import LANGUAGES

    return LANGUAGES


def _version() -> str:
    from voicecoach import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "targets":
        from importlib import resources

        sys.stdout.write(resources.files("voicecoach").joinpath("data/targets.toml")
                         .read_text("utf-8"))
        return 0
    if args.command == "analyze":
        from voicecoach.cli_history import check_analyze_options

        check_analyze_options(args, parser)
    if getattr(args, "customer_name", None) is not None:
        from voicecoach.measures.names import name_parts

        if not name_parts(args.customer_name):
            parser.error(f"--customer-name {args.customer_name!r} holds no name (only titles or "
                         "initials); give a first name or surname, e.g. \"Mr. Kowalski\"")
    if getattr(args, "language", None) is not None:
        from voicecoach.transcript.hear import normalize_language

        try:
            args.language = normalize_language(args.language)
        except ValueError as exc:
            parser.error(f"--language: {exc}")
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(name)s: %(message)s")
    try:
        if args.command == "batch":
            from voicecoach.cli_batch import run as run_batch

            return run_batch(args, parser)
        if args.command == "compare":
            from voicecoach.cli_compare import run as run_compare

            return run_compare(args, parser)
        if args.command == "serve":
            from voicecoach.cli_serve import run as run_serve

            return run_serve(args, parser)
        if args.command in ("history", "progress"):
            from voicecoach.cli_history import run as run_history

            return run_history(args, parser)
        return _analyze(args)
    except KeyboardInterrupt:
        print("voicecoach: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if args.debug:
            raise
        from voicecoach.errors import VoicecoachError

        reason = str(exc) if isinstance(exc, VoicecoachError) else \
            f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for details"
        print(f"voicecoach: {reason}", file=sys.stderr)
        return 1


def _channel(value: str) -> str | int:
    """``--channel``: "mix", "left", "right" or a channel number (0 = first)."""
    if value in ("mix", "left", "right"):
        return value
    if value.isdigit():
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r} is not mix, left, right or a channel number")


def _analyze(args: argparse.Namespace) -> int:
    from voicecoach.assess.targets import load_targets
    from voicecoach.batch import Failure, analyze_many
    from voicecoach.outputs import output_stems, prepare_output
    from voicecoach.transcript.whisper import Transcriber

    out = Path(args.out) if args.out else None
    many = len(args.files) > 1
    to_folder = out is not None and (many or out.is_dir() or args.out.endswith(("/", os.sep)))
    if out is not None:
        prepare_output(out, folder=to_folder)  # fail before any work on an unwritable --out
    targets = load_targets(args.targets)
    if args.baseline:
        _check_baseline(args.baseline, args.agent_channel or args.channel)
    transcriber = Transcriber(args.model)
    _ = transcriber.model  # fail early, once, on a model that cannot load
    if args.reference:
        from voicecoach.cli_compare import load_takes
        from voicecoach.compare.takes import as_report_dict

        # As report data once, not again for every take it is compared with.
        args.reference_take = as_report_dict(load_takes([args.reference], args, transcriber)[0])
    if args.html:
        prepare_output(Path(args.html), folder=False)
    if args.plot:
        prepare_output(Path(args.plot), folder=many or Path(args.plot).is_dir())
    stems = output_stems(args.files)
    shown = _shown_names(args.files)
    page = _html_page(args)
    bar = _Progress(len(args.files), enabled=not args.quiet and sys.stderr.isatty())
    saver = _take_saver(args, bar.write)
    analyzed: list[tuple[str, str]] = []  # the summary keeps one line per take, no report
    failed: list[tuple[str, str]] = []

    def on_result(result) -> None:
        if isinstance(result, Failure):
            bar.file_done()
            bar.write(f"voicecoach: {result.reason}")
            if page is not None:
                page.add_failure(result)
            failed.append((shown.get(str(Path(result.path)), result.path), "FAILED"))
            return
        stem = stems[str(Path(result.path))]
        reference = _reference(result, args)
        written = _emit(result, args, out, to_folder, stem, reference)
        if page is not None:
            page.add(result, reference=None if isinstance(reference, str) else reference)
        bar.file_done()
        line = (f"{result.score}/100" if result.score is not None else
                "too short to score" if result.assessment is not None else result.status)
        if stem != Path(result.path).stem and written is not None:
            line += f"  (written as {written})"
        analyzed.append((shown.get(str(Path(result.path)), result.audio.name), line))
        if saver is not None:
            saver.save(result, shown.get(str(Path(result.path)), result.audio.name))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        batch = analyze_many(
            args.files, on_result=on_result, keep_reports=False, targets=targets,
            transcriber=transcriber, channel=args.channel, baseline=args.baseline,
            consonants=not args.no_consonants, progress=bar.stage, language=args.language,
            **_call_options(args),
        )
    bar.close()
    if saver is not None:
        saver.close()
    if page is not None:
        from voicecoach.outputs import write_atomic

        write_atomic(args.html, page.render())
    if many:
        _summary(analyzed + failed, n_analyzed=batch.n_analyzed, n_failed=len(batch.failures))
    return 1 if batch.failures or (saver is not None and saver.failed) else 0


def _take_saver(args: argparse.Namespace, say):
    """With ``--agent``: what keeps each take in the history; else None."""
    if args.agent is None:
        return None
    from voicecoach.cli_history import TakeSaver

    return TakeSaver(args, say)


def _check_baseline(path: str, channel: str | int) -> None:
    """Read the baseline take once, before any recording: a bad one fails the run."""
    from voicecoach.errors import AudioError
    from voicecoach.pipeline import recording_median_f0_hz

    try:
        f0_hz = recording_median_f0_hz(path, channel)
    except AudioError as exc:
        raise AudioError(f"--baseline {exc}") from exc
    if f0_hz is None:
        raise AudioError(f"--baseline {path}: no voiced speech to take a pitch from")


def _shown_names(files: list[str]) -> dict[str, str]:
    """How the summary names each input: its file name, or the path as given when another
    input has the same file name."""
    keys = list(dict.fromkeys(str(Path(f)) for f in files))
    count: dict[str, int] = {}
    for key in keys:
        count[Path(key).name.casefold()] = count.get(Path(key).name.casefold(), 0) + 1
    return {k: Path(k).name if count[Path(k).name.casefold()] == 1 else k for k in keys}


def _call_options(args: argparse.Namespace) -> dict:
    """Options for a two-party or name-use analysis; none for a plain one."""
    if not (args.two_party or args.agent_channel or args.customer_name):
        return {}
    return {"two_party": args.two_party or bool(args.agent_channel),
            "agent_channel": args.agent_channel or "auto", "customer_name": args.customer_name}


def _html_page(args: argparse.Namespace):
    if not args.html:
        return None
    from voicecoach.report.html import HtmlPage

    return HtmlPage(plots=True, lang=args.report_language)


def _reference(report, args: argparse.Namespace):
    """With ``--reference``: the take against the trainer's (or why it cannot be)."""
    if not args.reference or report.measures is None:
        return None
    from voicecoach.cli_compare import against_reference

    return against_reference(report, args.reference_take, args.report_language)


def _emit(report, args: argparse.Namespace, out: Path | None, to_folder: bool,
          stem: str, reference=None) -> str | None:
    """Print or write one report (and its plot).

    Parameters
    ----------
    report : Report
    args : argparse.Namespace
    out : Path or None
        ``--out``: None to print the report.
    to_folder : bool
        ``out`` is a folder: the report goes in it as ``stem`` plus ``.txt`` or ``.json``.
    stem : str
        The name for this recording's outputs in a folder, unique within the batch
        (see :func:`voicecoach.outputs.output_stems`).
    reference : ReferenceComparison or str, optional
        With ``--reference``: the take against the trainer's, or why it was not compared.

    Returns
    -------
    str or None
        The names of the files written into folders (report, plot), for the summary;
        None when nothing went into a folder.
    """
    from voicecoach.outputs import write_atomic
    from voicecoach.report import json as json_report
    from voicecoach.report.terminal import render

    written = []
    if args.plot:
        plot = _plot(report, Path(args.plot), len(args.files) > 1, stem, args.report_language)
        if plot is not None:
            written.append(plot)
    one_line = out is None and len(args.files) > 1  # JSON Lines: one report per line
    lang = args.report_language
    text = (json_report.dumps(report, indent=None if one_line else 2, lang=lang,
                              reference=reference) + "\n" if args.json else None)
    if text is None:
        card = render(report, color=out is None and sys.stdout.isatty(), lang=lang)
        if isinstance(reference, str):
            card += f"\n{reference}\n"
        elif reference is not None:
            from voicecoach.report import language_of
            from voicecoach.report.comparison import render_reference

            card += "\n" + render_reference(reference, language_of(report, lang))
    if out is None:
        sys.stdout.write(text or card)
        sys.stdout.flush()
    else:
        target = out / (stem + (".json" if args.json else ".txt")) if to_folder else out
        write_atomic(target, text or card)
        if to_folder:
            written.insert(0, target.name)
    return ", ".join(written) or None


def _plot(report, plot: Path, many: bool, stem: str, lang: str | None = None) -> str | None:
    """Draw the report's timeline to ``plot``, or into it as ``stem.png`` when it is a
    folder; returns that file name when it went into a folder."""
    from voicecoach.report.plots import save_timeline

    if many or plot.is_dir():
        plot.mkdir(parents=True, exist_ok=True)
        name = stem + ".png"
        save_timeline(report, plot / name, lang=lang)
        return name
    save_timeline(report, plot, lang=lang)
    return None


def _summary(rows: list[tuple[str, str]], *, n_analyzed: int, n_failed: int) -> None:
    """Print the batch summary to stderr: the counts, then one line per input."""
    width = max((len(n) for n, _ in rows), default=10)
    print(f"\n{n_analyzed} analyzed, {n_failed} failed", file=sys.stderr)
    for name, result in rows:
        print(f"  {name:<{width}}  {result}", file=sys.stderr)


class _Progress:
    """A tqdm bar over the files, advanced by the pipeline's stage hook."""

    def __init__(self, n_files: int, *, enabled: bool) -> None:
        self.n_files, self.done, self.bar = n_files, 0, None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=100 * n_files, unit="%", file=sys.stderr, leave=False,
                            bar_format="{desc:<28}{bar}| {elapsed}<{remaining}")

    def stage(self, name: str, fraction: float) -> None:
        if self.bar is not None:
            self.bar.set_description_str(f"[{self.done + 1}/{self.n_files}] {name}")
            self.bar.n = int(100 * (self.done + fraction))
            self.bar.refresh()

    def file_done(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.n = 100 * self.done
            self.bar.refresh()

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


if __name__ == "__main__":
    sys.exit(main())
