"""Closeout screens."""
