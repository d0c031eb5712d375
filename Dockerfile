# Vector Interview API. Configuration comes from VECTOR_* environment variables;
# production needs VECTOR_ENV=production, VECTOR_JWT_SECRET, VECTOR_DATABASE_URL
# and VECTOR_S3_BUCKET (see README).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VECTOR_HOST=0.0.0.0 \
    VECTOR_PORT=8000 \
    VECTOR_DATA_DIR=/app/var

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /app vector \
    && mkdir -p /app/var && chown vector /app/var

USER vector
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["vector-gql", "serve"]
