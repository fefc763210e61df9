"""Coop Desktop: collection, quality and payments for milk producer associations."""

__version__ = "0.1.0"
