"""A donor's rights over their data: erasure of their name and contact, and an export of what is held."""
