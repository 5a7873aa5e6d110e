"""Bank statements: each booked line stored once, matched to the gifts and platform payouts it pays in."""
