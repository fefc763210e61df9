"""The bottom layer: exact numbers, coded errors, the clock, the message catalogue and the
one translation path. Imports nothing else of the program."""
