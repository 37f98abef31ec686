"""Polish from the transcript: syllables from the spelling (numbers as spoken) and the
question reading of a sentence's words. Expected values written by hand."""

import pytest

from voicecoach.measures.language.polish import (
    polish_number_words,
    polish_syllables,
    read_polish,
)
from voicecoach.measures.questions.syntax import DECLARATIVE, POSSIBLE, QUESTION, STATEMENT


@pytest.mark.parametrize("word, syllables", [
    ("nie", 1), ("się", 1), ("pani", 2), ("Polski", 2), ("dziękuję", 3), ("dzień", 1),
    ("dobry,", 2), ("Kowalski?", 3), ("faktury", 3), ("płatności", 3), ("auto", 2),
    ("Europa", 3), ("idę", 2), ("zapłaty", 3), ("w", 0), ("?", 0),
    ("840", 6),  # o-siem-set czter-dzie-ści
    ("15", 3),  # pięt-na-ście
    ("2024", 9),  # dwa ty-sią-ce dwa-dzie-ścia czte-ry
    ("zł", 2), ("840,50", 9),  # o-siem-set czter-dzie-ści, pięć-dzie-siąt
    ("12 500", 8),  # dwa-na-ście ty-się-cy pięć-set
    ("4729", 7),  # an invoice number: czte-ry sie-dem dwa dzie-więć
    ("123456", 8),  # an account number, digit by digit: je-den dwa trzy czte-ry ...
])
def test_polish_syllables(word, syllables):
    assert polish_syllables(word) == syllables


@pytest.mark.parametrize("digits, words", [
    ("1", ["jeden"]), ("10", ["dziesięć"]), ("21", ["dwadzieścia", "jeden"]),
    ("100", ["sto"]), ("1000", ["tysiąc"]), ("3000", ["trzy", "tysiące"]),
    ("5000", ["pięć", "tysięcy"]), ("12000", ["dwanaście", "tysięcy"]),
    ("22000", ["dwadzieścia", "dwa", "tysiące"]), ("840", ["osiemset", "czterdzieści"]),
    ("0", ["zero"]), ("07", ["zero", "siedem"]),
])
def test_polish_number_words(digits, words):
    assert polish_number_words(digits) == words


SENTENCES = [
    # (sentence as transcribed, expected strength)
    ("Czy rozmawiam z panem Janem Kowalskim?", QUESTION),
    ("Czy to dobry moment na rozmowę?", QUESTION),
    ("A czy otrzymał pan nasze pismo?", QUESTION),
    ("Kiedy może pan uregulować płatność?", QUESTION),
    ("Na kiedy możemy się umówić?", QUESTION),
    ("O której godzinie mogę oddzwonić?", QUESTION),
    ("Jaka kwota byłaby dla pana możliwa?", QUESTION),
    ("Co stoi na przeszkodzie?", QUESTION),
    ("Dlaczego faktura nie została opłacona?", QUESTION),
    ("Ile może pan dziś wpłacić?", QUESTION),
    ("Otrzymał pan nasz list, prawda?", POSSIBLE),
    ("Zapłaci pan do piątku, tak?", POSSIBLE),
    ("Termin minął wczoraj, zgadza się?", POSSIBLE),
    ("Kiedy pan zapłaci, wyślemy potwierdzenie.", STATEMENT),
    ("Jak wspomniałem, termin płatności minął.", STATEMENT),
    ("Gdy tylko środki wpłyną, zamkniemy sprawę.", DECLARATIVE),
    ("Chciałem zapytać, czy otrzymał pan fakturę.", DECLARATIVE),
    ("Proszę powiedzieć, kiedy będzie pan mógł zapłacić.", DECLARATIVE),
    ("Dzień dobry, nazywam się Anna Nowak.", DECLARATIVE),
    ("Dzwonię z firmy Finanse Polska.", DECLARATIVE),
    ("Kwota do zapłaty to 840 zł.", DECLARATIVE),
    ("Termin płatności minął 15 maja.", DECLARATIVE),
    ("Dziękuję za rozmowę.", DECLARATIVE),
]


@pytest.mark.parametrize("sentence, strength", SENTENCES)
def test_read_polish(sentence, strength):
    assert read_polish(sentence.split()).strength == strength


def test_a_statement_to_the_listener_is_second_person():
    """"Otrzymał pan nasz list?" is a question by the voice alone: the listener as subject
    lets a final rise count."""
    reading = read_polish("Otrzymał pan nasz list?".split())
    assert reading.strength == DECLARATIVE and reading.second_person
    assert not read_polish("Termin minął wczoraj.".split()).second_person
