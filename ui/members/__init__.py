"""Members screens."""
