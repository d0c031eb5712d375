"""Review in GraphQL: rubrics and their criteria, reports."""
