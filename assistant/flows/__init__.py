"""Guided flows: probleemanalyse, praktijkvraag → kennisvraag, interview- en monitoringvragen.

Core logic only (no UI); step definitions and texts live in ``prompts/flows/``.
"""

from assistant.flows.export import Artifact, to_docx, to_markdown
from assistant.flows.interview import InterviewGenerator, InterviewResult
from assistant.flows.kennisvraag import KennisvraagBuilder, KennisvraagResult
from assistant.flows.probleemanalyse import Probleemanalyse, ProbleemanalyseSession, ProbleemanalyseState
from assistant.flows.sources import SourceMissingError
from assistant.flows.validation import FlowInputError

__all__ = [
    "Artifact",
    "FlowInputError",
    "InterviewGenerator",
    "InterviewResult",
    "KennisvraagBuilder",
    "KennisvraagResult",
    "Probleemanalyse",
    "ProbleemanalyseSession",
    "ProbleemanalyseState",
    "SourceMissingError",
    "to_docx",
    "to_markdown",
]
