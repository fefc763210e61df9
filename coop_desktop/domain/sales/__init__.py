"""Selling the milk: the daily milk balance, a buyer's price and the margin (pure rules)."""
