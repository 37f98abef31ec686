"""Korean report text (the keys and parameters of en.py).

Register: polite -요/-세요 in tips and whole sentences; findings' details are short noun
phrases, as on a printed evaluation sheet. Words per minute are "분당 N단어", seconds
"초", semitones "반음", ranges with "~".
"""

MESSAGES: dict[str, str] = {
    # Guidelines ------------------------------------------------------------------------
    "guideline.pace.rate": "차분한 속도로 말하세요",
    "guideline.pace.first_sentence": "차분하게 시작하세요: 첫 문장이 가장 중요해요",
    "guideline.pace.words_per_minute": "분당 단어 수",
    "guideline.pauses.per_min": "더 자주 쉬어 가며 말하세요",
    "guideline.pauses.words_between": "짧은 구절로 끊어 말하세요",
    "guideline.pauses.longest_run": "쉬지 않고 길게 이어 말하지 마세요",
    "guideline.questions.gap": "질문한 뒤에는 기다리세요",
    "guideline.pitch.variation": "단조롭지 않게 음높이에 변화를 주세요",
    "guideline.pitch.statement_endings": "평서문은 끝을 올리지 말고 내리세요",
    "guideline.pitch.lower": "더 낮은 목소리로 말하세요",
    "guideline.consonants.articulated": "단어 끝 자음을 분명히 발음하세요",
    "guideline.twoparty.latency": "대답하기 전에 다섯까지 세세요",
    "guideline.twoparty.latency_median": "대답 전 대기 시간 (보통)",
    "guideline.twoparty.overlaps": "고객이 말을 끝내게 하세요",
    "guideline.twoparty.talk_share": "말하기보다 더 많이 들으세요",
    "guideline.twoparty.mirror_rate": "고객의 말 속도에 맞추세요",
    "guideline.twoparty.mirror_loudness": "고객의 목소리 크기에 맞추세요",
    "guideline.names.count": "고객의 이름을 부르되 너무 자주 부르지 마세요",
    "guideline.names.spacing": "이름을 부를 때는 간격을 두세요",
    # Targets ---------------------------------------------------------------------------
    "target.wpm_band": "분당 {lo:.0f}~{hi:.0f}단어",
    "target.per_min_at_least": "분당 {n:.0f}회 이상",
    "target.words_band": "{lo:.0f}~{hi:.0f}단어",
    "target.longest_run": "{words}단어 이하, {seconds:.0f}초 이하",
    "target.question_gap": "{least_s:g}초 이상 (이상적으로는 {ideal_lo_s:g}~{ideal_hi_s:g}초)",
    "target.variation": "{st:.1f}반음 이상",
    "target.falling_share": "{share:.0%} 이상이 내려가거나 평탄하게 끝남",
    "target.baseline": "기준 녹음 대비 0반음 이하",
    "target.articulated_share": "{share:.0%} 이상 발음",
    "target.sps_band": "초당 {lo:.1f}~{hi:.1f}음절",
    "target.longest_stretch_s": "{seconds:.0f}초 이하",
    "target.latency": "{least_s:.1f}초 이상 (천천히 다섯까지 세기)",
    "target.overlaps": "{n:.0f}회 이하",
    "target.talk_share": "전체 발화의 {share:.0%} 이하",
    "target.mirror": "고객의 {ratio:.1f}배 이하",
    "target.name_uses": "{lo:.0f}~{hi:.0f}회",
    "target.name_spacing": "사용 간격 {seconds:.0f}초 이상",
    # Tips ------------------------------------------------------------------------------
    "tip.keep": "지금처럼 하세요.",
    "tip.pace.faster": "조금 더 빠르게 말하세요(분당 약 {aim_wpm:.0f}단어). 쉼은 그대로 두고, "
    "단어를 끌지 마세요.",
    "tip.pace.slower": "속도를 늦추세요. 분당 약 {aim_wpm:.0f}단어를 목표로 하고, 문장이 끝날 "
    "때마다 여유를 두세요.",
    "tip.pace.first_even": "인사와 자기소개는 고르고 여유 있는 속도로 하세요.",
    "tip.pace.first_slow": "인사와 자기소개는 천천히 하세요. 통화 전체의 분위기가 여기서 정해져요.",
    "tip.pace.faster_syllables": "조금 더 빠르게 말하세요. 쉼은 그대로 두고, 음절을 늘이지 "
    "마세요.",
    "tip.pace.slower_syllables": "속도를 늦추세요. 음절 하나하나를 온전히 발음하고, 문장이 끝날 "
    "때마다 여유를 두세요.",
    "tip.pauses.breathe": "구절마다 숨을 한 번 고르세요. 이름, 회사명, 금액을 말한 뒤에요.",
    "tip.pauses.phrases": "긴 문장은 5~12단어씩 끊고, 그 사이에 잠깐 쉬세요.",
    "tip.pauses.break_run": "{start_s:.1f}~{end_s:.1f}초 구간 중간에 한 번 쉬세요.",
    "tip.questions.count_five": "질문한 뒤에는 말을 멈추고, 무슨 말이든 하기 전에 천천히 "
    "다섯까지 세세요.",
    "tip.questions.prompt": "조금 덜 기다려도 괜찮아요. 5초쯤 지나면 부드럽게 대답을 청하세요.",
    "tip.questions.longer": "조금 더 기다리세요. 4~5초를 기다리면 고객이 그 침묵을 채워요.",
    "tip.pitch.stress": "핵심 단어(이름, 금액, 날짜)는 음높이를 분명히 바꿔 강조하세요.",
    "tip.pitch.drop": "평서문 끝에서는 목소리를 내리세요. 끝을 올리면 자신 없게 들려요.",
    "tip.pitch.lower": "목에 힘을 빼고 가슴을 울리는 소리로, 기준 녹음의 음높이에 맞춰 "
    "말하세요.",
    "tip.consonants.words": "단어를 끝까지 발음하세요. {words}의 마지막 소리를 분명히 내세요.",
    "tip.consonants.every": "단어를 끝까지 발음하세요. 모든 단어의 마지막 소리를 분명히 내세요.",
    "tip.twoparty.count_five": "고객이 말을 멈추면 대답하기 전에 천천히 다섯까지 세세요. "
    "침묵이 흐르면 고객이 그 침묵을 채워요.",
    "tip.twoparty.habit": "고객이 말할 때마다 천천히 다섯까지 세는 것을 습관으로 만드세요.",
    "tip.twoparty.wait_finish": "고객이 말을 끝낼 때까지 기다린 다음, 다섯까지 세세요.",
    "tip.twoparty.open_question": "열린 질문을 하고, 고객이 말하게 하세요.",
    "tip.twoparty.slow_to_customer": "대답할 때는 고객의 말 속도에 맞춰 속도를 늦추세요.",
    "tip.twoparty.volume_down": "목소리 크기를 고객에 맞춰 낮추세요.",
    "tip.names.early": "통화 초반에 {name} 님의 이름을 부르세요. 인사할 때 한 번, 납부를 "
    "요청할 때 한 번이면 돼요.",
    "tip.names.less": "이름은 덜 부르세요. 두세 번이면 충분해요.",
    "tip.names.spacing": "이름을 두 번 부를 때는 적어도 15초 간격을 두세요.",
    # Details ---------------------------------------------------------------------------
    "detail.pace.words_in": "{speaking_s:.1f}초 동안 {n_words}단어",
    "detail.pace.words_in_waits": "{speaking_s:.1f}초 동안 {n_words}단어 (질문 뒤 대기 "
    "{waiting_s:.1f}초 제외)",
    "detail.pace.words_in_turns": "본인 발화 {turns_s:.1f}초 동안 {n_words}단어",
    "detail.pace.words_in_turns_waits": "본인 발화 {turns_s:.1f}초 동안 {n_words}단어 (질문 뒤 "
    "대기 {waiting_s:.1f}초 제외)",
    "detail.pace.rushed": "너무 빠름",
    "detail.pace.dragging": "너무 느림",
    "detail.pace.articulation": "조음 속도 초당 {sps:.1f}음절",
    "detail.pace.syllables": "쉼을 뺀 발화 {phonation_s:.1f}초 동안 {n_syllables}음절"
    "({counted}); 쉼을 포함하면 초당 {rate_sps:.1f}음절",
    "detail.syllables.signal": "신호에서 셈",
    "detail.syllables.spelling": "표기에서 셈",
    "detail.pauses.summary": "쉼 {count}회, 평균 {mean_s:.2f}초, 최장 {longest_s:.2f}초",
    "detail.pauses.longest_run": "최장 구간 {seconds:.1f}초 동안 {n_words}단어",
    "detail.pauses.longest_stretch": "쉬지 않고 말한 최장 구간 {seconds:.1f}초",
    "detail.question": "“{question}”",
    "detail.question_note": "“{question}”; {note}",
    "detail.questions.answered": "“{question}”; 고객이 {gap_s:.1f}초 뒤에 대답함",
    "note.own_turns": "속도와 쉼은 본인 발화 안에서만 측정해요 (첫 단어부터 마지막 단어까지 "
    "{span_s:.0f}초 중 {turns_s:.0f}초). 고객의 발화와 대답 전 대기는 쉼으로 치지 않아요",
    "note.rushed_in": "너무 빨리 말을 이어감",
    "note.dead_air": "통화가 끊긴 것처럼 들릴 수 있음",
    "note.silent_to_end": "녹음이 끝날 때까지 침묵",
    "detail.pitch.summary": "중앙값 {f0_hz:.0f} Hz, 본인 최저 음역보다 {above_st:.1f}반음 위, "
    "음역 폭 {range_st:.1f}반음",
    "detail.pitch.rising": "평서문 {statements}개 중 {rising}개가 올라가며 끝남",
    "detail.pitch.baseline": "중앙값 {f0_hz:.0f} Hz, 기준 녹음 {baseline_hz:.0f} Hz",
    "detail.consonants.word": "“{word}”({start_s:.1f}초)",
    "detail.consonants.clipped": "끝소리가 잘린 단어: {words}",
    "detail.consonants.none": "잘린 단어 없음",
    "detail.consonants.judged": "자음으로 끝나는 단어 {total}개 중 {judged}개 판단, {unclear}개는 "
    "불분명해 판단 보류",
    "detail.consonants.judged_phone": "자음으로 끝나는 단어 {total}개 중 {judged}개 판단: "
    "전화선을 거친 음성은 m, n, ng 끝소리만 판단할 수 있음",
    "detail.latency.overlapped": "고객이 말을 마치기 {seconds:.1f}초 전에 말을 시작함",
    "detail.latency.answered": "고객이 {customer_end_s:.1f}초에 말을 멈추고, "
    "{agent_start_s:.1f}초에 대답함",
    "detail.latency.median": "대답 {answers}번 중 {short}번이 {least_s:.0f}초보다 빨랐음",
    "detail.overlaps.some": "고객의 말에 끼어든 횟수 {n}회: {times}",
    "detail.overlaps.none": "고객의 말에 끼어든 적 없음",
    "detail.seconds": "{seconds:.1f}초",
    "detail.talk_share": "본인 {agent_s:.1f}초, 고객 {customer_s:.1f}초",
    "detail.talk_share_monologue": "본인 {agent_s:.1f}초, 고객 {customer_s:.1f}초; 최장 독백 "
    "{monologue_s:.1f}초",
    "detail.mirror.rate": "대답 {answers}번의 중앙값; 고객보다 {band:.0%} 넘게 빠른 대답 "
    "{fast}번",
    "detail.mirror.loudness": "고객보다 {band:.0%} 넘게 큰 대답 {louder}번; 각 채널에 녹음된 "
    "그대로의 음량이라 회선 간 게인 차이도 여기에 나타남",
    "detail.names.use": "“{said}” {start_s:.1f}초",
    "detail.names.not_heard": "{name} 님의 이름이 들리지 않음",
    "detail.names.pairs": "{seconds:.0f}초 안에 연달아 부른 경우 {pairs}쌍",
    # Why a finding is not judged ---------------------------------------------------------
    "why.not_enough": "판단하기에 발화가 부족함 ({needs})",
    "need.words": "{have}단어, {least}단어 필요",
    "need.words_judged": "판단한 단어 {have}개, {least}개 필요",
    "need.syllables": "{have}음절, {least}음절 필요",
    "need.statements": "끝이 분명한 평서문 {have}개, {least}개 필요",
    "need.speech_s": "발화 {have_s:g}초, {least_s:g}초 필요",
    "need.long_s": "길이 {have_s:g}초, {least_s:g}초 필요",
    "need.voiced_s": "유성음 발화 {have_s:g}초, {least_s:g}초 필요",
    "why.phrases": "판단하기에 발화가 부족함 (쉼 없이 {n_words}단어; {least_words}단어 또는 "
    "{least_runs}개 구절 필요)",
    "why.one_phrase": "판단하기에 발화가 부족함 ({seconds:g}초짜리 구절 하나; {least_runs}개 "
    "구절 필요)",
    "why.phone_line": "전화선을 거친 음성은 m, n, ng 끝소리만 판단할 수 있음",
    "why.question_at_end": "“{question}”; 판단 보류: 질문 후 {gap_s:.1f}초 만에 녹음이 끝남 "
    "(마지막 질문 뒤에도 4~5초 더 녹음하세요)",
    "why.not_measured": "{language}에서는 측정하지 않음",
    "why.not_measured_because": "{language}에서는 측정하지 않음 ({why})",
    "why.no_words": "인식된 단어가 없음",
    "why.pace_in_syllables": "이 언어에서는 속도를 초당 음절 수로 재요",
    "why.words_not_counted": "표기된 어절을 단어 수로 세지 않음",
    "why.phrase_in_words": "구절의 길이는 단어 수로 셈",
    "why.english_measure": "다른 언어에 대한 근거가 생기기 전까지는 영어 전용 측정",
    "why.questions_no_words": "측정하지 않음: {language}에서 인식된 단어가 없고, 질문은 "
    "단어로 찾음",
    "too_short.words": "채점하기에 너무 짧아요: 발화 {speech_s:g}초 동안 {n_words}단어예요. "
    "채점하려면 최소 {least_words}단어, {least_s:g}초가 필요해요.",
    "too_short.syllables": "채점하기에 너무 짧아요: 발화 {speech_s:g}초 동안 {n_syllables}음절"
    "이에요. 채점하려면 최소 {least_syllables}음절, {least_s:g}초가 필요해요.",
    "too_short.nothing": "채점하기에 너무 짧아요: 판단할 수 있는 항목이 없어요.",
    "not_scored.filled": "채점하지 않았어요: 말 사이의 쉼에 다른 사람의 목소리가 들려요(단어 사이 "
    "{gaps_s:.1f}초 중 {other_s:.1f}초는 더 작은 말소리, {silent_s:.1f}초는 조용해요). 그래서 쉼, "
    "속도, 음높이를 그 소리와 구분할 수 없어요.",
    "not_scored.room": "채점하지 않았어요: 방에 울림이 있어요(단어마다 약 {rt60_s:.1f}초 동안 "
    "소리가 남아요). 그래서 쉼과 질문 뒤의 침묵을 잴 수 없어요.",
    "pitch.unclear_noisy": "음높이 불분명: 잡음이 많은 녹음(분명한 유성음 "
    "{voiced_s:.1f}초, {least_s:.1f}초 필요)",
    "pitch.unclear_little": "음높이 불분명: 유성음이 너무 적음({voiced_s:.1f}초, "
    "{least_s:.1f}초 필요)",
    "note.signal_only": "인식된 단어가 없어요({language}). 속도, 쉼, 음높이는 "
    "신호만으로 쟀고, 단어가 필요한 측정은 하지 않았어요",
    "note.signal_only_few_words": "음성 인식이 발화 {speech_s:.1f}초 중 "
    "{heard_s:.1f}초에서만 단어를 알아들었어요({language}). 속도, 쉼, 음높이는 "
    "신호만으로 쟀고, 단어가 필요한 측정은 하지 않았어요",
    "why.filled": "단어 사이의 쉼에 다른 목소리가 들려요",
    "not_scored.noisy": "채점하지 않았어요: 잡음이 목소리만큼 커요(말소리가 잡음보다 "
    "{snr_db:.0f}dB 높아요. {least_db:.0f}dB 이상 필요해요). "
    "그래서 쉼, 속도, 음높이를 잴 수 없어요.",
    "why.noisy": "잡음이 목소리만큼 커요",
    "retake.less_noise": "더 조용한 곳에서 마이크 가까이 대고 녹음하세요.",
    "why.room": "방의 울림이 쉼을 채워요",
    "retake.longer": "채점할 수 있도록 더 길게 녹음하세요.",
    "retake.quieter": "다른 사람이 말하지 않는 곳에서 녹음하고, 쉼은 조용하게 두세요.",
    "retake.closer": "마이크 가까이에서(헤드셋이 가장 좋아요) 작거나 가구가 있는 방에서 "
    "녹음하세요.",
    # Language names --------------------------------------------------------------------
    "language.en": "영어",
    "language.pl": "폴란드어",
    "language.ko": "한국어",
    "language.de": "독일어",
    "language.fr": "프랑스어",
    "language.es": "스페인어",
    "language.it": "이탈리아어",
    "language.cs": "체코어",
    "language.uk": "우크라이나어",
    "language.ru": "러시아어",
    "language.ja": "일본어",
    "language.zh": "중국어",
    "language.und": "식별되지 않은 언어",
    # Verdicts and values ---------------------------------------------------------------
    "verdict.on_target": "목표 달성",
    "verdict.close": "근접",
    "verdict.needs_work": "개선 필요",
    "verdict.not_judged": "판단 보류",
    "verdict.not_measured": "측정 안 함",
    "unit.share": "{value:.0%}",
    "unit.wpm": "분당 {value:.0f}단어",
    "unit.words": "{value:.0f}단어",
    "unit.words_mean": "{value:.1f}단어",
    "unit.times": "{value:.0f}회",
    "unit.uses": "{value:.0f}회",
    "unit.s": "{value:.1f}초",
    "unit.st": "{value:.1f}반음",
    "unit.per_min": "분당 {value:.1f}회",
    "unit.sps": "초당 {value:.1f}음절",
    "unit.x": "{value:.1f}배",
    "unit.st_vs_baseline": "기준 대비 {value:.1f}반음",
    # The report card -------------------------------------------------------------------
    "card.title": "voicecoach 평가표: {name} ({duration_s:.1f}초)",
    "card.language": "언어: {language} ({how}; 모델 {model})",
    "card.how.given": "지정됨",
    "card.how.detected": "감지됨",
    "card.how.detected_p": "감지됨, 확률 {p:.2f}",
    "card.how.checked": "확인됨",
    "card.note": "참고: {note}",
    "card.score": "점수: {score}/100",
    "card.target": "목표 {target}",
    "card.where": "위치 {spans}",
    "card.where_more": "위치 {spans} 외 {more}곳",
    "card.at": "{start_s:.1f}초",
    "card.span": "{start_s:.1f}~{end_s:.1f}초",
    "card.consonants_off": "끝 자음: 분석하지 않음 (점수에서 제외)",
    "card.next": "다음 녹음에서는:",
    "card.next_longer": "다음 녹음: 채점할 수 있도록 더 길게 녹음하세요.",
    "card.next_keep": "다음 녹음: 지금처럼 하세요.",
    "card.transcript": "녹취록: {text}",
    "call.summary": "양자 통화: 본인은 {channel} 채널 ({chosen_by}); 고객 발화 {turns}회, 대답 "
    "{answered}회",
    "call.summary_median": "양자 통화: 본인은 {channel} 채널 ({chosen_by}); 고객 발화 "
    "{turns}회, 대답 {answered}회, 대답 전 대기 중앙값 {median_s:.1f}초",
    "call.channel.left": "왼쪽",
    "call.channel.right": "오른쪽",
    "call.overlaps": "겹침 {overlaps}회 (그중 본인이 고객의 말에 겹친 것 {yours}회); 맞장구"
    "(짧은 “음”, “네”, 발화 차례로 치지 않음): 고객 {theirs}회, 본인 {mine}회",
    "call.waits": "대기 (고객이 멈춘 시점: 본인의 대기, 초): {waits}",
    "call.waits_more": "대기 (고객이 멈춘 시점: 본인의 대기, 초): {waits} 외 {more}건",
    "call.wait": "{end_s:.1f}초:{wait_s:+.1f}",
    "call.customer": "고객: {text}",
    # The HTML page ---------------------------------------------------------------------
    "page.title": "voicecoach 팀 보고서",
    "page.summary": "분석한 녹음 {ok}개, 실패 {failed}개.",
    "page.col.take": "녹음",
    "page.col.length": "길이",
    "page.col.score": "점수",
    "page.col.verdict": "판정",
    "page.col.guideline": "지침",
    "page.col.measured": "측정값",
    "page.col.target": "목표",
    "page.col.detail": "세부 내용",
    "page.length": "{seconds:.0f}초",
    "page.failed": "실패: {reason}",
    "page.take_score": "점수 {score}/100",
    "page.timeline_alt": "{name} 타임라인",
    "page.next": "다음 녹음에서는",
    "page.next_label": "다음 녹음:",
    "page.next_longer": "채점할 수 있도록 더 길게 녹음하세요.",
    "page.next_keep": "지금처럼 하세요.",
    "page.who_needs": "누구에게 어떤 코칭이 필요한가요",
    "page.all_fine": "모든 녹음이 목표를 달성했거나 목표에 근접했어요.",
    "group.pace": "속도",
    "group.pauses": "쉼",
    "group.questions": "질문 뒤 기다리기",
    "group.pitch": "음높이",
    "group.consonants": "끝 자음",
    "group.twoparty": "다섯까지 세기, 경청",
    "group.names": "고객 이름",
    # The timeline plot -----------------------------------------------------------------
    "plot.score": "점수 {score}/100",
    "plot.time": "시간 (초)",
    "plot.level": "음량 (dBFS)",
    "plot.pause": "쉼",
    "plot.gap": "침묵 {gap_s:.1f}초",
    "plot.level_title": "분당 {wpm:.0f}단어, 쉼 {pauses}회 (분당 {per_min:.1f}회); 질문 뒤 "
    "침묵은 판정별 색으로 표시",
    "plot.level_title_sps": "초당 {sps:.1f}음절, 쉼 {pauses}회 (분당 {per_min:.1f}회); "
    "질문 뒤 침묵은 판정별 색으로 표시",
    "plot.pitch": "음높이 (최저음 대비 반음)",
    "plot.no_voiced": "유성음 없음",
    "plot.pitch_title": "중앙값 {f0_hz:.0f} Hz (점선), 변동 {variation_st:.1f}반음, 음역 폭 "
    "{range_st:.1f}반음; 평서문 끝: ▼ 내림, ► 평탄, ▲ 올림",
}
