"""The IPIP Big Five 50-item questionnaire (International Personality Item Pool, public domain).

The English items and their key are the IPIP's own (data/ipip50.json); the bokmål and nynorsk wording
is our own translation (data/ipip50_nb.json, data/ipip50_nn.json), in the same order. Scoring as
published: a "+" keyed item scores the answer, a "−" keyed item 6 − answer; a factor is the sum of its
ten item scores (10–50), and the mean (1–5) is that sum over ten.

The result is for the leader's own development, never for selection: the bands below only put the
score into words.
"""

import json
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data"

FACTORS = ["extraversion", "agreeableness", "conscientiousness", "emotional_stability", "intellect_imagination"]

FACTOR_LABELS = {
    "extraversion": _("Extraversion"),
    "agreeableness": _("Agreeableness"),
    "conscientiousness": _("Conscientiousness"),
    "emotional_stability": _("Emotional stability"),
    "intellect_imagination": _("Intellect and imagination"),
}

SCALE = [
    (1, _("Very inaccurate")),
    (2, _("Moderately inaccurate")),
    (3, _("Neither accurate nor inaccurate")),
    (4, _("Moderately accurate")),
    (5, _("Very accurate")),
]

# Plain-language descriptions per factor and band (low: mean below 2.5, high: above 3.5).
DESCRIPTIONS = {
    "extraversion": {
        "low": _(
            "You probably draw energy from calm and from few people at a time, and think before you speak. "
            "Staff may find you a good listener; take care that your views are heard in large groups."
        ),
        "middle": _(
            "You move between speaking up and holding back, depending on the situation. You can meet both "
            "those who need you to take the floor and those who need space."
        ),
        "high": _(
            "You probably gain energy from people and like to take the floor. Use it to create engagement; "
            "take care to leave room for those who need time before they speak."
        ),
    },
    "agreeableness": {
        "low": _(
            "You probably say what you mean and can stand in disagreement. That helps in hard decisions; "
            "take care that people also feel seen when you are direct."
        ),
        "middle": _(
            "You balance care for others with firmness. You can be warm without avoiding the difficult conversation."
        ),
        "high": _(
            "You probably care a great deal about others and make people feel at ease. Take care that "
            "consideration for others does not stop you from setting limits or taking the difficult conversation."
        ),
    },
    "conscientiousness": {
        "low": _(
            "You probably prefer flexibility to fixed plans and can improvise when things change. Systems "
            "and reminders can help you follow up on what you have promised."
        ),
        "middle": _("You plan when it matters and can let go of details when something else is more important."),
        "high": _(
            "You are probably structured, thorough and keep what you promise. Take care that high standards "
            "do not make it hard to delegate or to accept good enough."
        ),
    },
    "emotional_stability": {
        "low": _(
            "You probably feel stress and worry strongly. That can make you attentive to risk and to how "
            "others feel; good routines for recovery and someone to talk to are worth a lot."
        ),
        "middle": _(
            "You usually keep your balance, but feel pressure when much comes at once. Notice what helps you recover."
        ),
        "high": _(
            "You probably keep calm under pressure and recover quickly. Others may lean on your calm; take "
            "care that you still notice when staff are having a hard time."
        ),
    },
    "intellect_imagination": {
        "low": _(
            "You probably prefer the concrete and the proven to abstract ideas. That grounds the work; "
            "invite others' ideas when something new is needed."
        ),
        "middle": _("You like new ideas when they are useful, and combine curiosity with common sense."),
        "high": _(
            "You probably enjoy ideas, reflection and new ways of seeing things. Take care to turn ideas "
            "into concrete steps that others can follow."
        ),
    },
}


@cache
def _english():
    return json.loads((DATA / "ipip50.json").read_text(encoding="utf-8"))


# Our own translations, one file per language (data/ipip50_<code>.json); English is the IPIP's own text.
TRANSLATIONS = ("nb", "nn")


@cache
def _translation(code):
    return json.loads((DATA / f"ipip50_{code}.json").read_text(encoding="utf-8"))


def _item_language():
    """The active language when we have the items in it; otherwise bokmål, the product's default."""
    code = (get_language() or "nb").split("-")[0].lower()
    return code if code in (*TRANSLATIONS, "en") else "nb"


def items():
    """The 50 items: index (0–49, in the key's order), factor, key and the text in the active language."""
    language = _item_language()
    english = _english()["items"]
    if language == "en":
        texts = [en["text"] for en in english]
    else:
        texts = [item[language] for item in _translation(language)["items"]]
    return [
        {"index": i, "factor": en["factor"], "key": en["key"], "text": text}
        for i, (en, text) in enumerate(zip(english, texts, strict=True))
    ]


def administration_order():
    """Items in the order a person answers them: the five factors in turn, as the IPIP presents them,
    so that no ten items about the same thing come one after another."""
    by_factor = {factor: [item for item in items() if item["factor"] == factor] for factor in FACTORS}
    return [by_factor[factor][k] for k in range(10) for factor in FACTORS]


def validate_answers(answers):
    """`answers` is a list of 50 integers 1–5 in the key's order."""
    if len(answers) != 50 or any(not isinstance(a, int) or isinstance(a, bool) or not 1 <= a <= 5 for a in answers):
        raise ValidationError(_("Answer all 50 statements with a number from 1 to 5."))


def score(answers):
    """{factor: {"sum": 10–50, "mean": 1.0–5.0}} for the 50 answers in the key's order."""
    validate_answers(answers)
    sums = dict.fromkeys(FACTORS, 0)
    for item, answer in zip(items(), answers, strict=True):
        sums[item["factor"]] += answer if item["key"] == "+" else 6 - answer
    return {factor: {"sum": total, "mean": round(total / 10, 1)} for factor, total in sums.items()}


def band(mean):
    if mean < 2.5:
        return "low"
    if mean > 3.5:
        return "high"
    return "middle"


BAND_LABELS = {"low": _("Low"), "middle": _("Middle"), "high": _("High")}


def interpret(scores):
    """Rows for the result page: label, sum, mean, band and the plain-language description."""
    rows = []
    for factor in FACTORS:
        mean = scores[factor]["mean"]
        rows.append(
            {
                "factor": factor,
                "label": FACTOR_LABELS[factor],
                "sum": scores[factor]["sum"],
                "mean": mean,
                "percent": round((scores[factor]["sum"] - 10) / 40 * 100),
                "band": band(mean),
                "band_label": BAND_LABELS[band(mean)],
                "description": DESCRIPTIONS[factor][band(mean)],
            }
        )
    return rows
