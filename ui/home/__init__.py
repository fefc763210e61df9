"""Home screens."""
