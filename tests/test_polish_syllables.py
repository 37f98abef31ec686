import pytest

from voicecoach.measures.language.polish import polish_syllables


@pytest.mark.parametrize("word, syllables", [
    ("nie", 1), ("się", 1), ("pani", 2), ("Polski", 2), ("dziękuję", 3), ("dzień", 1),
    ("dobry,", 2), ("Kowalski?", 3), ("faktury", 3), ("płatności", 3), ("auto", 2),
    ("Europa", 3), ("idę", 2), ("zapłaty", 3), ("w", 0), ("840", 0),
])
def test_polish_syllables(word, syllables):
    assert polish_syllables(word) == syllables
