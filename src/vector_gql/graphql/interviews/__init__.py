"""Interviews and questions in GraphQL: the connection, the node types, mutations."""
