"""Public pages: home, campaign pages, public region dashboards, receipt check."""
