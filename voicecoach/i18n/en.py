"""English report text: the reference every other catalog translates, key for key."""

MESSAGES: dict[str, str] = {
    # Guidelines ------------------------------------------------------------------------
    "guideline.pace.rate": "Speak at a calm pace",
    "guideline.pace.first_sentence": "Open calmly: the first sentence matters most",
    "guideline.pace.words_per_minute": "Words per minute",
    "guideline.pauses.per_min": "Pause more often",
    "guideline.pauses.words_between": "Speak in short phrases",
    "guideline.pauses.longest_run": "No long stretches without a pause",
    "guideline.questions.gap": "Wait after your question",
    "guideline.pitch.variation": "Not monotone: let your pitch move",
    "guideline.pitch.statement_endings": "End statements falling, not rising",
    "guideline.pitch.lower": "Use a lower voice",
    "guideline.consonants.articulated": "Pronounce the final consonants",
    "guideline.twoparty.latency": "Count to five before answering",
    "guideline.twoparty.latency_median": "Wait before answering (typical)",
    "guideline.twoparty.overlaps": "Let the customer finish",
    "guideline.twoparty.talk_share": "Listen more than you talk",
    "guideline.twoparty.mirror_rate": "Mirror the customer's pace",
    "guideline.twoparty.mirror_loudness": "Mirror the customer's volume",
    "guideline.names.count": "Use the customer's name, not too much",
    "guideline.names.spacing": "Space out the name",
    # Targets ---------------------------------------------------------------------------
    "target.wpm_band": "{lo:.0f}-{hi:.0f} wpm",
    "target.per_min_at_least": ">= {n:.0f} per min",
    "target.words_band": "{lo:.0f}-{hi:.0f} words",
    "target.longest_run": "<= {words} words and <= {seconds:.0f} s",
    "target.question_gap": ">= {least_s:g} s (ideal {ideal_lo_s:g}-{ideal_hi_s:g} s)",
    "target.variation": ">= {st:.1f} st",
    "target.falling_share": ">= {share:.0%} falling or level",
    "target.baseline": "<= 0 st vs your baseline take",
    "target.articulated_share": ">= {share:.0%} articulated",
    "target.sps_band": "{lo:.1f}-{hi:.1f} syllables/s",
    "target.longest_stretch_s": "<= {seconds:.0f} s",
    "target.latency": ">= {least_s:.1f} s (count slowly to five)",
    "target.overlaps": "<= {n:.0f} times",
    "target.talk_share": "<= {share:.0%} of the talking",
    "target.mirror": "<= {ratio:.1f} x the customer's",
    "target.name_uses": "{lo:.0f}-{hi:.0f} uses",
    "target.name_spacing": ">= {seconds:.0f} s between uses",
    # Tips ------------------------------------------------------------------------------
    "tip.keep": "Keep it as it is.",
    "tip.pace.faster": "Pick up the pace a little (about {aim_wpm:.0f} words per minute); keep "
    "the pauses, don't drag the words.",
    "tip.pace.slower": "Slow down: aim for about {aim_wpm:.0f} words per minute and let each "
    "full stop land.",
    "tip.pace.first_even": "Say your greeting and name at an even, unhurried pace.",
    "tip.pace.first_slow": "Say your greeting and name slowly; it sets the tone of the call.",
    "tip.pace.faster_syllables": "Pick up the pace a little; keep the pauses, don't stretch the "
    "syllables.",
    "tip.pace.slower_syllables": "Slow down: say each syllable fully and let each full stop "
    "land.",
    "tip.pauses.breathe": "Pause for a breath after every phrase: after your name, the company, "
    "the amount.",
    "tip.pauses.phrases": "Break long sentences into phrases of 5 to 12 words with a short pause "
    "between.",
    "tip.pauses.break_run": "Put a pause into the stretch at {start_s:.1f}-{end_s:.1f} s.",
    "tip.questions.count_five": "After the question, stop and count slowly to five before "
    "saying anything.",
    "tip.questions.prompt": "A shorter wait is fine: after about five seconds, gently prompt.",
    "tip.questions.longer": "Wait a little longer: 4-5 seconds lets the customer fill the "
    "silence.",
    "tip.pitch.stress": "Stress the key words (your name, the amount, the date) with a clear "
    "pitch step.",
    "tip.pitch.drop": "Let your voice drop at the end of statements; a rise sounds unsure.",
    "tip.pitch.lower": "Relax your throat and speak from your chest, at your baseline's pitch.",
    "tip.consonants.words": "Finish each word: land the last sound of {words}.",
    "tip.consonants.every": "Finish each word: land the last sound of every word.",
    "tip.twoparty.count_five": "When the customer stops, count slowly to five before you "
    "answer: the silence makes them fill it.",
    "tip.twoparty.habit": "Make the slow count to five a habit after every customer turn.",
    "tip.twoparty.wait_finish": "Wait until the customer has finished; then count to five.",
    "tip.twoparty.open_question": "Ask an open question, then let the customer talk.",
    "tip.twoparty.slow_to_customer": "Slow down to the customer's pace when you answer.",
    "tip.twoparty.volume_down": "Bring your volume down to the customer's.",
    "tip.names.early": "Use {name}'s name early, once when you greet them and once at the ask.",
    "tip.names.less": "Use the name less: two or three times is enough.",
    "tip.names.spacing": "Leave at least 15 seconds between two uses of the name.",
    # Details ---------------------------------------------------------------------------
    "detail.pace.words_in": "{n_words} {n_words:plural:word|words} in {speaking_s:.1f} s",
    "detail.pace.words_in_waits": "{n_words} {n_words:plural:word|words} in {speaking_s:.1f} s "
    "(waits after questions, {waiting_s:.1f} s, left out)",
    "detail.pace.words_in_turns": "{n_words} {n_words:plural:word|words} in {turns_s:.1f} s of "
    "your own turns",
    "detail.pace.words_in_turns_waits": "{n_words} {n_words:plural:word|words} in {turns_s:.1f} "
    "s of your own turns (waits after questions, {waiting_s:.1f} s, left out)",
    "detail.pace.rushed": "rushed",
    "detail.pace.dragging": "dragging",
    "detail.pace.articulation": "articulation {sps:.1f} syllables/s",
    "detail.pace.syllables": "{n_syllables} {n_syllables:plural:syllable|syllables} ({counted}) "
    "in {phonation_s:.1f} s of speech, pauses left out; {rate_sps:.1f} syllables/s with the "
    "pauses",
    "detail.syllables.signal": "counted in the signal",
    "detail.syllables.spelling": "from the spelling",
    "detail.pauses.summary": "{count} {count:plural:pause|pauses}, mean {mean_s:.2f} s, longest "
    "{longest_s:.2f} s",
    "detail.pauses.longest_run": "longest run {n_words} {n_words:plural:word|words} in "
    "{seconds:.1f} s",
    "detail.pauses.longest_stretch": "longest stretch without a pause {seconds:.1f} s",
    "detail.question": "\"{question}\"",
    "detail.question_note": "\"{question}\"; {note}",
    "detail.questions.answered": "\"{question}\"; the customer answered after {gap_s:.1f} s",
    "note.own_turns": "pace and pauses are measured within your own turns ({turns_s:.0f} s of "
    "the {span_s:.0f} s from your first word to your last); the customer's turns and your "
    "waits before answering are not pauses",
    "note.rushed_in": "rushed in",
    "note.dead_air": "may read as dead air",
    "note.silent_to_end": "silent until the recording ended",
    "detail.pitch.summary": "median {f0_hz:.0f} Hz, {above_st:.1f} st above your floor, range "
    "{range_st:.1f} st",
    "detail.pitch.rising": "{rising} of {statements} statements end rising",
    "detail.pitch.baseline": "median {f0_hz:.0f} Hz vs baseline {baseline_hz:.0f} Hz",
    "detail.consonants.word": "\"{word}\" ({start_s:.1f} s)",
    "detail.consonants.clipped": "clipped: {words}",
    "detail.consonants.none": "none clipped",
    "detail.consonants.judged": "{judged} of {total} consonant-final words judged, {unclear} too "
    "unclear to judge",
    "detail.consonants.judged_phone": "{judged} of {total} consonant-final words judged: "
    "through a phone line only m, n and ng endings can be",
    "detail.latency.overlapped": "you started {seconds:.1f} s before the customer finished",
    "detail.latency.answered": "customer stopped at {customer_end_s:.1f} s, you answered at "
    "{agent_start_s:.1f} s",
    "detail.latency.median": "{short} of {answers} answers came sooner than {least_s:.0f} s",
    "detail.overlaps.some": "you talked over the customer {n} time(s): {times}",
    "detail.overlaps.none": "you never talked over the customer",
    "detail.seconds": "{seconds:.1f} s",
    "detail.talk_share": "you {agent_s:.1f} s, customer {customer_s:.1f} s",
    "detail.talk_share_monologue": "you {agent_s:.1f} s, customer {customer_s:.1f} s; longest "
    "monologue {monologue_s:.1f} s",
    "detail.mirror.rate": "median of {answers} answers; {fast} more than {band:.0%} faster than "
    "the customer",
    "detail.mirror.loudness": "{louder} answers more than {band:.0%} louder; levels as recorded "
    "on each channel (a gain difference between the lines shows here too)",
    "detail.names.use": "\"{said}\" {start_s:.1f} s",
    "detail.names.not_heard": "{name} was not heard",
    "detail.names.pairs": "{pairs} {pairs:plural:pair|pairs} closer than {seconds:.0f} s",
    # Why a finding is not judged ---------------------------------------------------------
    "why.not_enough": "not enough speech to judge ({needs})",
    "need.words": "{have} {have:plural:word|words}, {least} needed",
    "need.words_judged": "{have} {have:plural:word|words} judged, {least} needed",
    "need.syllables": "{have} {have:plural:syllable|syllables}, {least} needed",
    "need.statements": "{have} {have:plural:statement|statements} with a clear ending, {least} "
    "needed",
    "need.speech_s": "{have_s:g} s of speech, {least_s:g} s needed",
    "need.long_s": "{have_s:g} s long, {least_s:g} s needed",
    "need.voiced_s": "{have_s:g} s of voiced speech, {least_s:g} s needed",
    "why.phrases": "not enough speech to judge ({n_words} {n_words:plural:word|words} without a "
    "pause; {least_words} words or {least_runs} phrases needed)",
    "why.one_phrase": "not enough speech to judge (one phrase of {seconds:g} s; {least_runs} "
    "phrases needed)",
    "why.phone_line": "through a phone line only m, n and ng endings can be judged",
    "why.question_at_end": "\"{question}\"; not judged: the recording ended {gap_s:.1f} s after "
    "the question (keep recording 4-5 s after your last question)",
    "why.not_measured": "not measured for {language}",
    "why.not_measured_because": "not measured for {language} ({why})",
    "why.no_words": "no words were recognized",
    "why.pace_in_syllables": "the pace is measured in syllables per second in this language",
    "why.words_not_counted": "its written words are not counted as words",
    "why.phrase_in_words": "a phrase's length is counted in words",
    "why.english_measure": "an English measure until there is evidence for more",
    "why.questions_no_words": "not measured: no words were recognized in {language}, and a "
    "question is found from its words",
    "too_short.words": "Too short to score: {n_words} {n_words:plural:word|words} in "
    "{speech_s:g} s of speech; a score needs at least {least_words} words and {least_s:g} s.",
    "too_short.syllables": "Too short to score: {n_syllables} "
    "{n_syllables:plural:syllable|syllables} in {speech_s:g} s of speech; a score needs at "
    "least {least_syllables} syllables and {least_s:g} s.",
    "too_short.nothing": "Too short to score: nothing in it could be judged.",
    "not_scored.filled": "Not scored: other voices fill the pauses between your words (of "
    "{gaps_s:.1f} s between words, {other_s:.1f} s hold quieter speech and {silent_s:.1f} s is "
    "silent), so your pauses, pace and pitch cannot be told apart from them.",
    "not_scored.room": "Not scored: the room echoes (each word rings on for about {rt60_s:.1f} s), "
    "so the pauses and the silence after your questions cannot be measured.",
    "pitch.unclear_noisy": "pitch unclear: noisy recording ({voiced_s:.1f} s of clear voicing, "
    "{least_s:.1f} s needed)",
    "pitch.unclear_little": "pitch unclear: too little voiced speech ({voiced_s:.1f} s, "
    "{least_s:.1f} s needed)",
    "note.signal_only": "no words were recognized in {language}: pace, pauses and pitch come from "
    "the signal alone, and the measures that need the words are not made",
    "note.signal_only_unsure_words": "the recognizer was unsure of its words in {language} "
    "(median word probability {probability:.2f}, below 0.5): pace, pauses and pitch come from "
    "the signal alone, and the measures that need the words are not made",
    "note.signal_only_few_words": "the recognizer made out words in only {heard_s:.1f} s of "
    "{speech_s:.1f} s of speech in {language}: pace, pauses and pitch come from the signal alone, "
    "and the measures that need the words are not made",
    "why.filled": "other voices fill the pauses between the words",
    "not_scored.noisy": "Not scored: the noise is nearly as loud as your voice (your speech "
    "stands {snr_db:.0f} dB above it, {least_db:.0f} dB are needed), so your pauses, pace and "
    "pitch cannot be measured.",
    "why.noisy": "the noise is nearly as loud as the voice",
    "retake.less_noise": "record in a quieter place, close to the microphone.",
    "why.room": "the room's echo fills the pauses",
    "retake.longer": "record a longer take so it can be scored.",
    "retake.quieter": "record where nobody else is talking, and let your pauses be silent.",
    "retake.closer": "record close to the microphone (a headset is best), in a small or "
    "furnished room.",
    # Language names --------------------------------------------------------------------
    "language.en": "English",
    "language.pl": "Polish",
    "language.ko": "Korean",
    "language.de": "German",
    "language.fr": "French",
    "language.es": "Spanish",
    "language.it": "Italian",
    "language.cs": "Czech",
    "language.uk": "Ukrainian",
    "language.ru": "Russian",
    "language.ja": "Japanese",
    "language.zh": "Chinese",
    "language.und": "an unidentified language",
    # Verdicts and values ---------------------------------------------------------------
    "verdict.on_target": "on target",
    "verdict.close": "close",
    "verdict.needs_work": "needs work",
    "verdict.not_judged": "not judged",
    "verdict.not_measured": "not measured",
    "unit.share": "{value:.0%}",
    "unit.wpm": "{value:.0f} wpm",
    "unit.words": "{value:.0f} {value:plural:word|words}",
    "unit.words_mean": "{value:.1f} words",
    "unit.times": "{value:.0f} {value:plural:time|times}",
    "unit.uses": "{value:.0f} {value:plural:use|uses}",
    "unit.s": "{value:.1f} s",
    "unit.st": "{value:.1f} st",
    "unit.per_min": "{value:.1f} per min",
    "unit.sps": "{value:.1f} syllables/s",
    "unit.x": "{value:.1f} x",
    "unit.st_vs_baseline": "{value:.1f} st vs baseline",
    # The report card -------------------------------------------------------------------
    "card.title": "voicecoach report card: {name} ({duration_s:.1f} s)",
    "card.language": "Language: {language} ({how}; model {model})",
    "card.how.given": "given",
    "card.how.detected": "detected",
    "card.how.detected_p": "detected, probability {p:.2f}",
    "card.how.checked": "checked",
    "card.note": "note: {note}",
    "card.score": "Score: {score}/100",
    "card.target": "target {target}",
    "card.where": "at {spans}",
    "card.where_more": "at {spans} +{more} more",
    "card.at": "{start_s:.1f}s",
    "card.span": "{start_s:.1f}-{end_s:.1f}s",
    "card.consonants_off": "Final consonants: not analyzed (the score leaves them out)",
    "card.next": "Next take:",
    "card.next_longer": "Next take: record a longer take so it can be scored.",
    "card.next_keep": "Next take: keep doing what you did.",
    "card.transcript": "Transcript: {text}",
    "call.summary": "Two-party: you on the {channel} channel ({chosen_by}); {turns} customer "
    "turns, {answered} answered",
    "call.summary_median": "Two-party: you on the {channel} channel ({chosen_by}); {turns} "
    "customer turns, {answered} answered, median wait {median_s:.1f} s",
    "call.channel.left": "left",
    "call.channel.right": "right",
    "call.overlaps": "{overlaps} overlaps ({yours} of them you over the customer); backchannels "
    "(a short \"mhm\" or \"yes\", not a turn): customer {theirs}, you {mine}",
    "call.waits": "waits (customer stop: your wait, s): {waits}",
    "call.waits_more": "waits (customer stop: your wait, s): {waits} +{more} more",
    "call.wait": "{end_s:.1f}s:{wait_s:+.1f}",
    "call.customer": "Customer: {text}",
    # The HTML page ---------------------------------------------------------------------
    "page.title": "voicecoach team report",
    "page.summary": "{ok} take(s) analyzed, {failed} failed.",
    "page.col.take": "take",
    "page.col.length": "length",
    "page.col.score": "score",
    "page.col.verdict": "verdict",
    "page.col.guideline": "guideline",
    "page.col.measured": "measured",
    "page.col.target": "target",
    "page.col.detail": "detail",
    "page.length": "{seconds:.0f} s",
    "page.failed": "failed: {reason}",
    "page.take_score": "score {score}/100",
    "page.timeline_alt": "timeline of {name}",
    "page.next": "Next take",
    "page.next_label": "Next take:",
    "page.next_longer": "record a longer take so it can be scored.",
    "page.next_keep": "keep doing what you did.",
    "page.who_needs": "Who needs which coaching",
    "page.all_fine": "Every take is on target or close.",
    "group.pace": "Pace",
    "group.pauses": "Pauses",
    "group.questions": "Wait after questions",
    "group.pitch": "Pitch",
    "group.consonants": "Final consonants",
    "group.twoparty": "Count to five, listening",
    "group.names": "Customer's name",
    # The timeline plot -----------------------------------------------------------------
    "plot.score": "score {score}/100",
    "plot.phrase_axis": "seconds: the phrase, then the pause after it (lighter)",
    "plot.time": "time (s)",
    "plot.level": "level (dBFS)",
    "plot.pause": "pause",
    "plot.gap": "gap {gap_s:.1f} s",
    "plot.level_title": "{wpm:.0f} wpm, {pauses} {pauses:plural:pause|pauses} "
    "({per_min:.1f}/min); question gaps coloured by verdict",
    "plot.level_title_sps": "{sps:.1f} syllables/s, {pauses} {pauses:plural:pause|pauses} "
    "({per_min:.1f}/min); question gaps coloured by verdict",
    "plot.pitch": "pitch (st above floor)",
    "plot.no_voiced": "no voiced speech",
    "plot.pitch_title": "median {f0_hz:.0f} Hz (dashed), variation {variation_st:.1f} st, range "
    "{range_st:.1f} st; statement endings: ▼ falling, ► level, ▲ rising",
    # What was said -------------------------------------------------------------------
    "guideline.content.greeting": "Greet the customer",
    "guideline.content.agent_name": "Say your name",
    "guideline.content.company": "Name your company",
    "guideline.content.right_party": "Check you have the right person",
    "guideline.content.purpose": "Say why you are calling",
    "guideline.content.amount": "State the amount",
    "guideline.content.invoice": "Give the invoice or account number",
    "guideline.content.due_date": "State the due date",
    "guideline.content.open_question": "Ask an open question",
    "guideline.content.customer_name": "Use the customer's name",
    "guideline.content.commitment": "Ask for an amount and a date",
    "guideline.content.polite_close": "Close politely",
    "guideline.content.tone": "Keep a positive tone",
    "target.content.required": "said",
    "target.content.optional": "said, where the take gets there",
    "target.content.tone": "no harsh wording",
    "content.part.amount": "an amount",
    "content.part.date": "a date",
    "content.part.number": "a number",
    "content.part.ordinal": "a day",
    "content.part.name": "a name",
    "tip.content.say": "Add this step: {step}.",
    "tip.content.kinder": "Instead of \"{said}\": {kinder}",
    "detail.content.said": "\"{said}\" at {start_s:.1f} s",
    "detail.content.partial": "\"{said}\" at {start_s:.1f} s, without {missing}",
    "detail.content.harsh_one": "\"{said}\" at {start_s:.1f} s",
    "detail.content.harsh": "harsh wording: {said}",
    "detail.content.kind": "no harsh wording; respectful: {said}",
    "detail.content.no_harsh": "no blaming, threatening or condescending wording",
    "why.content.optional": "not in this take (optional)",
    "why.content.name_unknown": "give the customer's name (--customer-name) to check it",
    "unit.step.said": "said",
    "unit.step.partly": "in part",
    "unit.step.missing": "not said",
    "unit.phrases": "{value:.0f} harsh {value:plural:phrase|phrases}",
    "group.content": "What you said",
    "card.content": "What you said: the opening's steps and tone",
    "tip.content.greeting": "Open with a greeting: \"Good morning, ...\"",
    "tip.content.agent_name": "Say who you are: \"This is Dana Reed ...\"",
    "tip.content.company": "Name your company: \"... calling from Harbor Supply.\"",
    "tip.content.right_party": "Check you have the right person: \"Am I speaking with Jordan "
    "Blake?\"",
    "tip.content.purpose": "Say why you are calling: \"I am calling about invoice 4729.\"",
    "tip.content.amount": "State the amount: \"The balance due is $840.\"",
    "tip.content.invoice": "Give the reference: \"invoice number 4729\".",
    "tip.content.due_date": "Say the due date: \"It was due on March 1st.\"",
    "tip.content.open_question": "Ask an open question, then wait: \"How would you like to "
    "settle the balance?\"",
    "tip.content.customer_name": "Use the customer's name: \"Mr. Blake, ...\"",
    "tip.content.commitment": "Ask for a commitment with an amount and a date: \"Can you pay "
    "the $840 by Friday the 14th?\"",
    "tip.content.polite_close": "Close politely: \"Thank you for your time, Mr. Blake.\"",
    "detail.content.quote": "\"{said}\"",
    "content.part.pair": "{first} or {second}",
    "why.content.not_heard": "not heard; the recognizer can miss words, so it is not "
    "marked missing. If you left it out: {tip}",
    "why.content.unsure": "the recognizer was unsure of the words (median confidence {p:.2f}, "
    "{least_p:.2f} needed): a step misheard is not a step left out",
    "why.content.phone": "over a phone line the recognizer misses many "
    "words: a step not heard is not judged missing",
    # Comparing takes ---------------------------------------------------------------
    "compare.title": "voicecoach comparison: {n} takes",
    "compare.title_reference": "voicecoach: {name} against the trainer's take",
    "compare.take": "take {n}",
    "compare.score": "score",
    "compare.toward": "toward the target",
    "compare.away": "away from the target",
    "compare.same": "about the same",
    "compare.kept": "kept on target",
    "compare.since_first": "since take 1: {direction}",
    "compare.flipped": "What changed verdict",
    "compare.no_flips": "no verdict changed",
    "compare.next": "Work on next: {tip}",
    "compare.all_on_target": "Every judged measure is on target: keep it.",
    "compare.reference": "Against the trainer's take ({name}): {matched} of {total} words of "
    "the script found",
    "compare.phrase": "phrase",
    "compare.trainer": "trainer",
    "compare.you": "you",
    "compare.pitch_level": "pitch above own floor",
    "compare.pitch_movement": "pitch movement",
    "compare.pause_after": "pause after",
    "compare.no_differences": "No phrase differs from the trainer's by more than the "
    "measures can tell apart.",
    "reference.rushed": "you rushed \"{phrase}\": {take_s:.1f} s against {ref_s:.1f} s",
    "reference.slower": "you took longer over \"{phrase}\": {take_s:.1f} s against "
    "{ref_s:.1f} s",
    "reference.pause_short": "you left {take_s:.1f} s after \"{phrase}\" where the trainer "
    "paused {ref_s:.1f} s",
    "reference.pause_long": "you paused {take_s:.1f} s after \"{phrase}\" against "
    "{ref_s:.1f} s",
    "reference.higher": "your pitch on \"{phrase}\" sat {take_st:.1f} st above your floor, "
    "the trainer's {ref_st:.1f} st above theirs: lower it",
    "reference.lower": "your pitch on \"{phrase}\" sat {take_st:.1f} st above your floor, "
    "the trainer's {ref_st:.1f} st above theirs",
    "reference.flatter": "\"{phrase}\" was flatter: your pitch moved {take_st:.1f} st, the "
    "trainer's {ref_st:.1f} st",
    "reference.livelier": "\"{phrase}\" moved more: your pitch moved {take_st:.1f} st, the "
    "trainer's {ref_st:.1f} st",
    "reference.off_script": "the take does not follow the reference's script ({matched} of "
    "{total} words found): no phrase is compared",
}
