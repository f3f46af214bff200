"""The one error the flows raise for bad input; its text is shown to the user as is.

Usage::

    raise FlowInputError("Vul een praktijkvraag in.")
"""

from __future__ import annotations


class FlowInputError(ValueError):
    """Bad input for a flow; ``str(error)`` is a clear Dutch message for the user."""
