"""Helpers the tests share (importable from child processes with tests/ on the path)."""
