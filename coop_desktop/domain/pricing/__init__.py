"""Quality-adjusted pricing: schemes as data, a compiled engine, explanations."""
