class BuildError(Exception):
    """A build failure explained in one sentence: what is wrong, where, and what to do."""
