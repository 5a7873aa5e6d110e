"""What waits for a coordinator in their regions: unverified gifts, probable duplicates, unmatched bank lines."""
