"""Selling the milk: buyers, dispatches, the daily balance, buyers' accounts, the margin and
the own plant (one module each). Importing this package imports nothing else."""
