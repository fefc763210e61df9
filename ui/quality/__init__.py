"""Quality screens."""
