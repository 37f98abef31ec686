"""Korean syllable counts and the question reading of Korean sentences."""

import pytest

from voicecoach.measures.language.korean import (
    hangul_syllables,
    read_korean,
    sino_korean_syllables,
)
from voicecoach.measures.questions.syntax import DECLARATIVE, POSSIBLE, QUESTION, STATEMENT


@pytest.mark.parametrize("token, syllables", [
    ("안녕하세요", 5), ("감사합니다", 5), ("결제", 2),
    ("840만원", 6),  # 팔백사십 만원
    ("15일입니다.", 6),  # 십오 일입니다
    ("840,000원", 5),  # 팔십사만 원
    ("2024년", 6),  # 이천이십사 년
    ("12345678", 8),  # an account number, digit by digit
    ("KB은행", 5),  # 케이비 은행: an acronym is read letter by letter
    ("Kakao", 2),  # rough: "ao" is one vowel group, though read 카카오
     ("카드를,", 3), ("", 0), ("?", 0), ("840", 4), ("ㅋㅋ", 0), ("ㅠㅠ", 0),
])
def test_hangul_syllables(token, syllables):
    assert hangul_syllables(token) == syllables


@pytest.mark.parametrize("n, syllables", [
    (0, 1), (1, 1), (10, 1), (11, 2), (21, 3), (100, 1), (840, 4), (1000, 1),
    (2024, 5), (10000, 1), (15000, 3), (840000, 4), (8400000, 5), (100000000, 2),
])
def test_sino_korean_syllables(n, syllables):
    """영, 일, 십, 십일, 이십일, 백, 팔백사십, 천, 이천이십사, 만, 만오천, 팔십사만, 팔백사십만,
    일억."""
    assert sino_korean_syllables(n) == syllables


# A trainer's collection-call sentences: (sentence, expected strength, truly a question).
SENTENCES = [
    ("안녕하세요, 국민카드 채권관리팀입니다.", DECLARATIVE, False),
    ("안녕하세요.", POSSIBLE, False),  # the greeting's -세요 is the question's -세요
    ("김민수 고객님 맞으십니까?", QUESTION, True),
    ("지금 통화 괜찮으십니까?", QUESTION, True),
    ("언제 납부가 가능하실까요?", QUESTION, True),
    ("이번 주 금요일까지 납부해 주시기 바랍니다.", DECLARATIVE, False),
    ("결제일은 15일입니다.", DECLARATIVE, False),
    ("왜 연락드렸는지 말씀드리겠습니다.", STATEMENT, False),
    ("시간 괜찮으세요?", POSSIBLE, True),
    ("시간 있으세요?", POSSIBLE, True),
    ("확인해 주시겠어요?", POSSIBLE, True),
    ("금액은 84만 원이에요.", POSSIBLE, False),
    ("본인 확인을 위해 생년월일을 말씀해 주시겠습니까?", QUESTION, True),
    ("현재 연체된 금액은 840만원입니다.", DECLARATIVE, False),
    ("혹시 이번 달 안에 일부라도 납부하실 수 있나요?", QUESTION, True),
    ("어떻게 도와드릴까요?", QUESTION, True),
    ("납부가 어려우신 이유가 무엇인가요?", QUESTION, True),
    ("분할 납부도 가능합니다.", DECLARATIVE, False),
    ("언제든지 연락 주시면 됩니다.", DECLARATIVE, False),
    ("어디서나 결제하실 수 있습니다.", DECLARATIVE, False),
    ("언제 오시는지 알려 주세요.", STATEMENT, False),
    ("다음 주 월요일에 다시 연락드릴게요.", DECLARATIVE, False),
    ("얼마 정도 납부 가능하세요?", POSSIBLE, True),
    ("자동이체로 변경해 드릴까요?", QUESTION, True),
    ("입금 확인되면 문자 드리겠습니다.", DECLARATIVE, False),
    ("지난달 결제 금액은 아직 미납 상태죠?", POSSIBLE, True),
    ("계좌번호 불러 드려도 될까요?", QUESTION, True),
    ("이 번호로 연락드리면 되나요?", QUESTION, True),
    ("KB은행 계좌로 입금하시면 됩니다.", DECLARATIVE, False),
    ("몇 시쯤 통화가 편하세요?", POSSIBLE, True),
    ("혹시 어머니 되십니까?", QUESTION, True),
    ("납부 일정을 다시 잡아 드려야 할지 여쭤보려고 전화드렸습니다.", STATEMENT, False),
    ("통화 가능하신지요?", QUESTION, True),
    ("연체가 계속되면 신용등급에 영향이 있을 수 있습니다.", DECLARATIVE, False),
    ("오늘 중으로 입금 부탁드립니다.", DECLARATIVE, False),
    ("감사합니다, 좋은 하루 보내세요.", POSSIBLE, False),  # a wish in the question's -세요
    ("납부 방법은 어떻게 되세요?", POSSIBLE, True),
    ("그럼 이번 주 안에 가능하시겠네요.", DECLARATIVE, False),
    ("지금 통화가 어려우시면 나중에 다시 걸까요?", QUESTION, True),
    ("혹시 납부하지 못하신 사정이 있으신가요?", QUESTION, True),
    ("카드 사용이 정지된 상태예요.", POSSIBLE, False),
    ("얼마 전에 문자 보내 드렸습니다.", DECLARATIVE, False),  # 얼마 전: a while ago
    ("왜요?", POSSIBLE, True),
    ("어떤 방법이 편하실지 말씀해 주세요.", STATEMENT, False),
    ("그 날짜면 괜찮으시겠어요?", POSSIBLE, True),
]


