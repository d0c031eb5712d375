# Vector Interview API. Configuration comes from VECTOR_* environment variables;
# production needs VECTOR_ENV=production, VECTOR_JWT_SECRET, VECTOR_DATABASE_URL
# and VECTOR_S3_BUCKET (see the README's Docker section).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VECTOR_HOST=0.0.0.0 \
    VECTOR_PORT=8000 \
    VECTOR_DATA_DIR=/app/var

WORKDIR /app
# Every version comes from constraints.txt, the build tool included, so a rebuild
# installs what was tested.
COPY constraints.txt ./
RUN pip install -c constraints.txt setuptools
COPY pyproject.toml setup.py README.md ./
COPY src ./src
COPY migrations ./migrations
RUN pip install --no-build-isolation -c constraints.txt . \
    && useradd --system --uid 10001 --home-dir /app vector \
    && mkdir -p /app/var && chown vector /app/var

USER vector
EXPOSE 8000
# Checks /healthz on VECTOR_PORT, so it follows a port changed with -e VECTOR_PORT=...
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["vector-gql", "healthcheck"]
CMD ["vector-gql", "serve"]
