"""Where the money went: costs, transfers to recipient NGOs, pass-throughs to a federation's campaign,
the documents that prove them, and public claims set beside the ledger."""
