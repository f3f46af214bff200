import argparse
import io
import json

import docx
import pytest

from assistant.flows.cli import add_flow_parser, run_flow


@pytest.fixture
def parse():
    parser = argparse.ArgumentParser()
    add_flow_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args


def test_kennisvraag_json_carries_citations(corpus_core, frog, parse, capsys, assert_in_store):
    praktijkvraag = "Hoe kunnen we leerlingen beter leren plannen?"
    args = parse(["flow", "kennisvraag", praktijkvraag, "--sector", "vo", "--focus", "motivatie", "--json"])
    assert run_flow(corpus_core, args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kennisvraag"]["tekst"].endswith("met de nadruk op motivatie?")
    assert len(data["kennisvraag"]["varianten"]) >= 2 and all(
        v["tekst"] for v in data["kennisvraag"]["varianten"]
    )
    assert {"term", "synoniemen", "engels"} <= set(data["zoektermen"][0])
    assert data["focus"] == "motivatie" and "motivation" in data["zoekstring"]["en"]
    citations = [*data["kennisvraag"]["citations"], *(b["citation"] for b in data["bronnen"])]
    assert all({"doc", "section", "page", "text"} <= set(c) for c in citations)
    assert_in_store(citations)


def test_interview_markdown(corpus_core, parse, capsys):
    args = parse(
        ["flow", "interview", "--speerpunt", "pesten", "--doelgroep", "leerlingen", "--fase", "monitoren"]
    )
    assert run_flow(corpus_core, args) == 0
    assert "# Interviewprotocol: pesten" in capsys.readouterr().out
    args = ["flow", "interview", "--speerpunt", "pesten", "--doelgroep", "leerlingen", "--sector", "po"]
    assert run_flow(corpus_core, parse([*args, "--json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sector"] == "po" and any("juf of meester" in v["vraag"] for v in data["vragen"])


def test_probleemanalyse_from_answers_file_to_docx_and_json(corpus_core, parse, tmp_path, capsys):
    answers = {
        "speerpunt": "Overgang 3 naar 4 havo",
        "sector": "vo",
        "antwoorden": {"probleem": "Te grote stap"},
    }
    path = tmp_path / "antwoorden.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    out = tmp_path / "werkblad.docx"
    assert (
        run_flow(
            corpus_core,
            parse(["flow", "probleemanalyse", "--answers", str(path), "--format", "docx", "--out", str(out)]),
        )
        == 0
    )
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "Te grote stap" in body and "Overgang 3 naar 4 havo" in body
    assert run_flow(corpus_core, parse(["flow", "probleemanalyse", "--answers", str(path), "--json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["state"]["antwoorden"] == answers["antwoorden"]
    assert data["stappen"][0]["antwoord"] == "Te grote stap" and data["stappen"][0]["citations"]
    assert data["stappen"][0]["terugkoppeling"]["passages"]  # found by searching with the answer
    assert data["probleemstelling"][0]["tekst"] == "Te grote stap"
    assert data["overdracht"]["interview"]["speerpunt"] == "Overgang 3 naar 4 havo"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["flow", "kennisvraag", " "], "Vul een praktijkvraag in"),
        (["flow", "interview", "--speerpunt", "x", "--doelgroep", "inspectie"], "Onbekende doelgroep"),
        (["flow", "probleemanalyse", "--answers", "/bestaat/niet.json"], "bestaat niet"),
        (["flow", "probleemanalyse"], "geen speerpunt"),
        (["flow", "kennisvraag", "Hoe plannen leerlingen?", "--format", "docx"], "--out"),
    ],
)
def test_bad_input_exits_2_with_dutch_message(corpus_core, parse, capsys, argv, message):
    assert run_flow(corpus_core, parse(argv)) == 2
    assert message in capsys.readouterr().err
