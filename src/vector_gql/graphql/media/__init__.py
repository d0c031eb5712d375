"""Videos in GraphQL: multipart upload, direct resumable uploads, signed links."""
