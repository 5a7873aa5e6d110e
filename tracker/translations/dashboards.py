# French and Khmer for the dashboards pages, keyed by the English text.
FR: dict[str, str] = {}

KM: dict[str, str] = {}
