"""Turns that only thank or acknowledge ("Dank je wel!", "Top, helder.", "Oké."): they ask nothing, so
there is nothing to search or to cite; before a question they are read past.

Usage::

    is_pleasantry("Top, bedankt!")                               # True
    reply_to_pleasantry("Thanks!")                               # "You're welcome. …"
    without_pleasantries("Dank je! En wie leidt het?")           # "En wie leidt het?"
"""

from __future__ import annotations

from functools import lru_cache

from assistant.lexical import analyse
from assistant.phrasing import DUTCH, ENGLISH
from assistant.references import INTERJECTIONS, frame_terms
from assistant.sentences import last_mark, split_sentences

# Thanks and acknowledgements: a sentence of these alone ("Dank je wel!", "Top, helder.") answers the
# assistant's last turn and asks nothing; the question is what comes after it.
_ACKNOWLEDGEMENTS_NL = (
    "dank bedankt wel top super prima fijn mooi helder duidelijk interessant handig ok oké oke okay"
)
_ACKNOWLEDGEMENTS_EN = "thanks thank great nice cool perfect clear"


@lru_cache(maxsize=1)
def _thanks_terms() -> frozenset[str]:
    return frozenset(analyse(f"{_ACKNOWLEDGEMENTS_NL} {_ACKNOWLEDGEMENTS_EN}"))


def is_pleasantry(text: str) -> bool:
    """Does ``text`` only thank or acknowledge ("Dank je wel!", "Top, helder.")? It asks nothing."""
    terms = set(analyse(text)) - frame_terms()
    asks = any(last_mark(s) == "?" for s in split_sentences(text))
    return not asks and bool(terms & _thanks_terms()) and terms <= _thanks_terms() | INTERJECTIONS


def reply_to_pleasantry(text: str) -> str | None:
    """The welcome for a turn that only thanks or acknowledges, in its language; None for any other
    turn. It claims nothing, so there is nothing to search or to cite."""
    if not is_pleasantry(text):
        return None
    english = set(analyse(text)) & set(analyse(_ACKNOWLEDGEMENTS_EN))
    return (ENGLISH if english else DUTCH).welcome


def without_pleasantries(text: str) -> str:
    """``text`` without the sentences before its first question that only thank or acknowledge
    ("Dank je! En wat als de schoolleider niet meewerkt?" → "En wat als …?"): "En" then opens the
    question, and points back, as it would have without them. A turn of thanks alone stays."""
    sentences = split_sentences(text)
    lead = 0
    while lead < len(sentences) - 1 and is_pleasantry(sentences[lead]):
        lead += 1
    return " ".join(sentences[lead:]) if lead else text
