"""Prices screens."""