@pytest.mark.parametrize("sentence, strength, _question", SENTENCES,
                         ids=[s for s, _, _ in SENTENCES])
def test_read_korean_sentences(sentence, strength, _question):
    assert read_korean(sentence.split(" ")).strength == strength


def test_read_korean_evidence_for_questions():
    """QUESTION and POSSIBLE together find every true question; QUESTION alone is never
    said of a statement (the polite -요 statements are the voice's to decide)."""
    found = [read_korean(s.split(" ")).strength in (QUESTION, POSSIBLE) for s, _, _ in SENTENCES]
    truth = [q for _, _, q in SENTENCES]
    hits = sum(f and t for f, t in zip(found, truth))
    assert hits == sum(truth)  # recall 1
    assert hits / sum(found) >= 0.8  # precision
    for s, _, q in SENTENCES:
        if read_korean(s.split(" ")).strength == QUESTION:
            assert q, s


@pytest.mark.parametrize("sentence, strength", [
    ("뭐 하니?", QUESTION), ("이게 뭐냐?", QUESTION), ("같이 할까?", QUESTION),
    ("이게 맞는 건가?", QUESTION),
    ("금요일까지.", DECLARATIVE), ("금요일까지요.", POSSIBLE),  # 까지 is "until"
    ("커피 드실래요?", POSSIBLE), ("시간이 없으니까요.", DECLARATIVE),  # causal -니까
    ("지금 바빠서 그러니까", DECLARATIVE), ("집에 가요.", POSSIBLE),
    ("잠시만 기다려 주십시오.", DECLARATIVE), ("맞죠?", POSSIBLE), ("네?", DECLARATIVE),
    ("누구세요?", POSSIBLE), ("무엇이든 물어보십시오.", DECLARATIVE),
    ("왜냐하면 연체가 길어졌기 때문입니다.", DECLARATIVE),
    ("어떻게 해야 할지 모르겠다.", STATEMENT), ("어머니", DECLARATIVE),
    ("", DECLARATIVE), ("?", DECLARATIVE), ("괜찮으십니까 ?", QUESTION),
])
def test_read_korean_endings(sentence, strength):
    assert read_korean(sentence.split(" ") if sentence else []).strength == strength


def test_read_korean_forms():
    assert read_korean(["됩니까?"]).form == "formal interrogative ending"
    assert read_korean(["할까요?"]).form == "interrogative -(으)ㄹ까요"
    assert read_korean(["시간", "괜찮으세요?"]).form == "polite ending: the voice decides"
    assert read_korean(["결제일은", "15일입니다."]).form == "declarative ending"
    assert read_korean(["언제", "오시는지", "알려", "주세요."]).form == "indirect question"
