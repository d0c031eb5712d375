"""Where input from outside is checked before anything else touches it.

Every entry point (GraphQL over HTTP and WebSocket, multipart uploads, the
original REST paths, the HTML forms) hands what it receives to the same checks:

- ``values``: JSON that is bounded in depth and size, and text held to
  ``services.validation.text_problem`` (no NUL, no unpaired UTF-16 surrogates);
  ``Refused`` and its codes. Framework-free. The REST paths and forms use it
  through ``web/rest.py``.
- ``graphql``: the GraphQL view's hooks (JSON bodies, multipart envelopes,
  WebSocket messages) and a schema extension that checks the document's text and
  the variables' list sizes before any variable is coerced.
- ``envelope``: the ``operations`` and ``map`` fields of a multipart upload, read
  before its files, for the upload gate (``graphql/upload_gate.py``) to judge.
- ``asgi``: an ASGI guard around the whole app (WebSocket message cap, a 500 that
  keeps the connection usable, anti-framing headers on HTML).
- ``server``: the uvicorn protocol with header and body timeouts and a limit of
  connections per client address.

Each refusal says what to fix and carries a code.
"""
