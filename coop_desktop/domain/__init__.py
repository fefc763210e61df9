"""Pure rules: pricing, settlement, validation. No I/O, no SQL, no Qt."""
