# French and Khmer for the public pages, keyed by the English text.
FR: dict[str, str] = {}

KM: dict[str, str] = {}
