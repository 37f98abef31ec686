"""Closed word classes of English the question syntax is read with.

Only closed classes (auxiliaries, pronouns, determiners, wh-words, subordinators,
prepositions) and a few short lists of irregular verb forms: open-class words are
recognised by their endings or by where they stand.
"""

from __future__ import annotations

__all__ = [
    "AUX", "AUX_HAVE", "CONDITIONAL_AUX", "SUBJECT_PRONOUNS", "DEMONSTRATIVES", "DETERMINERS",
    "INDEFINITES", "NUMBERS", "WH", "WH_EVER", "WH_DETERMINERS", "HOW_DEGREE", "SUBORDINATORS",
    "PREPOSITIONS", "RELATIVIZERS", "MARKERS", "WORD_TAGS", "REPORTING_VERBS",
    "NEGATIVE_ADVERBS", "FIXED_CONNECTIVES", "PARTICIPLES", "PAST_FORMS", "VERBS_S",
    "MATRIX_VERBS", "CALENDAR", "expand",
]

AUX_POSITIVE = frozenset(
    "am is are was were do does did have has had can could will would shall should may might "
    "must".split())
AUX_NEGATIVE = frozenset(
    "isn't aren't wasn't weren't don't doesn't didn't haven't hasn't hadn't can't cannot "
    "couldn't won't wouldn't shan't shouldn't mightn't mustn't ain't".split())
AUX = AUX_POSITIVE | AUX_NEGATIVE
AUX_HAVE = frozenset("have has had haven't hasn't hadn't".split())
# "Had he known, ...", "Were it not for ...", "Should you need ...": inversion as a condition
CONDITIONAL_AUX = frozenset("had were should".split())

SUBJECT_PRONOUNS = frozenset("i you we he she they it one".split())
DEMONSTRATIVES = frozenset("this that these those".split())
DETERMINERS = frozenset(
    "the a an my your our his her their its some any every each no all both either neither "
    "another this that these those".split())
INDEFINITES = frozenset(
    "anyone anything anybody everyone everything everybody someone something somebody nobody "
    "nothing none".split())
NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred thousand".split())
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight yesterday "
    "january february march april june july august september october november december".split())

WH = frozenset("what when where why who whom whose which how".split())
WH_EVER = frozenset("whoever whatever whichever whenever wherever however whomever".split())
WH_DETERMINERS = frozenset("what which whose".split())  # "what date", "which option"
HOW_DEGREE = frozenset("much many long often far soon old big late early else".split())

SUBORDINATORS = frozenset(
    "if when whenever before after since because although though while whilst unless until "
    "till once as whether wherever whatever whoever however whichever provided providing "
    "assuming given even".split())
PREPOSITIONS = frozenset(
    "at in on for from to by with about of under over into onto after before during since "
    "until between through within without against".split())
RELATIVIZERS = frozenset(
    "that which who whom whose where when if whether because to than so".split())

# Words that may open a sentence without changing its form ("So, would ...", "And is ...").
MARKERS = frozenset(
    "so and but or okay ok well now right alright yes yeah no sorry please oh um uh er hi hello "
    "look listen sure great thanks actually also anyway first finally then plus sir madam ma'am "
    "mr mrs ms miss dr".split())
WORD_TAGS = frozenset(
    {("right",), ("correct",), ("okay",), ("ok",), ("yeah",), ("eh",), ("huh",), ("no",),
     ("alright",), ("all", "right"), ("or", "not"), ("yes",)})
REPORTING_VERBS = frozenset(
    "said says asked asks replied replies answered added thought whispered shouted cried told "
    "explained wondered muttered called".split())
NEGATIVE_ADVERBS = frozenset("never rarely seldom hardly scarcely nowhere little".split())
FIXED_CONNECTIVES = frozenset(
    {("what", "is", "more"), ("what", "is", "worse"), ("what", "is", "better"),
     ("what", "is", "more", "important"), ("in", "which", "case"), ("which", "is", "why"),
     ("that", "is", "why"), ("how", "so")})

PARTICIPLES = frozenset(
    "been done gone got gotten seen made paid sent heard told said found spoken taken given "
    "known left brought bought thought kept read put set had come become run written chosen "
    "forgotten met won lost sold spent understood begun broken eaten fallen felt held hit hurt "
    "led lent meant shown sat slept stood stuck thrown woken worn driven hidden stolen proven "
    "drawn grown flown".split())
PAST_FORMS = frozenset(
    "went came said made took gave got paid sent left told knew thought saw did had found "
    "brought bought kept put set ran wrote chose forgot met won lost sold spent understood "
    "began broke ate fell felt held hit led meant showed sat stood threw woke wore drove "
    "became".split())
# -s forms that are verbs after "what"/"which" (other -s words there are plural nouns:
# "what payments are due").
VERBS_S = frozenset(
    "works matters counts helps happens remains means seems makes comes goes gets takes needs "
    "worries bothers concerns suits sounds looks costs pays handles knows says thinks wants "
    "likes stops keeps causes depends applies".split())
# A second finite verb after a wh-clause makes it the subject of a bigger sentence
# ("What would work is ...", "Why he left remains ...").
MATRIX_VERBS = frozenset("remains remained depends depended seems seemed means meant".split())
_CONTRACTED = {"'s": "is", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'m": "am"}
_CONTRACTING = (SUBJECT_PRONOUNS | DEMONSTRATIVES | WH | INDEFINITES
                | frozenset({"there", "here", "let"}))


def expand(token: str) -> tuple[str, ...]:
    """Split a contracted pronoun or wh-word: "what's" -> ("what", "is"); "let's" ->
    ("let", "us"); negative auxiliaries ("isn't") and possessives ("john's") stay whole."""
    for tail, full in _CONTRACTED.items():
        if token.endswith(tail) and token[: -len(tail)] in _CONTRACTING:
            head = token[: -len(tail)]
            return (head, "us") if head == "let" else (head, full)
    return (token,)
