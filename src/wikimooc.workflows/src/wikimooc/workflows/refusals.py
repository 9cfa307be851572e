"""Why an action may not be done."""


class Refused(Exception):
    """Raised before anything changed. ``status`` is the HTTP status a REST client
    gets; ``message`` is translatable."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message
