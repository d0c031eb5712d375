"""The audit log in the API: ``Organization.auditLog`` and its ``AuditEntry`` nodes."""
