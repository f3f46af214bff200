"""The words around an answer, in the language of the question: Dutch, or English for an English one.

The quotes stay as the documents write them (Dutch); what the assistant says itself (which documents
speak, the scope, that it found nothing, which asked fact is absent) follows the reader. The wording
lives in ``prompts/antwoord.toml``.

Usage::

    words = phrasing_for("How many hours per week should a PLG meet?")
    words.no_fact(" (in the mbo)", "number of hours per week")
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from assistant.models import SECTOR_NAMES
from assistant.query import is_english
from assistant.settings import ROOT


@dataclass(frozen=True)
class Phrasing:
    """One language's frame sentences; ``{…}`` fields are filled by the methods."""

    sectors: dict[str, str]
    aanbeveling: str
    facts: dict[str, str]
    says: tuple[str, str]  # one document, several: "dit zegt {titles} hierover:"
    and_: str
    general_source: str
    silent: str
    never_named: str
    one_person: str  # the case of one pupil or parent: why the documents are silent on it
    related: str
    no_fact_lead: str
    no_fact_more: str
    quoted_in_dutch: str
    asked_noun: re.Pattern[str]
    number_of: str
    at_aanbeveling: str
    side_by_side: str
    sector_silent: str
    read_as: str
    welcome: str  # to a turn that only thanks or acknowledges

    def scope(self, sector: str | None, aanbeveling: str | None) -> str | None:
        """'In het mbo, aanbeveling 6' — the scope the question asked for, said out loud."""
        parts = [self.sectors[sector]] if sector else []
        if aanbeveling:
            parts.append(f"{self.aanbeveling} {aanbeveling[1]}")
        return "In " + ", ".join(parts) if parts else None

    def within(self, sector: str | None, aanbeveling: str | None) -> str:
        """'bij aanbeveling 2 in het voortgezet onderwijs (vo)', 'in het mbo', or '': a scope after a
        quoted question."""
        parts = [self.at_aanbeveling.format(n=aanbeveling[1])] if aanbeveling else []
        if sector:
            parts.append(f"in {self.sectors[sector]}")
        return " ".join(parts)

    def intro(self, titles: list[str], scope: str | None, sector_only_general: str | None) -> str:
        """Who says what follows: the documents' titles, after the scope; a general source standing in
        for a sector's own documents (``sector_only_general``: that sector) says so first."""
        says = self.says[len(titles) > 1].format(titles=self.and_.join(titles))
        intro = f"{scope}: {says}" if scope else says[0].upper() + says[1:]
        if sector_only_general:
            intro = self.general_source.format(sector=self.sectors[sector_only_general]) + " " + intro
        return self.quoted_in_dutch + intro

    def declined(self, where: str, names: list[str] | None, related: bool, one_person: bool = False) -> str:
        """Nothing answers the question: the documents are silent, never name ``names``, or do not treat
        the case of one pupil or parent (``one_person``)."""
        if names:
            text = self.never_named.format(where=where, names=self.and_.join(names))
        else:
            text = (self.one_person if one_person else self.silent).format(where=where)
        return text + (self.related if related else "")

    def no_fact(self, where: str, fact: str, quoted: bool) -> str:
        """The asked fact is absent; ``quoted``: what the documents do say follows."""
        return self.no_fact_lead.format(where=where, fact=fact) + (self.no_fact_more if quoted else "")

    def fact(self, question: str, kind: str, thing: str | None = None) -> str:
        """The asked fact named: the noun the question asks the number of ("aantal uur per week",
        "number of hours per week") when it names one, else the name of the kind, about ``thing`` (the
        named method whose steps are asked) where the kind's words have a place for it."""
        if kind in ("number", "duration") and (match := self.asked_noun.search(question)):
            noun, per = match.group(1).lower(), (match.group(2) or "").lower()
            if noun not in ("tijd", "keer", "time", "times"):
                return self.number_of.format(noun=noun, per=per)
        return self.facts[kind].format(thing=thing)


PHRASING_FILE = ROOT / "prompts" / "antwoord.toml"


def _load(language: str, sectors: dict[str, str] | None = None) -> Phrasing:
    with PHRASING_FILE.open("rb") as fh:
        words = tomllib.load(fh)[language]
    return Phrasing(
        **{
            **words,
            "sectors": sectors or words["sectors"],
            "says": tuple(words["says"]),
            "asked_noun": re.compile(words["asked_noun"], re.I),
        }
    )


DUTCH = _load("nl", SECTOR_NAMES)
ENGLISH = _load("en")


def phrasing_for(question: str) -> Phrasing:
    """English words for an English question, Dutch for any other."""
    return ENGLISH if is_english(question) else DUTCH
