"""Exchange rates that admins add where the ECB history shipped with the app has none."""
