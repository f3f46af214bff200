"""The one error type ingestion raises; its message is shown to teachers as is."""


class IngestError(Exception):
    """A file could not be ingested; str(err) is a plain-Dutch message naming the file and the fix."""
