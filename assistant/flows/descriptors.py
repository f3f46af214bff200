"""Dense descriptor assignment: which thesaurus descriptors a praktijkvraag is about, also when it
says so in its own words ("komt pas binnen als de kring al begonnen is" → te laat komen).

The way an indexer assigns ERIC descriptors: every descriptor of ``prompts/flows/zoektermen.toml`` is
read as its scope text (the term, its ``omschrijving`` — a scope note in plain sentences — its synonyms
and English terms) and embedded once with e5; the praktijkvraag is embedded whole and sentence by
sentence. A descriptor's score is its best similarity to the whole text or to one sentence, expressed
as a z-score within this praktijkvraag's own ranking of all descriptors: what stands out for this text,
whatever its length or style (raw e5 cosines crowd in a narrow band that shifts with the text).

Both sides are embedded as e5 "query:" texts (a symmetric comparison of short texts). Measured on the
tuning half of the practice questions (odd ids), for the 7 items whose reference names a descriptor:
it ranked first for 4 with "query:" on both sides, for 3 with the scope texts as "passage:" (centred
on the descriptors' mean) and 2 uncentred; a hubness correction (each descriptor standardised over
the other scope texts) ranked them no better, nor did USE (the retriever's second model) alone or
averaged with e5.

Usage::

    index = DescriptorIndex(Thesaurus.load())
    story = "Steeds meer leerlingen komen binnen als de les al begonnen is. Ze lopen na de bel nog rustig
    door de gang. Hoe pakken we dat aan?"
    [(a.entry.term, round(a.z, 1)) for a in index.assign(story).assigned]   # [("te laat komen", 3.7)]
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.embedder import E5Embedder, Embedder
from assistant.sentences import split_sentences
from assistant.settings import get_settings
from assistant.thesaurus import Entry, Thesaurus

log = logging.getLogger(__name__)

# A descriptor is assigned when its z-score within the praktijkvraag's ranking reaches this. Grid on
# the practice questions' tuning half (odd ids), sentence share 0.3 / 0.5 / 0.7 x cut-off 2.75-3.75:
# every cell named every concept in 0.6 of the kennisvragen (0.5 without descriptors), so the tuning
# half does not separate them; 3.5 was the lowest cut-off at which no tuning kennisvraag held a
# forbidden word (3.25 let "dezelfde fouten" in, since fixed in the label).
# Re-measured when the thesaurus grew from 151 to 258 descriptors: every z shifts up (the mean top z
# of a tuning praktijkvraag went from 3.38 to 3.56, the new descriptors being on average further from
# any one text), the chance tail more than a descriptor that is really meant. Tuning half (odd ids of
# praktijkvragen + probe, 83 items): every concept named in 0.84 at 3.25 and 0.86 from 3.5 to 4.0,
# a forbidden word in 0.05 throughout, so again no separation. 3.6 is the highest cut-off at which
# the two one-topic stories of the tests, which name a descriptor only in other words, keep it ("te
# laat komen" z 3.68, "hulpzoekgedrag" 3.66); it assigns 0.46 descriptors per tuning praktijkvraag
# (3.5 with 151 descriptors: 0.35; 3.7 would match that but drops both stories). Validation half (even
# ids, 83): 0.86 at 3.5-3.6, 0.87 at 3.65-3.75, 0.86 at 4.0 (forbidden word 0.08, at 4.0 0.10).
MIN_Z = 3.6
# The best sentence's z counts this much next to the whole text's (the retriever mixes whole text and
# sentences alike). The best of several sentences is the maximum of several draws and stands out by
# chance: with the maximum alone (share 1.0) a typed story's aside got a descriptor ("ze kregen wel
# een buddy, maar …" → onderpresteren, z 3.9, seen on a validation item); tuning half 0.6 at 0.3-1.0.
SENTENCE_SHARE = 0.5
MAX_ASSIGNED = 2  # an indexer gives a short text a few descriptors, not a list
_MATRICES: dict[str, np.ndarray] = {}  # scope-text hash → unit descriptor vectors, once per process
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Assigned:
    """A descriptor assigned to a praktijkvraag: ``sentence`` is the index of the sentence that names it
    best (-1: the whole text)."""

    entry: Entry
    z: float
    sentence: int


@dataclass(frozen=True)
class Assignment:
    """The descriptors assigned to a praktijkvraag, best first, and every descriptor's z-score (how
    much the text is about it, also below the cut-off)."""

    assigned: list[Assigned]
    scores: dict[str, float]  # descriptor term → z

    def z(self, entry: Entry | None) -> float:
        return self.scores.get(entry.term, 0.0) if entry is not None else 0.0


class DescriptorIndex:
    """The thesaurus's descriptors as e5 vectors, and their assignment to a praktijkvraag.

    The descriptor matrix is computed once per process and cached on disk next to the store (keyed by
    the scope texts and the model), so a new process reads it in milliseconds.

    Usage::

        index = DescriptorIndex(Thesaurus.load())
        assignment = index.assign(praktijkvraag)
        assignment.assigned      # the descriptors that stand out, best first
        assignment.z(entry)      # how much the text is about any descriptor
    """

    def __init__(
        self,
        thesaurus: Thesaurus,
        embedder: Embedder | None = None,
        cache_dir: Path | None = None,
        min_z: float = MIN_Z,
        max_assigned: int = MAX_ASSIGNED,
    ) -> None:
        if not thesaurus.entries:
            raise ValueError("a thesaurus without descriptors")
        if max_assigned < 1:
            raise ValueError("max_assigned must be at least 1")
        self.thesaurus = thesaurus
        self.entries = list(thesaurus.entries.values())
        self._embedder = embedder
        self._cache_dir = cache_dir
        self.min_z = min_z
        self.max_assigned = max_assigned

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:  # made on first use: the process's one e5 model (``E5Embedder``)
            self._embedder = E5Embedder()
        return self._embedder

    def assign(self, text: str, sentences: Sequence[str] | None = None) -> Assignment:
        """The descriptors that stand out for ``text``, best first (at most ``max_assigned``).
        ``sentences`` are the ones to match one by one (default: ``text``'s own when it has several);
        the reader leaves out those too short to name a topic ("Wat doen we fout?")."""
        if sentences is None:
            sentences = split_sentences(text)
            sentences = sentences if len(sentences) > 1 else []
        scores, best_sentence = self.scores(text, sentences)
        order = np.argsort(-scores)[: self.max_assigned]
        assigned = [
            Assigned(self.entries[i], float(scores[i]), int(best_sentence[i]))
            for i in order
            if scores[i] >= self.min_z
        ]
        return Assignment(assigned, {e.term: float(z) for e, z in zip(self.entries, scores, strict=True)})

    def scores(self, text: str, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per descriptor: its z-score for ``text`` (with several ``sentences``: the mean of its z for
        the whole text and for the sentence it stands out most in) and that sentence (-1: none)."""
        vectors = _unit(self.embedder.embed_queries([text, *sentences]))
        sims = vectors @ self.matrix().T
        z = (sims - sims.mean(axis=1, keepdims=True)) / sims.std(axis=1, keepdims=True)
        if len(sentences) < 2:
            return z[0], np.full(z.shape[1], -1)
        return SENTENCE_SHARE * z[1:].max(axis=0) + (1 - SENTENCE_SHARE) * z[0], z[1:].argmax(axis=0)

    def matrix(self) -> np.ndarray:
        """Unit vectors of the descriptors' scope texts, one row per entry."""
        texts = [scope_text(e) for e in self.entries]
        key = hashlib.sha1(
            "\n".join([getattr(self.embedder, "name", "e5"), *texts]).encode("utf-8")
        ).hexdigest()[:16]
        with _LOCK:
            if key not in _MATRICES:
                _MATRICES[key] = self._load_or_embed(key, texts)
            return _MATRICES[key]

    def _load_or_embed(self, key: str, texts: list[str]) -> np.ndarray:
        folder = self._cache_dir or get_settings().store_dir
        path = folder / f"descriptoren-{key}.npy"
        if path.is_file():
            return np.load(path)
        matrix = _unit(self.embedder.embed_queries(texts))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Written aside, then renamed: processes that start at once never read a half-written file.
            partial = folder / f".descriptoren-{key}-{os.getpid()}.npy"
            np.save(partial, matrix)
            os.replace(partial, path)
            for stale in folder.glob("descriptoren-*.npy"):  # of an earlier thesaurus or model
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError as exc:  # a read-only store: the matrix is then embedded once per process
            log.info("descriptor cache not written to %s: %s", path, exc)
        return matrix


def scope_text(entry: Entry) -> str:
    """What an indexer reads for a descriptor: "term: scope note (synonyms, English)"."""
    words = list(dict.fromkeys([*entry.synoniemen, *entry.engels]))
    note = f": {entry.omschrijving}" if entry.omschrijving else ""
    return f"{entry.term}{note} ({', '.join(words)})" if words else f"{entry.term}{note}"


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)


def warm_up_descriptors() -> None:
    """Embed the thesaurus's descriptors now rather than on the first kennisvraag: about 10-25 s on 2
    cores the first time on a machine, then read from the store folder in milliseconds."""
    DescriptorIndex(Thesaurus.load()).matrix()
