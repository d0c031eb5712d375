"""Accounts in GraphQL: sign up, log in, refresh, log out, the viewer."""
