"""Words and numbers in the reader's language: the one formatter (Babel) and the
names of the domain's objects. Above the domain, which speaks no language."""
