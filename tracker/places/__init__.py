"""Places: ISO 3166 countries and subdivisions, and the cities under them."""
