"""``python -m assistant flow kennisvraag|interview|probleemanalyse …``: the flows on the command line.

* ``flow kennisvraag "PRAKTIJKVRAAG" [--sector vo] [--doelgroep …] [--focus …] [--json]``
* ``flow interview --speerpunt "…" --doelgroep leerlingen [--fase monitoren] [--sector po] [--json]``
* ``flow probleemanalyse --answers ANTWOORDEN.json [--format md|docx|json] [--out BESTAND]``

Offline by default; ``--llm`` uses the model configured in the settings (LEIDRAAD_LLM_*).
JSON output carries every citation (doc, section, page, text) so it can be checked against the corpus.

Usage (wired into ``assistant/cli.py``)::

    add_flow_parser(subparsers)
    ...
    if args.command == "flow":
        return run_flow(core, args)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.flows.export import Artifact, to_docx, to_markdown
from assistant.flows.interview import InterviewGenerator
from assistant.flows.kennisvraag import KennisvraagBuilder
from assistant.flows.probleemanalyse import Probleemanalyse, ProbleemanalyseSession, Step
from assistant.flows.sources import SourceMissingError
from assistant.flows.validation import FlowInputError
from assistant.models import SECTORS
from assistant.runtime import Core


def add_flow_parser(subparsers: Any) -> None:
    """Add the ``flow`` subcommand (with its three flows) to an argparse subparsers object."""
    flow = subparsers.add_parser("flow", help="begeleide stappen: probleemanalyse, kennisvraag, interview")
    flows = flow.add_subparsers(dest="flow", required=True)

    kennis = flows.add_parser("kennisvraag", help="van praktijkvraag naar kennisvraag en zoekplan")
    kennis.add_argument("praktijkvraag", help="de praktijkvraag van het team")
    kennis.add_argument("--sector", choices=SECTORS)
    kennis.add_argument("--doelgroep", help="bijvoorbeeld: leerlingen in de onderbouw")
    kennis.add_argument("--focus", help="waar de kennisvraag de nadruk op legt, bijvoorbeeld: motivatie")

    interview = flows.add_parser("interview", help="interview- of monitoringvragen met bronnen")
    interview.add_argument("--speerpunt", required=True)
    interview.add_argument(
        "--doelgroep", required=True, help="collega's, leerlingen, ouders of schoolleiding"
    )
    interview.add_argument(
        "--fase", default="huidige-situatie", help="huidige-situatie, monitoren of evaluatie"
    )
    interview.add_argument("--aantal", type=int, default=8, help="aantal vragen (1-20)")
    interview.add_argument("--sector", choices=SECTORS, help="po, vo of mbo: zo spreekt de sector")

    probleem = flows.add_parser("probleemanalyse", help="werkblad probleemanalyse uit opgeslagen antwoorden")
    probleem.add_argument("--answers", type=Path, help="JSON met speerpunt, sector en antwoorden per stap")
    probleem.add_argument("--speerpunt", help="speerpunt (als er nog geen antwoordenbestand is)")
    probleem.add_argument("--sector", choices=SECTORS)

    for sub in (kennis, interview, probleem):
        sub.add_argument("--format", choices=("md", "docx", "json"), default="md")
        sub.add_argument("--json", action="store_const", const="json", dest="format", help="= --format json")
        sub.add_argument("--out", type=Path, help="schrijf naar dit bestand (nodig voor docx)")
        sub.add_argument(
            "--llm", action="store_true", help="formuleer vloeiender met het ingestelde taalmodel"
        )


def run_flow(core: Core, args: argparse.Namespace) -> int:
    """Run the flow ``args`` names: 0 on success; a Dutch message on stderr and 2 for bad input,
    1 when the store lacks the leidraad."""
    try:
        if args.format == "docx" and not args.out:
            raise FlowInputError("Voor een Word-bestand is --out BESTAND.docx nodig.")
        data, artifact = _run(core, args, _chat_model(core) if args.llm else None)
    except FlowInputError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except SourceMissingError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    if args.format == "docx":
        args.out.write_bytes(to_docx(artifact))
        return 0
    text = (
        json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if args.format == "json"
        else to_markdown(artifact)
    )
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _run(
    core: Core, args: argparse.Namespace, chat_model: BaseChatModel | None
) -> tuple[dict[str, Any], Artifact]:
    if args.flow == "kennisvraag":
        result = KennisvraagBuilder(core.store, chat_model).run(
            args.praktijkvraag, args.sector, args.doelgroep, args.focus
        )
        return result.to_json(), result.to_artifact()
    if args.flow == "interview":
        result = InterviewGenerator(core.store, chat_model).run(
            args.speerpunt, args.doelgroep, args.fase, args.aantal, args.sector
        )
        return result.to_json(), result.to_artifact()
    flow = Probleemanalyse(core.store, chat_model, core.retriever)
    saved = _read_answers(args.answers) if args.answers else {}
    saved = {**saved, **{k: v for k, v in (("speerpunt", args.speerpunt), ("sector", args.sector)) if v}}
    session = flow.resume(saved)
    data = {
        "flow": "probleemanalyse",
        "state": session.to_json(),
        "stappen": [_step_json(session, s) for s in session.steps],
        "probleemstelling": [d.to_json() for d in session.probleemstelling()],
        "overdracht": session.overdracht().to_json(),
    }
    return data, session.werkblad()


def _step_json(session: ProbleemanalyseSession, step: Step) -> dict[str, Any]:
    feedback = session.terugkoppeling(step.id)
    return {
        **step.to_json(),
        "antwoord": session.state.antwoorden.get(step.id),
        "terugkoppeling": feedback.to_json() if feedback else None,
    }


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FlowInputError(f"Het antwoordenbestand '{path}' bestaat niet.") from exc
    except json.JSONDecodeError as exc:
        raise FlowInputError(
            f"Het antwoordenbestand '{path}' is geen geldige JSON (regel {exc.lineno})."
        ) from exc


def _chat_model(core: Core) -> BaseChatModel | None:
    from assistant.llm.providers import build_chat_model  # only when asked: keeps the offline path light

    return build_chat_model(core.settings)
