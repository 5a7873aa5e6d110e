"""The audit trail: one row per change, written beside the change and never altered afterwards."""
