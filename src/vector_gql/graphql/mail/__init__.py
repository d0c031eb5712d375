"""Outgoing mail in the API: ``Organization.outbox`` and its ``OutboxMessage`` nodes."""
