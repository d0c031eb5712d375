"""Vector Interview: an asynchronous video interview platform served as one GraphQL API."""
