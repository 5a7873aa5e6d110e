# French and Khmer for the management pages, keyed by the English text.
FR: dict[str, str] = {}

KM: dict[str, str] = {}
