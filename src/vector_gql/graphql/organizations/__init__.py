"""Organizations in GraphQL: members, roles, invitations."""
