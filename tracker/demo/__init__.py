"""Demo data drawn from the seed articles (illustrative, except the figure they report)."""
