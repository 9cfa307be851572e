"""The access log's handler: OAuth authorization codes and states come back to us
in the query string of ``authomatic-handler``; they are not written to the log."""

import logging
import re


OAUTH_QUERY_VALUES = re.compile(r"\b(code|state)=[^&\s\"]+")


def redact(line):
    return OAUTH_QUERY_VALUES.sub(r"\1=(redacted)", line)


class RedactingFileHandler(logging.FileHandler):
    def format(self, record):
        return redact(super().format(record))
