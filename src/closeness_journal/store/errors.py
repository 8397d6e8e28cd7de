"""What can go wrong with the journal's files, as errors whose message is one plain sentence
the person can be shown as it is."""


class JournalError(Exception):
    """A problem with the journal's files that the person should be told about in plain words."""


class DatabaseTooNew(JournalError):
    """The file was written by a newer version of closeness-journal; it is left untouched."""


class NotAJournal(JournalError):
    """The file is not a journal database (or is damaged); it is left untouched."""


class EntryNotFound(JournalError):
    """No entry has the id (or id prefix) asked for, or more than one does."""


class DiskFull(JournalError):
    """The disk is full: nothing was saved (the message makes no promise about where the text is)."""
