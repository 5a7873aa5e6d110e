"""The audit trail's page: admins see every event, coordinators those of their regions."""
