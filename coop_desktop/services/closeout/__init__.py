"""The close and everything that checks it: `closing` (preview and close), `inputs` (what a
close reads), `shares` (the second process), `writer`, `check*`, `period_status`. Nothing is
imported here: the second process loads `shares` without the rest."""
