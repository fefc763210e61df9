"""What every screen shares: the op runner, change following, questions, tables, formats."""
