"""HybridRetriever over the whole bundled corpus (real Chroma, real e5, real BM25)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.models import Hit, Passage
from assistant.query import parse_query
from assistant.runtime import Core

MBO_POSTER = "mbo-poster-werken-aan-onderwijsverbetering.txt"


def search(core: Core, question: str, k: int = 10) -> list[Hit]:
    hits = core.retriever.search(question, k=k)
    assert hits, question
    return hits


def test_named_aanbeveling_keeps_only_its_passages(corpus_core: Core) -> None:
    hits = search(corpus_core, "wat zegt h6 over tijd?")
    assert len(hits) == 10
    assert {h.passage.aanbeveling for h in hits} == {"h6"}
    assert all(h.passage.section.startswith("Aanbeveling 6:") for h in hits)


def test_named_sector_keeps_that_sector_and_sectorless(corpus_core: Core) -> None:
    hits = search(corpus_core, "borging in het mbo")
    assert {h.passage.sector for h in hits} <= {"mbo", None}
    assert hits[0].passage.doc == MBO_POSTER
    assert "borging" in hits[0].passage.text.lower()


# Questions a teacher might ask, each with a phrase from the passage that answers it (checked in corpus/).
TEACHER_QUESTIONS = [
    (
        "Onze PLG komt in het rooster nooit samen, hoe regelen we daar tijd voor?",
        "lopen PLG’s vast wegens gebrek aan gezamenlijke tijd",
    ),
    ("Welke twee soorten reflectie zijn er voor docenten?", "Reflection on action"),
    (
        "Wat levert het op om collega's en leerlingen te interviewen over de huidige situatie?",
        "leerlingen interviewen, levert een PLG meerdere voordelen op",
    ),
    (
        "Welk model met vier dimensies gebruikt de leidraad voor een onderzoekscultuur?",
        "Godfrey en Brown gaan uit van vier dimensies",
    ),
    (
        "Hoe kan ik leerkrachten op de basisschool helpen om literatuur te vinden en te interpreteren?",
        "Ondersteun leerkrachten om literatuur te vinden, selecteren en interpreteren",
    ),
]


@pytest.mark.parametrize(("question", "phrase"), TEACHER_QUESTIONS)
def test_teacher_question_finds_answer_in_top_5(corpus_core: Core, question: str, phrase: str) -> None:
    hits = search(corpus_core, question, k=5)
    texts = [h.passage.text for h in hits]
    assert any(phrase in t for t in texts), [t[:120] for t in texts]


def test_english_question_finds_dutch_passage(corpus_core: Core) -> None:
    hits = search(corpus_core, "What does the guide say about distributed leadership?", k=5)
    assert any("gespreid leiderschap" in h.passage.text.lower() for h in hits), [
        h.passage.text[:120] for h in hits
    ]


def test_english_words_do_not_pull_in_english_titles(corpus_core: Core) -> None:
    # "teachers" would match the slide "Teacher leadership"; the Dutch terms find the answer.
    (top,) = search(corpus_core, "How can teachers learn from each other?", k=1)
    assert "van elkaar leren" in top.passage.text.lower(), top.passage.text[:120]


@pytest.mark.parametrize(
    "question",
    ["wat zegt h6 over tijd?", "borging in het mbo", "Hoe start ik een professionele leergemeenschap?"],
)
def test_hits_are_store_passages_in_descending_score(corpus_core: Core, question: str) -> None:
    store = corpus_core.store
    hits = search(corpus_core, question, k=8)
    assert len(hits) == 8
    ids = [h.passage.id for h in hits]
    assert len(set(ids)) == len(ids)
    for hit in hits:
        row = store.row(hit.passage.id)
        assert row is not None
        assert store.passages[row] == hit.passage
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
    got = store.collection.get(ids=ids, include=[])["ids"]
    assert sorted(got) == sorted(ids)


def test_k_and_empty_question(corpus_core: Core) -> None:
    assert len(corpus_core.retriever.search("verbeterplan", k=3)) == 3
    assert corpus_core.retriever.search("   ", k=3) == []


KINDS_OF_PASSAGE = [
    "Een vraag uit de praktijk\n‘Hoe leid ik de werkgroep? Wie helpt mij daarbij? Wat als het misgaat?’",
    "Leiding nemen is iets dat docenten moeten leren. Het begint bij durven.",
    "Kennisbenutting: Het proces van vinden, selecteren en toepassen van kennis.",
    "Literatuur\nBrown et al. (2017). Combining worlds. Coburn & Penuel (2016). Partnerships.",
]


def passages_of(texts: list[str]) -> tuple[Passage, ...]:
    return tuple(Passage(f"p{i}", t, "d.txt", "Doc", "vo", None, "", None, i) for i, t in enumerate(texts))


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Hoe leer ik een werkgroep leiden?", 1),  # the box of questions and the references go down
        ("Welke vragen stelt een docent over de werkgroep?", 0),  # ...unless questions are asked for
        ("Welke literatuur is er over partnerships?", 3),
        ("Wat is kennisbenutting?", 2),  # the document's own definition goes up
    ],
)
def test_the_kind_of_passage_moves_it_for_the_question(corpus_core: Core, question: str, first: int) -> None:
    fused = [(0, 1.0), (1, 0.5), (2, 0.4), (3, 0.9)]  # as if the retrievers preferred the box
    ranked = corpus_core.retriever._adjust(parse_query(question), fused, passages_of(KINDS_OF_PASSAGE))
    assert ranked[0][0] == first, ranked


def test_a_continued_story_goes_down_unless_an_example_is_asked(corpus_core: Core) -> None:
    fused = [(1, 1.0), (2, 0.5)]  # row 1 continues a story that began in an earlier passage
    passages = passages_of(KINDS_OF_PASSAGE)
    advice = corpus_core.retriever._adjust(
        parse_query("Hoe leer ik leiding nemen?"), fused, passages, frozenset({1})
    )
    assert advice[0][0] == 2
    example = parse_query("Geef eens een voorbeeld van leiding nemen")
    assert corpus_core.retriever._adjust(example, fused, passages, frozenset({1}))[0][0] == 1


def test_the_store_knows_its_story_boxes(corpus_core: Core) -> None:
    snapshot = corpus_core.store.snapshot()
    stories = [snapshot.passages[r].text for r in corpus_core.retriever.stories(snapshot)]
    # A box that runs over two passages: the second has no opening quote of its own.
    assert any(t.startswith("Daarom hebben we op een studiedag voorgesteld") for t in stories)
    assert not any(t.startswith("Voer pilots uit") for t in stories)
    hits = search(corpus_core, "Geef een voorbeeld uit de praktijk van een studiedag", k=10)
    assert {h.passage.text for h in hits if h.story} == {h.passage.text for h in hits} & set(stories)
    assert any(h.story for h in hits) and not all(h.story for h in hits)


def test_a_situation_is_ranked_by_its_sentences_but_reports_the_whole_question(corpus_core: Core) -> None:
    question = (
        "Ik ben teamleider op een grote school. De voorstellen van de werkgroepen bijten elkaar. "
        "Wat is hierin mijn rol?"
    )
    hits = search(corpus_core, question, k=5)
    whole = corpus_core.retriever.embedder.embed_query(question)
    store = corpus_core.store
    snapshot = store.snapshot()
    for hit in hits:  # the answer decision reads the similarity to the question as asked
        assert hit.signals.dense == pytest.approx(
            float(snapshot.dense[store.row(hit.passage.id)] @ whole), abs=1e-4
        )
    assert any("verbinding" in h.passage.text for h in hits)


def test_a_conversation_s_context_moves_the_second_model_s_ranking_only(corpus_core: Core) -> None:
    retriever, snapshot = corpus_core.retriever, corpus_core.store.snapshot()
    use = corpus_core.store.second_embedder
    assert use is not None
    query = parse_query("Hoe houden we dit vol na het eerste jaar?")
    context = "Hoe borgen we een nieuwe aanpak in de school?"
    alone = retriever._embed(snapshot, query)
    beside = retriever._embed(snapshot, replace(query, context=context))
    share = retriever.config.context_share
    # The second model ranks by the question mixed with the context; e5 and what the answer decision
    # reads (the question as asked) are untouched.
    assert beside.second_rank == pytest.approx((1 - share) * alone.second + share * use.embed_query(context))
    assert beside.second == pytest.approx(alone.second)
    assert beside.e5_rank == pytest.approx(alone.e5_rank)
    hits = retriever.retrieve(replace(query, context=context), 5)
    reported = {h.passage.id: h.signals.second for h in retriever.retrieve(query, 60)}
    assert all(h.signals.second == pytest.approx(reported[h.passage.id], abs=1e-4) for h in hits)


def test_every_hit_reports_the_nearest_passage_in_scope_whatever_the_ranking(corpus_core: Core) -> None:
    question = "wat zegt h4 over feedback vragen aan collega's?"
    query = parse_query(question)
    whole = corpus_core.retriever.embedder.embed_query(query.dense or query.text)  # as the search reads it
    snapshot = corpus_core.store.snapshot()
    in_scope = snapshot.mask(query.sector, query.aanbeveling)
    nearest = float((snapshot.dense[in_scope] @ whole).max())
    few = search(corpus_core, question, k=2)
    assert [h.signals.nearest for h in few] == [pytest.approx(nearest, abs=1e-4)] * 2
    assert max(h.signals.dense for h in few) <= nearest + 1e-4


def test_a_named_step_comes_first_and_the_rest_of_the_scope_follows(corpus_core: Core) -> None:
    hits = search(corpus_core, "Leg stap 4 eens uit", k=10)
    under = ["Stap 4: Voer uit, monitor en stel bij" in h.passage.section for h in hits]
    assert under[0] and not all(under), [h.passage.section for h in hits]
    assert under == sorted(under, reverse=True)  # the step's passages first, the fill-up after
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # A sector whose documents have no steps is searched as a whole.
    assert all(
        h.passage.sector in ("mbo", None, "") for h in search(corpus_core, "Wat zegt stap 3 in het mbo?")
    )


def test_a_document_the_conversation_named_goes_up_for_a_question_searched_as_asked(
    corpus_core: Core,
) -> None:
    retriever, snapshot = corpus_core.retriever, corpus_core.store.snapshot()
    presentatie = "presentatie-school-als-lerende-organisatie.txt"
    query = parse_query("Waarom zouden collega's naar mij luisteren als ik zonder functie leiding neem?")
    previous = "Wat is volgens de presentatie het verschil tussen formeel en non-formeel leiderschap?"
    beside = replace(query, context=previous, previous=previous)
    assert retriever.named(snapshot, beside) == {presentatie}
    assert retriever.named(snapshot, query) == frozenset()
    # the reply's "dit zegt Presentatie … hierover" names the source it quoted, not what the user asked
    said = "Wat is leiderschap? Dit zegt Presentatie De school als lerende organisatie hierover:"
    reply = replace(query, context=said, previous="Wat is leiderschap?")
    assert retriever.named(snapshot, reply) == frozenset()
    # A question that names a document itself is found by its own words: nothing is carried over.
    own = replace(parse_query("Wat zegt de startnotitie over leiderschap?"), previous=previous)
    assert retriever.named(snapshot, own) == frozenset()

    def share(hits: list[Hit]) -> int:
        return sum(h.passage.doc == presentatie for h in hits)

    without = replace(retriever.config, document_bonus=0.0)
    plain = type(retriever)(corpus_core.store, retriever.embedder, without, retriever.thesaurus)
    assert share(retriever.retrieve(beside, 5)) > share(plain.retrieve(beside, 5))
