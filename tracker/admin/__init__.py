"""Administration: users and roles, exchange rates."""
