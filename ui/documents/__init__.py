"""Documents screens."""
