"""Printing screens."""
