"""Errors a user sees, each with a stable ``code`` (output-schema.md ``error.code``).

>>> err = ReadError("bad.docx", "corrupt-docx", "tệp .docx bị hỏng")
>>> str(err)
'bad.docx: tệp .docx bị hỏng'
>>> err.code
'corrupt-docx'
"""

from __future__ import annotations

__all__ = ["ReportcheckError", "ReadError", "RuleError", "ConfigError", "ERROR_CODES"]

#: every ``error.code`` a document can carry, with its meaning
ERROR_CODES = {
    "not-found": "the file does not exist",
    "empty-file": "the file is empty or has no text",
    "wrong-extension": "the content does not match the extension",
    "unsupported-format": "a format reportcheck does not read",
    "corrupt-docx": "the .docx is not a valid Word package",
    "encrypted-docx": "the .docx is password-protected",
    "unknown-encoding": "the text encoding could not be determined",
    "read-error": "the file could not be read",
    "internal-error": "reportcheck failed on this file (a bug)",
}


class ReportcheckError(Exception):
    """Base class of every error reportcheck raises on purpose."""


class ReadError(ReportcheckError):
    """A file could not be read into a Document. ``message`` is Vietnamese."""

    def __init__(self, path: str, code: str, message: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(f"{path}: {message}")
        self.path, self.code, self.message = str(path), code, message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class RuleError(ReportcheckError):
    """A rule file is invalid; the message names the file and line."""

    def __init__(self, path: str, line: int | None, message: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.message = str(path), line, message


class ConfigError(ReportcheckError):
    """A configuration file or option is invalid."""
