"""Use cases: one function is one unit of work; they return plain DTOs, never ORM objects."""
