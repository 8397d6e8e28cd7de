"""The command line's two kinds of error, apart so that `main` and the quick `list` import nothing else."""


class UsageError(Exception):
    """The command was used wrongly (exit 2)."""


class Failure(Exception):
    """Something went wrong that is not the person's typing (exit 1)."""
