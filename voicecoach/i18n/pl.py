"""Polish report text (the keys and parameters of en.py).

Register: a call-centre trainer's, direct; tips in the imperative, second person
singular; no gendered past tense ("you started" becomes "the answer started").
Words per minute are "sł./min", semitones "półton" (genitive after a decimal:
"2,4 półtonu"), decimals with a comma.
"""

MESSAGES: dict[str, str] = {
    # Guidelines ------------------------------------------------------------------------
    "guideline.pace.rate": "Mów spokojnym tempem",
    "guideline.pace.first_sentence": "Zacznij spokojnie: pierwsze zdanie jest najważniejsze",
    "guideline.pace.words_per_minute": "Słowa na minutę",
    "guideline.pauses.per_min": "Rób pauzy częściej",
    "guideline.pauses.words_between": "Mów krótkimi frazami",
    "guideline.pauses.longest_run": "Unikaj długich fragmentów bez pauzy",
    "guideline.questions.gap": "Po zadaniu pytania odczekaj",
    "guideline.pitch.variation": "Unikaj monotonii: zmieniaj wysokość głosu",
    "guideline.pitch.statement_endings": "Kończ zdania obniżeniem głosu, nie podniesieniem",
    "guideline.pitch.lower": "Mów niższym głosem",
    "guideline.consonants.articulated": "Wymawiaj spółgłoski na końcu słów",
    "guideline.twoparty.latency": "Zanim odpowiesz, policz do pięciu",
    "guideline.twoparty.latency_median": "Pauza przed odpowiedzią (typowa)",
    "guideline.twoparty.overlaps": "Pozwól klientowi dokończyć",
    "guideline.twoparty.talk_share": "Więcej słuchaj, niż mówisz",
    "guideline.twoparty.mirror_rate": "Dopasuj tempo do klienta",
    "guideline.twoparty.mirror_loudness": "Dopasuj głośność do klienta",
    "guideline.names.count": "Zwracaj się do klienta po nazwisku, z umiarem",
    "guideline.names.spacing": "Nie powtarzaj nazwiska raz po raz",
    # Targets ---------------------------------------------------------------------------
    "target.wpm_band": "{lo:.0f}–{hi:.0f} sł./min",
    "target.per_min_at_least": "≥ {n:.0f} na min",
    "target.words_band": "{lo:.0f}–{hi:.0f} słów",
    "target.longest_run": "≤ {words} słów i ≤ {seconds:.0f} s",
    "target.question_gap": "≥ {least_s:g} s (najlepiej {ideal_lo_s:g}–{ideal_hi_s:g} s)",
    "target.variation": "≥ {st:.1f} półtonu",
    "target.falling_share": "≥ {share:.0%} zakończeń opadających lub równych",
    "target.baseline": "≤ 0 półtonów względem nagrania bazowego",
    "target.articulated_share": "≥ {share:.0%} wymówionych",
    "target.sps_band": "{lo:.1f}–{hi:.1f} sylab/s",
    "target.longest_stretch_s": "≤ {seconds:.0f} s",
    "target.latency": "≥ {least_s:.1f} s (policz powoli do pięciu)",
    "target.overlaps": "≤ {n:.0f} {n:plural:raz|razy|razy}",
    "target.talk_share": "≤ {share:.0%} czasu rozmowy",
    "target.mirror": "≤ {ratio:.1f} × wartości klienta",
    "target.name_uses": "{lo:.0f}–{hi:.0f} razy",
    "target.name_spacing": "≥ {seconds:.0f} s między użyciami",
    # Tips ------------------------------------------------------------------------------
    "tip.keep": "Tak trzymaj.",
    "tip.pace.faster": "Mów odrobinę szybciej (około {aim_wpm:.0f} słów na minutę); zachowaj "
    "pauzy, nie przeciągaj słów.",
    "tip.pace.slower": "Zwolnij: celuj w około {aim_wpm:.0f} słów na minutę i wyraźnie "
    "zaznaczaj koniec każdego zdania.",
    "tip.pace.first_even": "Przywitaj się i przedstaw równym, niespiesznym tempem.",
    "tip.pace.first_slow": "Przywitaj się i przedstaw powoli: to nadaje ton całej rozmowie.",
    "tip.pace.faster_syllables": "Mów odrobinę szybciej; zachowaj pauzy, nie przeciągaj sylab.",
    "tip.pace.slower_syllables": "Zwolnij: wymawiaj każdą sylabę w pełni i wyraźnie zaznaczaj "
    "koniec każdego zdania.",
    "tip.pauses.breathe": "Po każdej frazie zrób pauzę na oddech: po swoim nazwisku, nazwie "
    "firmy, kwocie.",
    "tip.pauses.phrases": "Dziel długie zdania na frazy po 5–12 słów, z krótką pauzą między "
    "nimi.",
    "tip.pauses.break_run": "Zrób pauzę we fragmencie {start_s:.1f}–{end_s:.1f} s.",
    "tip.questions.count_five": "Po zadaniu pytania zamilknij i powoli policz do pięciu, zanim "
    "cokolwiek powiesz.",
    "tip.questions.prompt": "Możesz czekać krócej: po mniej więcej pięciu sekundach delikatnie "
    "zachęć klienta do odpowiedzi.",
    "tip.questions.longer": "Poczekaj trochę dłużej: po 4–5 sekundach ciszy klient sam zacznie "
    "ją wypełniać.",
    "tip.pitch.stress": "Akcentuj kluczowe słowa (swoje nazwisko, kwotę, termin) wyraźną zmianą "
    "wysokości głosu.",
    "tip.pitch.drop": "Na końcu zdania obniżaj głos; wznosząca intonacja brzmi niepewnie.",
    "tip.pitch.lower": "Rozluźnij gardło i mów pełnym, piersiowym głosem, na wysokości z "
    "nagrania bazowego.",
    "tip.consonants.words": "Kończ każde słowo: wyraźnie wymów ostatnią głoskę w słowach "
    "{words}.",
    "tip.consonants.every": "Kończ każde słowo: wyraźnie wymawiaj jego ostatnią głoskę.",
    "tip.twoparty.count_five": "Gdy klient skończy mówić, powoli policz do pięciu, zanim "
    "odpowiesz: cisza skłania go, by ją wypełnił.",
    "tip.twoparty.habit": "Niech powolne liczenie do pięciu po każdej wypowiedzi klienta wejdzie "
    "ci w nawyk.",
    "tip.twoparty.wait_finish": "Poczekaj, aż klient skończy, a potem policz do pięciu.",
    "tip.twoparty.open_question": "Zadaj pytanie otwarte i pozwól klientowi mówić.",
    "tip.twoparty.slow_to_customer": "Odpowiadając, zwolnij do tempa klienta.",
    "tip.twoparty.volume_down": "Ścisz głos do poziomu klienta.",
    "tip.names.early": "Zwróć się do klienta po nazwisku ({name}) już na początku: raz przy "
    "powitaniu i raz przy prośbie o płatność.",
    "tip.names.less": "Rzadziej używaj nazwiska: dwa, trzy razy wystarczą.",
    "tip.names.spacing": "Między kolejnymi użyciami nazwiska odczekaj co najmniej 15 sekund.",
    # Details ---------------------------------------------------------------------------
    "detail.pace.words_in": "{n_words} {n_words:plural:słowo|słowa|słów} w {speaking_s:.1f} s",
    "detail.pace.words_in_waits": "{n_words} {n_words:plural:słowo|słowa|słów} w "
    "{speaking_s:.1f} s (bez {waiting_s:.1f} s oczekiwania po pytaniach)",
    "detail.pace.words_in_turns": "{n_words} {n_words:plural:słowo|słowa|słów} w "
    "{turns_s:.1f} s twoich własnych wypowiedzi",
    "detail.pace.words_in_turns_waits": "{n_words} {n_words:plural:słowo|słowa|słów} w "
    "{turns_s:.1f} s twoich własnych wypowiedzi (bez {waiting_s:.1f} s oczekiwania po "
    "pytaniach)",
    "detail.pace.rushed": "za szybko",
    "detail.pace.dragging": "za wolno",
    "detail.pace.articulation": "tempo artykulacji {sps:.1f} sylab/s",
    "detail.pace.syllables": "{n_syllables} {n_syllables:plural:sylaba|sylaby|sylab} "
    "({counted}) w {phonation_s:.1f} s mowy, bez pauz; {rate_sps:.1f} sylab/s z pauzami",
    "detail.syllables.signal": "zliczenie z sygnału",
    "detail.syllables.spelling": "zliczenie z pisowni",
    "detail.pauses.summary": "{count} {count:plural:pauza|pauzy|pauz}, średnio {mean_s:.2f} s, "
    "najdłuższa {longest_s:.2f} s",
    "detail.pauses.longest_run": "najdłuższy fragment: {n_words} "
    "{n_words:plural:słowo|słowa|słów} w {seconds:.1f} s",
    "detail.pauses.longest_stretch": "najdłuższy fragment bez pauzy: {seconds:.1f} s",
    "detail.question": "„{question}”",
    "detail.question_note": "„{question}”; {note}",
    "detail.questions.answered": "„{question}”; klient odpowiedział po {gap_s:.1f} s",
    "note.own_turns": "tempo i pauzy mierzy się tylko w twoich wypowiedziach ({turns_s:.0f} s z "
    "{span_s:.0f} s od pierwszego do ostatniego słowa); wypowiedzi klienta i czekanie przed "
    "odpowiedzią nie są pauzami",
    "note.rushed_in": "cisza przerwana za wcześnie",
    "note.dead_air": "może zabrzmieć jak głucha cisza",
    "note.silent_to_end": "cisza do końca nagrania",
    "detail.pitch.summary": "mediana {f0_hz:.0f} Hz, {above_st:.1f} półtonu powyżej dolnego "
    "zakresu głosu, rozpiętość {range_st:.1f} półtonu",
    "detail.pitch.rising": "zdania kończące się wznosząco: {rising} z {statements}",
    "detail.pitch.baseline": "mediana {f0_hz:.0f} Hz wobec {baseline_hz:.0f} Hz w nagraniu "
    "bazowym",
    "detail.consonants.word": "„{word}” ({start_s:.1f} s)",
    "detail.consonants.clipped": "ucięte: {words}",
    "detail.consonants.none": "brak uciętych",
    "detail.consonants.judged": "ocenione słowa zakończone spółgłoską: {judged} z {total}; zbyt "
    "niewyraźne, by ocenić: {unclear}",
    "detail.consonants.judged_phone": "ocenione słowa zakończone spółgłoską: {judged} z "
    "{total}: przez linię telefoniczną da się ocenić tylko zakończenia m, n i ng",
    "detail.latency.overlapped": "odpowiedź zaczęła się {seconds:.1f} s przed końcem "
    "wypowiedzi klienta",
    "detail.latency.answered": "klient skończył w {customer_end_s:.1f} s, odpowiedź w "
    "{agent_start_s:.1f} s",
    "detail.latency.median": "odpowiedzi szybsze niż {least_s:.0f} s: {short} z {answers}",
    "detail.overlaps.some": "wejście klientowi w słowo: {n} {n:plural:raz|razy|razy} ({times})",
    "detail.overlaps.none": "bez wchodzenia klientowi w słowo",
    "detail.seconds": "{seconds:.1f} s",
    "detail.talk_share": "ty {agent_s:.1f} s, klient {customer_s:.1f} s",
    "detail.talk_share_monologue": "ty {agent_s:.1f} s, klient {customer_s:.1f} s; najdłuższy "
    "monolog {monologue_s:.1f} s",
    "detail.mirror.rate": "mediana z {answers} odpowiedzi; szybszych od klienta o ponad "
    "{band:.0%}: {fast}",
    "detail.mirror.loudness": "odpowiedzi głośniejsze od klienta o ponad {band:.0%}: {louder}; "
    "poziomy takie, jak nagrano je na każdym kanale (widać tu też różnicę wzmocnienia między "
    "liniami)",
    "detail.names.use": "„{said}” {start_s:.1f} s",
    "detail.names.not_heard": "{name}: nie padło ani razu",
    "detail.names.pairs": "{pairs} {pairs:plural:para|pary|par} w odstępie krótszym niż "
    "{seconds:.0f} s",
    # Why a finding is not judged ---------------------------------------------------------
    "why.not_enough": "za mało mowy, by ocenić ({needs})",
    "need.words": "{have} {have:plural:słowo|słowa|słów}, potrzeba {least}",
    "need.words_judged": "ocenione słowa: {have}, potrzeba {least}",
    "need.syllables": "{have} {have:plural:sylaba|sylaby|sylab}, potrzeba {least}",
    "need.statements": "zdania z wyraźnym zakończeniem: {have}, potrzeba {least}",
    "need.speech_s": "{have_s:g} s mowy, potrzeba {least_s:g} s",
    "need.long_s": "długość {have_s:g} s, potrzeba {least_s:g} s",
    "need.voiced_s": "{have_s:g} s mowy dźwięcznej, potrzeba {least_s:g} s",
    "why.phrases": "za mało mowy, by ocenić ({n_words} {n_words:plural:słowo|słowa|słów} bez "
    "pauzy; potrzeba {least_words} słów lub {least_runs} fraz)",
    "why.one_phrase": "za mało mowy, by ocenić (jedna fraza, {seconds:g} s; potrzeba "
    "{least_runs} fraz)",
    "why.phone_line": "przez linię telefoniczną da się ocenić tylko zakończenia m, n i ng",
    "why.question_at_end": "„{question}”; bez oceny: nagranie kończy się {gap_s:.1f} s po "
    "pytaniu (po ostatnim pytaniu nagrywaj jeszcze przez 4–5 s)",
    "why.not_measured": "nie mierzone dla tego języka ({language})",
    "why.not_measured_because": "nie mierzone dla tego języka ({language}: {why})",
    "why.no_words": "nie rozpoznano żadnych słów",
    "why.pace_in_syllables": "w tym języku tempo mierzy się w sylabach na sekundę",
    "why.words_not_counted": "jego zapis nie daje słów, które można policzyć",
    "why.phrase_in_words": "długość frazy liczy się w słowach",
    "why.english_measure": "to miara dla angielskiego, dopóki nie ma dowodów dla innych "
    "języków",
    "why.questions_no_words": "nie mierzone: nie rozpoznano żadnych słów ({language}), a "
    "pytanie rozpoznaje się po słowach",
    "too_short.words": "Nagranie za krótkie do oceny: {n_words} "
    "{n_words:plural:słowo|słowa|słów} w {speech_s:g} s mowy; do oceny potrzeba co najmniej "
    "{least_words} słów i {least_s:g} s.",
    "too_short.syllables": "Nagranie za krótkie do oceny: {n_syllables} "
    "{n_syllables:plural:sylaba|sylaby|sylab} w {speech_s:g} s mowy; do oceny potrzeba co "
    "najmniej {least_syllables} sylab i {least_s:g} s.",
    "too_short.nothing": "Nagranie za krótkie do oceny: niczego nie dało się w nim ocenić.",
    "not_scored.filled": "Bez oceny: w pauzach między Twoimi słowami słychać inne głosy (z "
    "{gaps_s:.1f} s przerw między słowami {other_s:.1f} s to cichsza mowa, a {silent_s:.1f} s "
    "cisza), więc nie da się oddzielić od nich Twoich pauz, tempa ani wysokości głosu.",
    "not_scored.room": "Bez oceny: w pomieszczeniu jest pogłos (każde słowo wybrzmiewa jeszcze "
    "przez około {rt60_s:.1f} s), więc nie da się zmierzyć pauz ani ciszy po Twoich pytaniach.",
    "pitch.unclear_noisy": "wysokość głosu niejasna: nagranie z szumem ({voiced_s:.1f} s "
    "wyraźnego dźwięcznego głosu, potrzeba {least_s:.1f} s)",
    "pitch.unclear_little": "wysokość głosu niejasna: za mało dźwięcznej mowy ({voiced_s:.1f} s, "
    "potrzeba {least_s:.1f} s)",
    "note.signal_only": "nie rozpoznano słów ({language}): tempo, pauzy i wysokość głosu "
    "zmierzono z samego sygnału, a miar, które wymagają słów, nie wykonano",
    "note.signal_only_unsure_words": "rozpoznawanie mowy nie było pewne słów ({language}; "
    "mediana pewności słowa {probability:.2f}, poniżej 0,5): tempo, pauzy i wysokość głosu "
    "zmierzono z samego sygnału, a miar, które wymagają słów, nie wykonano",
    "note.signal_only_few_words": "rozpoznawanie mowy wychwyciło słowa tylko w {heard_s:.1f} s z "
    "{speech_s:.1f} s mowy ({language}): tempo, pauzy i wysokość głosu zmierzono z samego "
    "sygnału, a miar, które wymagają słów, nie wykonano",
    "why.filled": "w pauzach między słowami słychać inne głosy",
    "not_scored.noisy": "Bez oceny: szum jest prawie tak głośny jak Twój głos (mowa jest "
    "{snr_db:.0f} dB ponad nim, potrzeba {least_db:.0f} dB), więc nie da się zmierzyć pauz, "
    "tempa ani wysokości głosu.",
    "why.noisy": "szum jest prawie tak głośny jak głos",
    "retake.less_noise": "nagrywaj w cichszym miejscu, blisko mikrofonu.",
    "why.room": "pogłos pomieszczenia wypełnia pauzy",
    "retake.longer": "nagraj dłuższą wypowiedź, żeby można ją było ocenić.",
    "retake.quieter": "nagrywaj tam, gdzie nikt inny nie mówi, i zostaw w pauzach ciszę.",
    "retake.closer": "nagrywaj blisko mikrofonu (najlepiej przez zestaw słuchawkowy), w małym "
    "lub umeblowanym pomieszczeniu.",
    # Language names --------------------------------------------------------------------
    "language.en": "angielski",
    "language.pl": "polski",
    "language.ko": "koreański",
    "language.de": "niemiecki",
    "language.fr": "francuski",
    "language.es": "hiszpański",
    "language.it": "włoski",
    "language.cs": "czeski",
    "language.uk": "ukraiński",
    "language.ru": "rosyjski",
    "language.ja": "japoński",
    "language.zh": "chiński",
    "language.und": "język nierozpoznany",
    # Verdicts and values ---------------------------------------------------------------
    "verdict.on_target": "w normie",
    "verdict.close": "blisko celu",
    "verdict.needs_work": "do poprawy",
    "verdict.not_judged": "bez oceny",
    "verdict.not_measured": "nie mierzone",
    "unit.share": "{value:.0%}",
    "unit.wpm": "{value:.0f} sł./min",
    "unit.words": "{value:.0f} {value:plural:słowo|słowa|słów}",
    "unit.words_mean": "{value:.1f} słowa",
    "unit.times": "{value:.0f} {value:plural:raz|razy|razy}",
    "unit.uses": "{value:.0f} {value:plural:raz|razy|razy}",
    "unit.s": "{value:.1f} s",
    "unit.st": "{value:.1f} półtonu",
    "unit.per_min": "{value:.1f} na min",
    "unit.sps": "{value:.1f} sylab/s",
    "unit.x": "{value:.1f} ×",
    "unit.st_vs_baseline": "{value:.1f} półtonu wzgl. bazy",
    # The report card -------------------------------------------------------------------
    "card.title": "voicecoach – karta oceny: {name} ({duration_s:.1f} s)",
    "card.language": "Język: {language} ({how}; model {model})",
    "card.how.given": "podany",
    "card.how.detected": "wykryty",
    "card.how.detected_p": "wykryty, prawdopodobieństwo {p:.2f}",
    "card.how.checked": "sprawdzony",
    "card.note": "uwaga: {note}",
    "card.score": "Wynik: {score}/100",
    "card.target": "cel {target}",
    "card.where": "miejsce: {spans}",
    "card.where_more": "miejsce: {spans} i jeszcze {more}",
    "card.at": "{start_s:.1f} s",
    "card.span": "{start_s:.1f}–{end_s:.1f} s",
    "card.consonants_off": "Końcowe spółgłoski: nie analizowano (wynik ich nie uwzględnia)",
    "card.next": "Następne nagranie:",
    "card.next_longer": "Następne nagranie: nagraj dłuższą wypowiedź, żeby dało się ją ocenić.",
    "card.next_keep": "Następne nagranie: tak trzymaj.",
    "card.transcript": "Transkrypcja: {text}",
    "call.summary": "Rozmowa dwustronna: ty na {channel} kanale ({chosen_by}); wypowiedzi "
    "klienta: {turns}, z odpowiedzią: {answered}",
    "call.summary_median": "Rozmowa dwustronna: ty na {channel} kanale ({chosen_by}); "
    "wypowiedzi klienta: {turns}, z odpowiedzią: {answered}, mediana pauzy przed odpowiedzią "
    "{median_s:.1f} s",
    "call.channel.left": "lewym",
    "call.channel.right": "prawym",
    "call.overlaps": "nakładanie się głosów: {overlaps} (w tym ty w trakcie wypowiedzi klienta: "
    "{yours}); krótkie potwierdzenia („mhm”, „tak”, bez przejmowania głosu): klient {theirs}, "
    "ty {mine}",
    "call.waits": "pauzy (koniec wypowiedzi klienta: twoja pauza, s): {waits}",
    "call.waits_more": "pauzy (koniec wypowiedzi klienta: twoja pauza, s): {waits} i jeszcze "
    "{more}",
    "call.wait": "{end_s:.1f} s: {wait_s:+.1f}",
    "call.customer": "Klient: {text}",
    # The HTML page ---------------------------------------------------------------------
    "page.title": "voicecoach – raport zespołu",
    "page.summary": "Przeanalizowane nagrania: {ok}, nieudane: {failed}.",
    "page.col.take": "nagranie",
    "page.col.length": "długość",
    "page.col.score": "wynik",
    "page.col.verdict": "ocena",
    "page.col.guideline": "zalecenie",
    "page.col.measured": "pomiar",
    "page.col.target": "cel",
    "page.col.detail": "szczegóły",
    "page.length": "{seconds:.0f} s",
    "page.failed": "błąd: {reason}",
    "page.take_score": "wynik {score}/100",
    "page.timeline_alt": "oś czasu: {name}",
    "page.next": "Następne nagranie",
    "page.next_label": "Następne nagranie:",
    "page.next_longer": "nagraj dłuższą wypowiedź, żeby dało się ją ocenić.",
    "page.next_keep": "tak trzymaj.",
    "page.who_needs": "Kto nad czym powinien popracować",
    "page.all_fine": "Każde nagranie jest w normie lub blisko celu.",
    "group.pace": "Tempo",
    "group.pauses": "Pauzy",
    "group.questions": "Cisza po pytaniach",
    "group.pitch": "Wysokość głosu",
    "group.consonants": "Końcowe spółgłoski",
    "group.twoparty": "Liczenie do pięciu, słuchanie",
    "group.names": "Nazwisko klienta",
    # The timeline plot -----------------------------------------------------------------
    "plot.score": "wynik {score}/100",
    "plot.phrase_axis": "sekundy: fraza, potem pauza po niej (jaśniej)",
    "plot.time": "czas (s)",
    "plot.level": "poziom (dBFS)",
    "plot.pause": "pauza",
    "plot.gap": "cisza {gap_s:.1f} s",
    "plot.level_title": "{wpm:.0f} sł./min, {pauses} {pauses:plural:pauza|pauzy|pauz} "
    "({per_min:.1f}/min); cisza po pytaniach w kolorze oceny",
    "plot.level_title_sps": "{sps:.1f} sylab/s, {pauses} {pauses:plural:pauza|pauzy|pauz} "
    "({per_min:.1f}/min); cisza po pytaniach w kolorze oceny",
    "plot.pitch": "wysokość (półtony nad dolnym zakresem)",
    "plot.no_voiced": "brak mowy dźwięcznej",
    "plot.pitch_title": "mediana {f0_hz:.0f} Hz (przerywana), zmienność {variation_st:.1f} "
    "półtonu, rozpiętość {range_st:.1f} półtonu; zakończenia zdań: ▼ opadające, ► równe, "
    "▲ wznoszące",
    # What was said -------------------------------------------------------------------
    "guideline.content.greeting": "Przywitaj się",
    "guideline.content.agent_name": "Przedstaw się",
    "guideline.content.company": "Podaj nazwę firmy",
    "guideline.content.right_party": "Upewnij się, że rozmawiasz z właściwą osobą",
    "guideline.content.purpose": "Powiedz, w jakiej sprawie dzwonisz",
    "guideline.content.amount": "Podaj kwotę",
    "guideline.content.invoice": "Podaj numer faktury lub konta",
    "guideline.content.due_date": "Podaj termin płatności",
    "guideline.content.open_question": "Zadaj pytanie otwarte",
    "guideline.content.customer_name": "Zwracaj się do klienta po nazwisku",
    "guideline.content.commitment": "Poproś o kwotę i datę",
    "guideline.content.polite_close": "Zakończ uprzejmie",
    "guideline.content.tone": "Zachowaj życzliwy ton",
    "target.content.required": "powiedziane",
    "target.content.optional": "powiedziane, jeśli rozmowa tam dojdzie",
    "target.content.tone": "bez ostrych słów",
    "content.part.amount": "kwoty",
    "content.part.date": "daty",
    "content.part.number": "numeru",
    "content.part.ordinal": "dnia",
    "content.part.name": "nazwiska",
    "tip.content.say": "Dodaj ten krok: {step}.",
    "tip.content.kinder": "Zamiast „{said}”: {kinder}",
    "detail.content.said": "„{said}” w {start_s:.1f} s",
    "detail.content.partial": "„{said}” w {start_s:.1f} s, bez {missing}",
    "detail.content.harsh_one": "„{said}” w {start_s:.1f} s",
    "detail.content.harsh": "ostre słowa: {said}",
    "detail.content.kind": "bez ostrych słów; uprzejmie: {said}",
    "detail.content.no_harsh": "bez obwiniania, gróźb i protekcjonalnego tonu",
    "why.content.optional": "nie w tym nagraniu (krok opcjonalny)",
    "why.content.name_unknown": "podaj nazwisko klienta (--customer-name), by to sprawdzić",
    "unit.step.said": "powiedziane",
    "unit.step.partly": "częściowo",
    "unit.step.missing": "nie padło",
    "unit.phrases": "{value:.0f} {value:plural:ostre wyrażenie|ostre wyrażenia|ostrych wyrażeń}",
    "group.content": "Co powiedziałeś",
    "card.content": "Co powiedziałeś: kroki otwarcia i ton",
    "tip.content.greeting": "Zacznij od powitania: „Dzień dobry, ...”",
    "tip.content.agent_name": "Przedstaw się: „Mówi Anna Nowak ...”",
    "tip.content.company": "Podaj nazwę firmy: „... z firmy Harbor Supply.”",
    "tip.content.right_party": "Upewnij się, że rozmawiasz z właściwą osobą: „Czy rozmawiam z "
    "panem Janem Kowalskim?”",
    "tip.content.purpose": "Powiedz, w jakiej sprawie dzwonisz: „Dzwonię w sprawie faktury "
    "numer 4729.”",
    "tip.content.amount": "Podaj kwotę: „Kwota do zapłaty to 840 złotych.”",
    "tip.content.invoice": "Podaj numer: „faktura numer 4729”.",
    "tip.content.due_date": "Podaj termin płatności: „Termin płatności minął pierwszego marca.”",
    "tip.content.open_question": "Zadaj pytanie otwarte i poczekaj: „Jak chciałby pan "
    "uregulować tę kwotę?”",
    "tip.content.customer_name": "Zwracaj się po nazwisku: „Panie Kowalski, ...”",
    "tip.content.commitment": "Poproś o zobowiązanie z kwotą i datą: „Czy może pan zapłacić 840 "
    "złotych do piątku?”",
    "tip.content.polite_close": "Zakończ uprzejmie: „Dziękuję za rozmowę, panie Kowalski.”",
    "detail.content.quote": "„{said}”",
    "content.part.pair": "{first} i {second}",
    "why.content.not_heard": "nie słychać tego w tym, co zapisał system rozpoznawania mowy "
    "(gubi słowa, więc krok niedosłyszany nie jest oznaczany jako pominięty); jeśli go "
    "pominięto: {tip}",
    "why.content.unsure": "system rozpoznawania mowy nie był pewny słów (mediana pewności "
    "{p:.2f}, potrzeba {least_p:.2f}): krok źle usłyszany to nie krok pominięty",
    "why.content.phone": "przez linię telefoniczną system rozpoznawania mowy gubi wiele "
    "słów: krok niedosłyszany nie jest oceniany jako pominięty",
    # Comparing takes ---------------------------------------------------------------
    "compare.title": "voicecoach: porównanie {n} nagrań",
    "compare.title_reference": "voicecoach: {name} w porównaniu z nagraniem trenera",
    "compare.take": "nagranie {n}",
    "compare.score": "wynik",
    "compare.toward": "bliżej celu",
    "compare.away": "dalej od celu",
    "compare.same": "bez zmian",
    "compare.kept": "nadal w normie",
    "compare.since_first": "od nagrania 1: {direction}",
    "compare.flipped": "Co zmieniło ocenę",
    "compare.no_flips": "żadna ocena się nie zmieniła",
    "compare.next": "Popracuj teraz nad tym: {tip}",
    "compare.all_on_target": "Wszystko, co oceniono, jest w normie: tak trzymaj.",
    "compare.reference": "W porównaniu z nagraniem trenera ({name}): znaleziono {matched} z "
    "{total} słów skryptu",
    "compare.phrase": "fraza",
    "compare.trainer": "trener",
    "compare.you": "ty",
    "compare.pitch_level": "ton nad najniższym",
    "compare.pitch_movement": "zmiana tonu",
    "compare.pause_after": "pauza po",
    "compare.no_differences": "Żadna fraza nie różni się od nagrania trenera bardziej, niż "
    "pomiar potrafi rozróżnić.",
    "reference.rushed": "„{phrase}” było za szybko: {take_s:.1f} s wobec {ref_s:.1f} s",
    "reference.slower": "„{phrase}” trwało dłużej: {take_s:.1f} s wobec {ref_s:.1f} s",
    "reference.pause_short": "po „{phrase}” zostawiasz {take_s:.1f} s, trener robi pauzę "
    "{ref_s:.1f} s",
    "reference.pause_long": "po „{phrase}” pauza trwa {take_s:.1f} s wobec {ref_s:.1f} s",
    "reference.higher": "w „{phrase}” głos jest {take_st:.1f} st nad twoim najniższym "
    "tonem, u trenera {ref_st:.1f} st: obniż go",
    "reference.lower": "w „{phrase}” głos jest {take_st:.1f} st nad twoim najniższym "
    "tonem, u trenera {ref_st:.1f} st",
    "reference.flatter": "„{phrase}” brzmi płasko: twój ton zmienia się o {take_st:.1f} st, "
    "trenera o {ref_st:.1f} st",
    "reference.livelier": "„{phrase}” jest żywsze: twój ton zmienia się o {take_st:.1f} st, "
    "trenera o {ref_st:.1f} st",
    "reference.off_script": "nagranie nie trzyma się skryptu trenera (znaleziono {matched} z "
    "{total} słów): frazy nie są porównywane",
}
