# French and Khmer for the donations pages, keyed by the English text.
FR: dict[str, str] = {}

KM: dict[str, str] = {}
