"""Build the Polish and Korean evaluation sets: synthetic openings with known timing.

``build(language, out_dir)`` writes, deterministically for a seed, ``n`` recordings
(FLAC, 16 kHz) of espeak-ng's voice for ``language`` ("pl" or "ko") in several
variants (male and female), speeds and pitches, with silences of known length
(0.25-1.5 s) between phrases and known gaps (0.5-6 s) after questions, every third file
with a low noise floor. Each file has a ``<name>.truth.json`` in the samples/ format
with ``language``, per-segment ``n_syllables`` and the take's ``articulation_sps``
(syllables over the summed phrase durations), and ``manifest.json`` lists them.

Syllables are counted by hand for every Polish phrase (one per vowel nucleus; the "i"
that only softens the consonant before another vowel is not one: "dzwonię" 2,
"miesiąca" 3) and are the Hangul blocks for Korean. The phrases have no commas (espeak
pauses at them) and no digit strings; amounts are said as words.

Run ``python -m benchmarks.language_corpus [pl|ko] [out_dir]`` (default both, into
``benchmarks/corpus_<language>``).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks import speechkit as sk

__all__ = ["PHRASES", "VOICES", "specs", "build", "hangul_blocks", "main"]

ROOT = Path(__file__).resolve().parent
NOISE_DBFS = -55.0
GAPS_S = (0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0)
WPM = (110, 130, 150, 175, 200)
PITCH = (30, 50, 70)
VOICES = {"pl": ("pl", "pl+f3", "pl+m3", "pl+f2", "pl+m1", "pl+f4"),
          "ko": ("ko", "ko+f3", "ko+m3", "ko+f2")}

# (text, syllables counted by hand). Statements first, then questions.
_PL_STATEMENTS = (
    ("Dzień dobry mówi Anna Nowak z firmy Harbor Supply.", 15),
    ("Nazywam się Piotr Zieliński i dzwonię z działu rozliczeń.", 16),
    ("Nazywam się Katarzyna Wiśniewska z biura obsługi.", 16),
    ("Dzwonię w sprawie zaległej płatności na pana koncie.", 15),
    ("Faktura z zeszłego miesiąca nadal nie została opłacona.", 19),
    ("Termin płatności minął na początku miesiąca.", 14),
    ("Chciałabym pomóc panu uregulować to jeszcze dzisiaj.", 17),
    ("W zeszłym tygodniu wysłaliśmy przypomnienie na adres firmy.", 18),
    ("Cała kwota jest nadal widoczna jako otwarta.", 15),
    ("Mogę przygotować dla pana plan spłaty w ratach.", 14),
    ("Proszę przygotować numer konta przed następną rozmową.", 17),
    ("Dziękuję za rozmowę i poświęcony czas.", 13),
    ("Mam przed sobą wyciąg z pana konta.", 10),
    ("Kwota do zapłaty to osiemset czterdzieści złotych.", 15),
    ("Wysłaliśmy do pana dwa wezwania do zapłaty.", 15),
)
_PL_QUESTIONS = (
    ("Czy rozmawiam z panem Janem Kowalskim?", 11),
    ("Czy to dobry moment na rozmowę o płatności?", 14),
    ("Kiedy możemy spodziewać się wpłaty?", 11),
    ("Czy może mi pan powiedzieć co się stało z tą fakturą?", 16),
    ("Czy będzie pan w stanie zapłacić do piątku?", 12),
    ("Kto zajmuje się płatnościami w pana firmie?", 13),
    ("Jakie rozwiązanie byłoby dla pana najlepsze?", 15),
    ("Czy mógłby pan potwierdzić adres do faktur?", 12),
    ("Ile jest pan w stanie wpłacić w tym miesiącu?", 12),
    ("Jak mogę panu pomóc w tej sprawie?", 10),
    ("Otrzymał pan nasze pismo prawda?", 10),
)
_KO_STATEMENTS = (
    "안녕하세요 하버 서플라이의 김민지입니다.",
    "청구서 건으로 연락드렸습니다.",
    "납부하실 금액은 팔십사만 원입니다.",
    "납부 기한은 삼월 일일이었습니다.",
    "지난주에 안내문을 보내 드렸습니다.",
    "오늘 정리하실 수 있도록 도와드리겠습니다.",
    "분할 납부도 가능합니다.",
    "시간 내주셔서 감사합니다.",
)
_KO_QUESTIONS = (
    "이준호 고객님 맞으십니까?",
    "지금 잠시 통화 괜찮으십니까?",
    "언제쯤 납부가 가능하십니까?",
    "어떤 방법이 가장 편하십니까?",
    "이번 달 안에 납부하실 수 있습니까?",
)


def hangul_blocks(text: str) -> int:
    """Number of precomposed Hangul syllable blocks (U+AC00-U+D7A3) in ``text``."""
    return sum("\uac00" <= ch <= "\ud7a3" for ch in text)


PHRASES: dict[str, tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]] = {
    "pl": (_PL_STATEMENTS, _PL_QUESTIONS),
    "ko": (tuple((t, hangul_blocks(t)) for t in _KO_STATEMENTS),
           tuple((t, hangul_blocks(t)) for t in _KO_QUESTIONS)),
}


def specs(language: str, *, seed: int = 0, n: int = 16) -> list[dict]:
    """The recipe of the ``language`` set: ``n`` takes of 4-6 phrases, 1-2 questions
    (never first), voices, speeds and pitches cycling, gaps drawn from ``GAPS_S``."""
    statements, questions = PHRASES[language]
    voices = VOICES[language]
    rng = np.random.default_rng(seed)
    gaps = iter(float(g) for g in rng.permutation(GAPS_S * (2 * n // len(GAPS_S) + 1)))
    out = []
    for i in range(n):
        n_phrases, n_q = int(rng.integers(4, 7)), int(rng.integers(1, 3))
        st = [statements[k] for k in rng.choice(len(statements), n_phrases - n_q, replace=False)]
        qs = [questions[k] for k in rng.choice(len(questions), n_q, replace=False)]
        slots = set(int(s) for s in rng.choice(np.arange(1, n_phrases), n_q, replace=False))
        s_iter, q_iter = iter(st), iter(qs)
        script = [next(q_iter) if k in slots else next(s_iter) for k in range(n_phrases)]
        after = [next(gaps) if t.endswith("?") else round(float(rng.uniform(0.25, 1.5)), 3)
                 for t, _ in script]
        out.append({
            "name": f"{language}{i:03d}", "voice": voices[i % len(voices)],
            "rate_wpm": WPM[i % len(WPM)], "pitch": PITCH[(i // len(WPM)) % len(PITCH)],
            "script": script, "silences_s": after[:-1],
            "tail_s": after[-1] if script[-1][0].endswith("?")
            else round(float(rng.uniform(0.5, 1.0)), 3),
            "lead_s": round(float(rng.uniform(0.3, 0.8)), 3),
            "noise_dbfs": NOISE_DBFS if i % 3 == 1 else None, "noise_seed": seed * 1000 + i,
        })
    return out


def _make(language: str, spec: dict, out_dir: Path) -> Path:
    phrases = [sk.espeak_phrase(t, voice=spec["voice"], rate_wpm=spec["rate_wpm"],
                                pitch=spec["pitch"]) for t, _ in spec["script"]]
    noise = f", white noise floor {spec['noise_dbfs']} dBFS" if spec["noise_dbfs"] else ""
    tl = sk.assemble(
        phrases, spec["silences_s"], lead_s=spec["lead_s"], tail_s=spec["tail_s"],
        engine="espeak-ng", voice=spec["voice"],
        notes=f"{language} evaluation set: espeak-ng {spec['voice']} -s {spec['rate_wpm']} "
        f"-p {spec['pitch']}{noise}; phrases placed with inserted silences of known length; "
        "n_syllables per segment counted by hand (Polish) or the Hangul blocks (Korean).",
    )
    truth = sk.with_syllables(dict(tl.truth, language=language),
                              [n for _, n in spec["script"]])
    samples = tl.samples
    if spec["noise_dbfs"] is not None:
        samples = sk.add_noise_floor(samples, level_dbfs=spec["noise_dbfs"],
                                     seed=spec["noise_seed"])
    return sk.write_recording(out_dir / f"{spec['name']}.flac", samples, tl.sr, truth)


def build(language: str, out_dir: Path | str | None = None, *, seed: int = 0,
          n: int = 16) -> list[Path]:
    """Build the ``language`` set into ``out_dir`` (default benchmarks/corpus_<language>);
    return the audio paths. A set already built by the same recipe and code is kept."""
    out_dir = Path(out_dir or ROOT / f"corpus_{language}")
    out_dir.mkdir(parents=True, exist_ok=True)
    recipe = specs(language, seed=seed, n=n)
    blob = json.dumps(recipe) + Path(__file__).read_text() + Path(sk.__file__).read_text()
    digest = hashlib.sha1(blob.encode()).hexdigest()[:16]
    manifest_path = out_dir / "manifest.json"
    paths = [out_dir / f"{s['name']}.flac" for s in recipe]
    if manifest_path.exists() and all(p.exists() for p in paths) \
            and json.loads(manifest_path.read_text()).get("recipe") == digest:
        return paths
    for spec in recipe:
        _make(language, spec, out_dir)
    manifest_path.write_text(json.dumps({
        "language": language, "seed": seed, "n": n, "recipe": digest,
        "files": [{"audio": p.name, "truth": p.stem + ".truth.json", "voice": s["voice"],
                   "rate_wpm": s["rate_wpm"], "pitch": s["pitch"],
                   "noise_dbfs": s["noise_dbfs"]} for p, s in zip(paths, recipe)],
    }, indent=1, ensure_ascii=False) + "\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    languages = [argv[0]] if argv else ["pl", "ko"]
    for language in languages:
        t0 = time.perf_counter()
        paths = build(language, argv[1] if len(argv) > 1 else None)
        print(f"{language}: {len(paths)} recordings in {paths[0].parent} "
              f"in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
