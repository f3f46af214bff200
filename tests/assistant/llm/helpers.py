"""Test data: passages from the po-poster as retrieval would return them, and explicit settings."""

from __future__ import annotations

from assistant.models import Hit, Passage
from assistant.settings import Settings

PLAN = (
    "Ga na welke thema's urgent zijn voor onderwijsverbetering en maak een prioritering in speerpunten. "
    "Analyseer voor elk speerpunt de huidige situatie in de school. "
    "Kom tot een onderbouwd en gedragen verbeterplan."
)
SUBTEAMS = (
    "Werk met (tijdelijke) subteams van leerkrachten die verantwoordelijk zijn voor onderwijsverbetering "
    "op een bepaald speerpunt."
)


def make_hit(number: int, text: str, *, section: str = "Aanbeveling 1", page: int | None = 1) -> Hit:
    passage = Passage(
        id=f"po-poster#{number}",
        text=text,
        doc="po-poster-werken-aan-onderwijsverbetering",
        title="Poster primair onderwijs",
        sector="po",
        aanbeveling="h1",
        section=section,
        page=page,
        order=number,
    )
    return Hit(passage=passage, score=1.0 / number)


def make_settings(**llm: object) -> Settings:
    """Settings with every LLM field explicit, so LEIDRAAD_ variables of the machine cannot leak in."""
    values: dict[str, object] = {
        "llm_provider": "none",
        "llm_model": "",
        "llm_base_url": None,
        "llm_api_key": None,
        "llm_model_path": None,
        "llm_timeout_s": 5.0,
        "llm_temperature": 0.0,
        "llm_max_tokens": 64,
    }
    values.update(llm)
    return Settings(_env_file=None, **values)
