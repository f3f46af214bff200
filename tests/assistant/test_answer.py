"""The offline answerer on the real corpus: cited verbatim sentences, scope, honest abstention."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answer import Answer, ExtractiveAnswerer
from assistant.answerability import FEATURES, AnswerDecision, evidence_of
from assistant.models import Hit, Passage, Signals, Turn
from assistant.query import parse_query
from assistant.runtime import Core
from assistant.sentences import without_notes


def ask(core: Core, question: str) -> Answer:
    return core.answerer.answer(question)


def assert_grounded(answer: Answer) -> None:
    """Every [n] names a citation, every quoted line stands verbatim in the passage it cites (its
    footnote marks left out)."""
    by_n = {c.n: c.passage for c in answer.citations}
    lines = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert lines, answer.text
    for line in lines:
        match = re.fullmatch(r"- (.+) \[(\d+)\]", line)
        assert match, line
        sentence, n = match.group(1), int(match.group(2))
        assert n in by_n, line
        assert " ".join(sentence.split()) in without_notes(" ".join(by_n[n].text.split())), line


def test_h6_question_is_answered_from_h6(corpus_core: Core) -> None:
    answer = ask(corpus_core, "Wat zegt h6 over tijd?")
    assert not answer.abstained
    assert answer.citations and all(c.passage.aanbeveling == "h6" for c in answer.citations)
    assert "aanbeveling 6" in answer.text.split("\n")[0]
    assert "tijd" in answer.text.lower()
    assert_grounded(answer)


def test_sector_scope_is_said_and_kept(corpus_core: Core) -> None:
    answer = ask(corpus_core, "Wat zegt de leidraad over borging in het mbo?")
    assert not answer.abstained
    assert "het mbo" in answer.text.split("\n")[0]
    assert all(c.passage.sector in ("mbo", None) for c in answer.citations)
    # the mbo poster's borging points (h2), not its title block that merely says "mbo"
    assert answer.citations[0].passage.aanbeveling == "h2"
    assert sum("borging" in line for line in answer.text.splitlines()) >= 2
    assert_grounded(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Welke laptop raadt de leidraad aan voor leerlingen?",
        "Hoeveel vakantiedagen heeft een docent in het vo?",
        "Hoe bereken ik het eindcijfer van het schoolexamen?",
        "How much does a teacher earn in the Netherlands?",
    ],
)
def test_abstains_when_the_documents_do_not_cover_it(corpus_core: Core, question: str) -> None:
    answer = ask(corpus_core, question)
    assert answer.abstained, answer.text
    assert not answer.citations
    assert answer.related, "the nearest passages are offered"
    assert "niets over" in answer.text or "nothing about" in answer.text


def test_everyday_words_for_leidraad_topics_are_answered(corpus_core: Core) -> None:
    # Compounds the documents never use ("teamvergaderingen", "schoolreisje") must not cause abstention.
    answer = ask(
        corpus_core,
        "Onze teamvergaderingen gaan vooral over praktische zaken zoals het schoolreisje. "
        "Hoe krijgen we er meer onderwijsinhoud in?",
    )
    assert not answer.abstained
    assert_grounded(answer)


def test_english_question_gets_dutch_quotes_and_says_so(corpus_core: Core) -> None:
    answer = ask(corpus_core, "Does distributed leadership lead to better results for teachers and students?")
    assert not answer.abstained
    assert answer.text.startswith("The documents are in Dutch")
    assert_grounded(answer)


def test_words_the_documents_never_use_lower_the_chance_of_an_answer(corpus_core: Core) -> None:
    extractive: ExtractiveAnswerer = corpus_core.answerer.extractive
    index = corpus_core.store.lexical
    plain, odd = (
        "Hoe geven docenten elkaar feedback?",
        "Hoe geven docenten elkaar feedback via een laptopapp?",
    )
    evidence = {
        q: evidence_of(query, corpus_core.retriever.retrieve(query, 8), index)
        for q in (plain, odd)
        for query in [parse_query(q)]
    }
    assert evidence[odd].known < evidence[plain].known
    assert evidence[odd].covered < evidence[plain].covered
    decision = extractive.decision
    assert decision.probability(evidence[odd]) < decision.probability(evidence[plain])
    weight = dict(zip(FEATURES, decision.weights, strict=True))
    # The fitted model reads a nearer passage and covered words as evidence for answering.
    assert weight["similarity"] > 0 and weight["covered"] > 0


def test_a_teacher_describing_a_situation_is_answered(corpus_core: Core) -> None:
    answer = ask(
        corpus_core,
        "Ik ben net kartrekker geworden van de werkgroep lezen. In de teamvergadering zeggen collega's "
        "vooral dat ze er geen tijd voor hebben. Hoe krijg ik ze toch mee?",
    )
    assert not answer.abstained, answer.text
    assert_grounded(answer)


def test_a_question_about_the_guide_itself_is_answered_from_it(corpus_core: Core) -> None:
    # "leidraad" matches every passage, so BM25 leaves it out: the question has no terms to miss.
    answer = ask(corpus_core, "Wat is de leidraad?")
    assert not answer.abstained, answer.text
    assert any("leidraad" in c.passage.text.lower() for c in answer.citations)
    assert_grounded(answer)


def test_an_english_question_about_a_recommendation_itself_is_answered(corpus_core: Core) -> None:
    # Its only words are English frame words: nothing for the documents to lack.
    answer = ask(corpus_core, "What does recommendation 2 say?")
    assert not answer.abstained, answer.text
    assert all(c.passage.aanbeveling == "h2" for c in answer.citations)
    assert_grounded(answer)


def test_a_follow_up_asking_whether_another_sector_differs_sets_them_side_by_side(corpus_core: Core) -> None:
    history = [Turn("user", "Hoe borg je een verbetering in het mbo?"), Turn("assistant", "…")]
    answer = corpus_core.answerer.answer("Is dat in het po anders?", history)
    assert not answer.abstained
    assert {c.passage.sector for c in answer.citations} == {"po", "mbo"}
    assert_grounded(answer)


def test_asked_to_say_it_shorter_the_answer_quotes_two_sentences(corpus_core: Core) -> None:
    history = [Turn("user", "Hoe betrek ik leerlingen bij onderwijsverbetering?"), Turn("assistant", "…")]
    answer = corpus_core.answerer.answer("Kun je dat korter zeggen?", history)
    quoted = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert not answer.abstained and len(quoted) == 2 and len(answer.citations) == 1
    assert_grounded(answer)


def test_a_question_typed_with_slips_is_read_as_meant_and_says_so(corpus_core: Core) -> None:
    answer = ask(corpus_core, "kenmerken onderzoekende houdig docent")
    assert not answer.abstained, answer.text
    assert "onderzoekende houding docent" in (answer.reading() or "")
    assert_grounded(answer)
    assert ask(corpus_core, "Wat zegt de leidraad over borging?").reading() is None  # read as typed


def test_a_word_the_conversation_explains_does_not_decline_a_follow_up(corpus_core: Core) -> None:
    history = [
        Turn(
            "user", "Ik las over scholen in de Verenigde Staten die samen onderzoek doen. Hoe doen wij dat?"
        ),
        Turn("assistant", "Dit zegt de leidraad hierover: …"),
    ]
    answer = corpus_core.answerer.answer("Werkt dat in de Verenigde Staten ook met een PLG?", history)
    assert "nergens" not in answer.text


def test_citations_serialise_with_location(corpus_core: Core) -> None:
    data = ask(corpus_core, "Hoe kom je tot een gedragen verbeterplan?").to_json("q1")
    assert data["id"] == "q1" and data["abstained"] is False
    for n, citation in enumerate(data["citations"], 1):
        assert citation["n"] == n
        assert {"text", "doc", "title", "section", "page", "sector", "aanbeveling"} <= citation.keys()
        assert f"[{n}]" in data["answer"]


def hit(text: str, score: float, title: str = "Leidraad (vo)", order: int = 0) -> Hit:
    passage = Passage(f"p{order}", text, "doc.txt", title, "vo", "h1", "Stap 1", 3, order)
    return Hit(passage, score, Signals(dense=0.95))


PRACTICE_QUESTION = hit(
    "Een vraag uit de praktijk van een docent\n‘Ik leid een werkgroep en vind dat spannend. "
    "Hoe bereid ik de eerste bijeenkomst voor? Hoe leer ik leidinggeven aan collega’s? "
    "Wie begeleidt mij daarbij op school?’",
    3.0,
    order=1,
)
ADVICE = hit(
    "Leiding nemen\nLeiding nemen is iets dat docenten moeten leren. Het begint bij durven. "
    "Feedback vragen op hoe je leiding geeft helpt.",
    2.0,
    order=2,
)
FAR = hit("Een werkgroep leidt de verbetering en rapporteert aan het team.", 1.0, "Poster (vo)", 3)


def selecting() -> ExtractiveAnswerer:
    """An answerer whose decision always answers: these tests are about which sentences it quotes."""
    n = len(FEATURES)
    return ExtractiveAnswerer(decision=AnswerDecision((0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, 0.5))


def lines_of(answer: Answer) -> list[str]:
    return [line for line in answer.text.splitlines() if line.startswith("- ")]


def test_a_passage_that_asks_questions_does_not_answer_a_question() -> None:
    hits = [PRACTICE_QUESTION, ADVICE, FAR]
    answer = selecting().answer(parse_query("Hoe leer je als docent leiding nemen?"), hits)
    assert [c.passage for c in answer.citations] == [ADVICE.passage]
    assert answer.text.startswith("Dit zegt Leidraad (vo) hierover:")
    assert_grounded(answer)
    assert not any(line.startswith("- Leiding nemen [") for line in lines_of(answer)), "heading"


def test_a_question_about_questions_may_be_answered_with_questions() -> None:
    answer = selecting().answer(
        parse_query("Welke vragen stelt een docent over leidinggeven?"), [PRACTICE_QUESTION, ADVICE, FAR]
    )
    assert answer.citations[0].passage == PRACTICE_QUESTION.passage
    assert [line.split("?")[0] for line in lines_of(answer)] == [  # the list of questions, in order
        "- Hoe bereid ik de eerste bijeenkomst voor",
        "- Hoe leer ik leidinggeven aan collega’s",
        "- Wie begeleidt mij daarbij op school",
    ]


def test_another_practitioners_story_answers_only_a_question_for_an_example() -> None:
    story = replace(
        hit(
            "Vorig jaar leidde ik een werkgroep. Ik vond leiding nemen spannend. Het ging steeds beter.", 3.0
        ),
        story=True,
    )
    hits = [story, ADVICE, FAR]
    advice = selecting().answer(parse_query("Hoe leer je als docent leiding nemen?"), hits)
    assert advice.citations[0].passage == ADVICE.passage
    example = selecting().answer(
        parse_query("Heb je een voorbeeld van een docent die leiding leert nemen?"), hits
    )
    assert example.citations[0].passage == story.passage


def test_only_near_ties_are_cited_beside_the_best_passage() -> None:
    close = hit("Een werkgroep leiden vraagt om durven en om feedback van collega’s.", 2.9, "Poster (vo)", 4)
    answer = selecting().answer(parse_query("Hoe leid ik een werkgroep?"), [ADVICE, close, FAR])
    assert [c.passage for c in answer.citations] == [ADVICE.passage, close.passage]
    assert answer.text.startswith("Dit zeggen Leidraad (vo) en Poster (vo) hierover:")
    alone = selecting().answer(parse_query("Hoe leid ik een werkgroep?"), [ADVICE, FAR])
    assert [c.passage for c in alone.citations] == [ADVICE.passage]


def test_pointers_elsewhere_are_not_quoted_as_answers() -> None:
    advice = hit(
        "Analyseer het probleem\nDe probleemanalyse geeft zicht op wat het probleem is. "
        "Zie het kader voor ondersteunende vragen tijdens de probleemanalyse. "
        "Een goede probleemanalyse voorkomt dat het team te snel een oplossing kiest.",
        3.0,
    )
    lines = lines_of(selecting().answer(parse_query("Wat is een probleemanalyse?"), [advice]))
    assert len(lines) == 2 and not any("Zie het kader" in line for line in lines)


REFERENCES = hit(
    "Coburn, Penuel, & Geil (2013). Research-practice partnerships at the district level. "
    "Brown, Schildkamp & Hubers (2017). Combining the best of two worlds. "
    "Van Schaik et al. (2018). Barriers and conditions for teachers utilization of knowledge.",
    3.0,
    order=5,
)


def test_a_list_of_references_answers_only_a_question_about_literature() -> None:
    hits = [REFERENCES, ADVICE, FAR]
    answer = selecting().answer(parse_query("Hoe leer je als docent leiding nemen?"), hits)
    assert [c.passage for c in answer.citations] == [ADVICE.passage]
    sources = parse_query("Welke literatuur over leiding nemen is er?")
    about_sources = selecting().answer(sources, hits)
    assert about_sources.citations[0].passage == REFERENCES.passage


def test_short_lines_without_closing_punctuation_are_headings() -> None:
    passage = hit(
        "6.3 Stimuleer gespreid leiderschap\nVoorwaarden voor gespreid leiderschap\n"
        "Voordat het leiderschap gespreid kan worden, moeten docenten expertise ontwikkelen. "
        "Schoolleiders geven docenten daarvoor de ruimte en de tijd.",
        3.0,
    )
    question = parse_query("Welke voorwaarden gelden voor gespreid leiderschap?")
    answer = selecting().answer(question, [passage])
    lines = lines_of(answer)
    assert lines and not any(line.startswith("- Voorwaarden voor gespreid leiderschap [") for line in lines)


def test_a_comparison_puts_each_sector_side_by_side(corpus_core: Core) -> None:
    answer = ask(corpus_core, "Wat is het verschil tussen po en mbo bij h2?")
    assert not answer.abstained
    assert "**Het primair onderwijs (po)**" in answer.text and "**Het mbo**" in answer.text
    po, mbo = answer.text.split("**Het mbo**")
    cited = {c.n: c.passage for c in answer.citations}
    assert {cited[int(n)].sector for n in re.findall(r"\[(\d+)\]", po)} == {"po"}
    assert {cited[int(n)].sector for n in re.findall(r"\[(\d+)\]", mbo)} == {"mbo"}
    assert all(c.passage.aanbeveling == "h2" for c in answer.citations)
    assert_grounded(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Wat kost een schoollicentie voor EBSCO Education Source per jaar?",
        "In welk jaar is de startnotitie van de PO-Raad verschenen?",
        # A story says "eens per zes weken", about something else: weeks are not the topic.
        "Hoeveel uur per week moet een PLG vergaderen?",
    ],
)
def test_a_fact_the_documents_do_not_hold_is_said_to_be_absent(corpus_core: Core, question: str) -> None:
    answer = ask(corpus_core, question)
    assert answer.abstained
    assert "staat er niet in" in answer.text
    # What the documents do say on the topic, quoted and cited, instead of a bare refusal.
    assert answer.citations
    assert_grounded(answer)


def test_the_absent_fact_is_named(corpus_core: Core) -> None:
    answer = ask(corpus_core, "Hoeveel uur per week moet een PLG vergaderen?")
    assert answer.abstained
    assert answer.text.startswith("De documenten noemen geen aantal uur per week")


def test_the_absent_steps_of_a_named_method_are_named(corpus_core: Core) -> None:
    # The PO-Raad names De Zevensprong but does not list its steps: said so, and what it does say shown.
    answer = ask(corpus_core, "Wat zijn de zeven stappen van De Zevensprong precies?")
    assert answer.abstained
    assert answer.text.startswith("De documenten noemen geen lijst van de stappen van De Zevensprong")
    assert answer.citations
    # The leidraad's own steps, told in its chapters, are answered.
    assert not ask(corpus_core, "Wat zijn de stappen van een probleemanalyse?").abstained


def test_an_absent_rule_is_named(corpus_core: Core) -> None:
    # The documents advise on improvement; what a law or the MR's rights prescribe, they never state.
    question = "Heeft de medezeggenschapsraad volgens de wet instemmingsrecht als wij speerpunten kiezen?"
    answer = ask(corpus_core, question)
    assert answer.abstained
    assert answer.text.startswith("De documenten noemen geen regel of wettelijke bepaling")
    # Who may lead a werkgroep is something they do state.
    assert not ask(corpus_core, "Mogen docenten zonder LD-schaal leiding nemen in een werkgroep?").abstained


def test_the_case_of_one_pupil_or_parent_is_declined(corpus_core: Core) -> None:
    # The documents treat how a team improves its education, not how to answer one angry parent.
    question = (
        "Een moeder is boos omdat haar dochter een 4 kreeg voor een toets en wil een gesprek met de "
        "teamleider. Ik ben haar mentor. Hoe pak ik zo'n gesprek aan?"
    )
    answer = ask(corpus_core, question)
    assert answer.abstained
    assert "niet over de aanpak voor één leerling of ouder" in answer.text  # says why


def test_absent_members_of_a_whole_are_named(corpus_core: Core) -> None:
    # The leidraad points to SLO's spinnenweb but does not list its parts: said so, and what it says shown.
    answer = ask(corpus_core, "Uit welke onderdelen bestaat het curriculaire spinnenweb van SLO?")
    assert answer.abstained
    assert answer.text.startswith("De documenten noemen geen lijst van de onderdelen")
    # Biesta's essay is named, but no domains of his: the members' own rare word is nowhere.
    assert ask(corpus_core, "Welke vier leerdomeinen onderscheidt Biesta in zijn essay?").abstained
    # Members the documents list are answered, also when they never use the question's word for them.
    assert not ask(corpus_core, "Welke vier dimensies van een onderzoekscultuur noemt de leidraad?").abstained
    assert not ask(corpus_core, "In welke twee delen zijn de po-aanbevelingen verdeeld?").abstained


def test_a_follow_up_asks_its_own_question_of_the_earlier_topic(corpus_core: Core) -> None:
    history = [
        Turn("user", "Wat is een PLG?"),
        Turn("assistant", "…"),
        Turn("user", "Hoe lang duurt zo'n traject meestal?"),
        Turn("assistant", "…"),
    ]
    # Who leads it, not how long it takes: the earlier turn's absent duration declines nothing now.
    assert not corpus_core.answerer.answer("En wie leidt het?", history).abstained
    # An ellipsis asks what the question it continues asked.
    fact = [Turn("user", "Hoeveel uur per week moet een PLG vergaderen?"), Turn("assistant", "…")]
    elided = corpus_core.answerer.answer("En in het vo?", fact)
    assert elided.abstained and "noemen geen aantal uur per week" in elided.text


def test_a_passage_that_states_nothing_is_not_the_answer(corpus_core: Core) -> None:
    # The deck's title slide ("Autonomie van scholen / Promotieonderzoek / …") ranks high on
    # "interventie" but says nothing; the answer quotes a passage that does.
    answer = ask(corpus_core, "How do I know whether an intervention is actually working in my school?")
    assert not answer.abstained
    assert "Autonomie van scholen" not in answer.text
    assert_grounded(answer)


def test_a_follow_up_that_points_back_is_judged_with_the_question_it_points_at(corpus_core: Core) -> None:
    # Many words of its own, so it is searched as asked; "zo'n plan" is the monitoring plan asked about.
    history = [
        Turn("user", "Hoe houden we in de gaten of onze nieuwe aanpak ook echt wordt uitgevoerd?"),
        Turn("assistant", "Dat is monitoren, stap 4 van de cyclus."),
    ]
    question = (
        "Ok, maar bij ons verdwijnt zo'n plan na een paar weken gewoon in de kast. "
        "Hoe hou je het levend als iedereen het druk heeft?"
    )
    assert not corpus_core.answerer.answer(question, history).abstained


def test_a_fact_the_documents_hold_is_answered(corpus_core: Core) -> None:
    answer = ask(corpus_core, "Hoe lang duurt het voordat een cultuurverandering in de school is ingebed?")
    assert not answer.abstained
    assert "enkele jaren" in answer.text


@pytest.mark.parametrize(
    ("thanks", "reply"), [("Bedankt, helder!", "Graag gedaan"), ("Thanks, great.", "You're welcome")]
)
def test_thanks_are_welcomed_in_their_language_without_a_search(
    corpus_core: Core, thanks: str, reply: str
) -> None:
    history = [Turn("user", "Hoe richt ik een PLG in?"), Turn("assistant", "…")]
    answer = corpus_core.answerer.answer(thanks, history)
    assert answer.text.startswith(reply)
    assert not answer.abstained and not answer.citations and not answer.related
