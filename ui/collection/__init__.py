"""Collection screens."""
