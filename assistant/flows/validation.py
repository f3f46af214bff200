"""Input checks shared by the flows; every failure is a ``FlowInputError`` with a clear Dutch message.

Usage::

    praktijkvraag = required_text(value, "Vul een praktijkvraag in, bijvoorbeeld: …")
    sector = known_sector("PO")   # "po"; None stays None; "hbo" raises FlowInputError
"""

from __future__ import annotations

from assistant.models import SECTORS


class FlowInputError(ValueError):
    """Bad input for a flow; ``str(error)`` is a clear Dutch message for the user."""


def required_text(value: str | None, message: str) -> str:
    """``value`` stripped, or FlowInputError(message) when it is empty."""
    text = (value or "").strip()
    if not text:
        raise FlowInputError(message)
    return text


def known_sector(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    sector = value.strip().lower()
    if sector not in SECTORS:
        raise FlowInputError(f"Onbekende sector '{value}'. Kies po, vo of mbo (of laat de sector leeg).")
    return sector


def choice(value: str | None, options: dict[str, str], what: str) -> str:
    """The canonical option for ``value`` (``options`` maps every accepted spelling to it)."""
    key = (value or "").strip().lower()
    if key not in options:
        names = ", ".join(sorted(set(options.values())))
        raise FlowInputError(f"Onbekende {what} '{value or ''}'. Kies uit: {names}.")
    return options[key]
