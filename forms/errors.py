"""Errors a user can cause, kept apart from bugs.

A ``UserError`` carries one Chinese sentence that is shown as it is (a dialog in the
window, one line on stderr with exit code 2 on the command line). Anything else that
escapes is a bug.
"""


class UserError(Exception):
    """Something the clerk can fix: a bad argument, an unknown report, an unwritable path."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(UserError):
    """A value typed into a cell that its field refuses; the stored value is kept."""
