"""Typed errors of the processing stages; each message says what to do."""


class PipelineError(Exception):
    """Base class of every error raised by `pipeline`."""


class DecodeError(PipelineError):
    """The bytes could not be turned into text."""


class EmptyPageError(PipelineError):
    """The input holds no text to process."""


class NotHTMLError(PipelineError):
    """The input is not an HTML document (a PDF, an image, JSON ...)."""
