"""The Dutch analysis: a real Frog server on real praktijkvragen, and the fallback when Frog is absent."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from assistant.dutch import (
    DutchAnalyser,
    FrogClient,
    FrogServer,
    FrogUnavailableError,
    RuleAnalyser,
    Token,
    analyse,
    dt_spelled,
    parse_frog,
)


def test_frog_tags_lemmatises_and_chunks_a_praktijkvraag(frog: DutchAnalyser) -> None:
    analysis = analyse("We hadden een jaar dat het aantal aanmeldingen terugliep. Hoe kwam dat?")
    assert analysis.analyser == "frog"
    assert len(analysis.sentences) == 2
    by_word = {t.text: t for t in analysis.tokens}
    assert by_word["aanmeldingen"].lemma == "aanmelding" and by_word["aanmeldingen"].is_noun
    assert by_word["terugliep"].lemma == "teruglopen" and by_word["terugliep"].is_finite_verb
    assert by_word["het"].is_function_word and not by_word["het"].is_noun
    phrases = analysis.noun_phrases()
    assert "aantal aanmeldingen" in [p.text for p in phrases]  # the article is left out
    assert [p.head.lemma for p in phrases if p.head] == ["jaar", "aanmelding"]


def test_frog_keeps_class_names_and_numbers_in_their_noun_phrase(frog: DutchAnalyser) -> None:
    analysis = analyse("Leerlingen in 3 vmbo komen te laat in het eerste uur.")
    assert [p.text for p in analysis.noun_phrases()] == ["Leerlingen", "3 vmbo", "eerste uur"]
    komen = next(t for t in analysis.tokens if t.text == "komen")
    assert komen.is_verb and not komen.is_noun


def test_a_base_noun_phrase_ends_in_its_head(frog: DutchAnalyser) -> None:
    # Frog chunks "Onze uitval in jaar" as one phrase and runs "afhaken" on after "weken": the
    # preposition opens the phrase's modifier, the verb is the clause's.
    uitval = analyse("Onze uitval in jaar 1 is hoog.").noun_phrases()
    assert [p.head.lemma for p in uitval if p.head] == ["uitval", "jaar"]
    weken = analyse("We willen dat minder eerstejaars in de eerste tien weken afhaken.").noun_phrases()
    assert [p.text for p in weken][-1] == "eerste tien weken"


def test_one_connection_serves_many_texts_and_threads_take_turns(frog_port: int) -> None:
    client = FrogClient(frog_port)
    try:
        first = client.analyse("Studenten haken af tijdens de bpv.")
        second = client.analyse("Ouders   komen\nniet naar de ouderavond.")  # line breaks are not sentences
    finally:
        client.close()
    assert [p.text for p in first.noun_phrases()] == ["Studenten", "bpv"]
    assert len(second.sentences) == 1 and "ouderavond" in [t.lemma for t in second.tokens]


def test_parse_frog_reads_the_tab_format() -> None:
    output = (
        "1\tLeerlingen\tleerling\t\tN(soort,mv,basis)\t0.99\t\t\tB-NP\t\t\t\t\n"
        "2\tlezen\tlezen\t\tWW(pv,tgw,mv)\t0.9\t\t\tB-VP\t\t\t\t\n\n"
        "1\tGoed\tgoed\t\tADJ(vrij,basis,zonder)\t0.9\t\t\tB-ADJP\t\t\t\t\n"
    )
    analysis = parse_frog(output)
    assert [len(s) for s in analysis.sentences] == [2, 1]
    assert analysis.tokens[0] == Token("Leerlingen", "leerling", "N(soort,mv,basis)", "B-NP")
    assert analysis.tokens[1].is_finite_verb and analysis.tokens[2].is_adjective


def test_a_noun_in_a_fixed_expression_chunk_is_a_phrase_of_its_own() -> None:
    # Frog's chunker takes "in het schooladvies" for a fixed expression (VAST) after "mee"; whether its
    # noun is a topic is for the reader to decide, so it is no longer lost
    rows = [
        ("ouders", "ouder", "N(soort,mv,basis)", "B-NP"),
        ("mee", "mee", "VZ(fin)", "B-PP"),
        ("in", "in", "VZ(init)", "B-VAST"),
        ("het", "het", "LID(bep,stan,evon)", "I-VAST"),
        ("schooladvies", "schooladvies", "N(soort,ev,basis,onz,stan)", "I-VAST"),
    ]
    output = _frog_output(rows)
    assert [p.text for p in parse_frog(output).noun_phrases()] == ["ouders", "schooladvies"]


def test_a_product_name_is_a_noun_and_a_phrase_of_its_own_after_a_course_name() -> None:
    # "studenten Software Development ChatGPT (te laten gebruiken)": the chunker runs two objects together
    rows = [
        ("studenten", "student", "N(soort,mv,basis)", "B-NP"),
        ("Software", "Software", "SPEC(vreemd)", "I-NP"),
        ("Development", "Development", "SPEC(vreemd)", "I-NP"),
        ("TikTok", "TikTok", "SPEC(vreemd)", "I-NP"),
    ]
    output = _frog_output(rows)
    analysis = parse_frog(output)
    assert [t.is_product for t in analysis.tokens] == [False, False, False, True]
    assert [p.text for p in analysis.noun_phrases()] == ["studenten Software Development", "TikTok"]
    assert not Token("Verzorgende-IG", "Verzorgende-IG", "SPEC(vreemd)", "I-NP").is_product


def test_a_noun_frog_tags_as_an_adjective_is_read_as_a_noun(frog: DutchAnalyser) -> None:
    analysis = analyse("Wij willen dat de slimme leerlingen meer eigenaarschap tonen.")
    eigenaarschap = next(t for t in analysis.tokens if t.text == "eigenaarschap")
    assert eigenaarschap.is_noun and "eigenaarschap" in [p.text for p in analysis.noun_phrases()]
    assert next(t for t in analysis.tokens if t.text == "slimme").is_adjective  # a real one stays one


def test_without_frog_the_rules_answer_and_say_so_once_in_dutch(caplog: pytest.LogCaptureFixture) -> None:
    nlp = DutchAnalyser(command="frog-die-er-niet-is")
    first = nlp.analyse("Hoe vergroten we de woordenschat van leerlingen?")
    second = nlp.analyse("Studenten haken af tijdens de bpv.")
    assert first.analyser == second.analyser == "regels"
    assert nlp.message is not None and "niet geïnstalleerd" in nlp.message and "make frog" in nlp.message
    assert sum("taalanalyse (Frog)" in r.getMessage() for r in caplog.records) == 1
    assert [p.text for p in first.noun_phrases()] == ["woordenschat", "leerlingen"]


def test_a_frog_that_stops_at_start_up_is_reported() -> None:
    with pytest.raises(FrogUnavailableError, match="stopte bij het starten"):
        FrogServer(command="false").start()


def test_a_frog_that_does_not_start_in_time_is_stopped() -> None:
    server = FrogServer(command="sleep", start_timeout_s=0.3)  # `sleep --skip=… -S PORT` never listens
    with pytest.raises(FrogUnavailableError):
        server.start()
    assert server.port is None and server._proc is None


def test_a_start_whose_log_folder_goes_at_exit_ends_as_not_started(tmp_path: Path) -> None:
    # At interpreter exit the temporary folder's finaliser can remove Frog's log while a background
    # start still waits for it: that start ends as "not started", not with FileNotFoundError.
    silent = tmp_path / "silent-frog"
    silent.write_text("#!/bin/sh\nexec sleep 5\n")  # runs, never listens
    silent.chmod(0o755)
    server = FrogServer(command=str(silent), start_timeout_s=1.0)
    threading.Timer(0.3, lambda: server._dir and server._dir.cleanup()).start()
    with pytest.raises(FrogUnavailableError, match="niet gestart"):
        server.start()


def test_a_server_that_goes_away_falls_back_to_the_rules(frog_port: int) -> None:
    nlp = DutchAnalyser(port=frog_port)
    assert nlp.analyse("Leerlingen lezen weinig.").analyser == "frog"
    client = nlp.start()
    assert client is not None
    client.close()
    client.port = _closed_port()  # as if Frog stopped: the next connection is refused
    assert nlp.analyse("Leerlingen lezen weinig.").analyser == "regels"
    assert nlp.message is not None and nlp.message.startswith("De Nederlandse taalanalyse (Frog)")
    assert nlp.start() is None  # it does not try again for every text


def _frog_output(rows: list[tuple[str, str, str, str]]) -> str:
    """Frog's tab format for (word, lemma, tag, chunk) rows, one sentence."""
    return "".join(
        f"{i}\t{w}\t{lem}\t\t{tag}\t0.9\t\t\t{c}\t\t\t\t\n" for i, (w, lem, tag, c) in enumerate(rows, 1)
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_rules_never_make_a_function_word_or_frequent_word_a_noun() -> None:
    analysis = RuleAnalyser().analyse("Hoe zorgen we ervoor dat ouders vaker op de ouderavond komen?")
    nouns = [t.text for t in analysis.tokens if t.is_noun]
    assert nouns == ["ouders", "ouderavond"]
    assert all(not t.is_noun for t in analysis.tokens if t.text in {"Hoe", "zorgen", "we", "dat", "vaker"})


@pytest.mark.parametrize("port", [0, 70000])
def test_ports_are_checked(port: int) -> None:
    with pytest.raises(ValueError):
        FrogClient(port)


def test_a_question_opening_with_its_plural_verb_has_a_finite_verb(frog: DutchAnalyser) -> None:
    # Frog reads "Helpen" / "werken" here as infinitives; before their subject they are finite
    for text in ("Helpen leesmaatjes bij het technisch lezen?", "werken exit tickets echt in de les?"):
        first = analyse(text).tokens[0]
        assert first.is_finite_verb and not first.is_infinitive, text
    # an infinitive that opens a sentence before its finite verb stays one
    assert analyse("Samenwerken vinden de leerlingen leuk.").tokens[0].is_infinitive


def test_a_question_mark_on_a_number_ends_the_sentence_and_an_unknown_compound_is_a_noun(
    frog: DutchAnalyser,
) -> None:
    analysis = analyse("Helpt voorleessoftware de zwakke lezers in groep 8? Ze lezen thuis bijna niet.")
    assert len(analysis.sentences) == 2
    assert [t.text for t in analysis.sentences[0][-2:]] == ["8", "?"]
    assert next(t for t in analysis.tokens if t.text == "voorleessoftware").is_noun


def test_a_slip_of_the_d_or_t_is_read_as_meant() -> None:
    assert dt_spelled("Leverd dat wat op voor de klas?") == "Levert dat wat op voor de klas?"
    assert dt_spelled("Hoe wort dat geregeld? De leerling leerd snel.") == (
        "Hoe wordt dat geregeld? De leerling leert snel."
    )
    # both spellings of a real pair are words; a name stays
    assert dt_spelled("Er is veel gebeurd en het gebeurt weer.") == "Er is veel gebeurd en het gebeurt weer."
    assert dt_spelled("Arend vind het leuk.") == "Arend vind het leuk."


def test_a_straight_quote_closing_on_a_word_is_a_token_of_its_own(frog: DutchAnalyser) -> None:
    analysis = analyse("Bij de ingang staat een poster 'Wij lezen elke dag'. Werkt dat?")
    assert [t.text for t in analysis.sentences[0][-3:]] == ["dag", "'", "."]
    assert analysis.tokens[10].lemma == "dag"
