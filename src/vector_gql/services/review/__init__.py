"""Review of submissions: scoring from evaluators' ratings, and reports.

Framework-free: these modules take plain records and return plain results,
so a service can fill them from database rows and a job can render them.
"""
