"""One settings object, read from ``VECTOR_*`` environment variables.

Every setting has a default that works for local use with nothing configured.
With ``VECTOR_ENV=production`` the development-only defaults are refused at
start-up, with a message that names the variable to set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEV_JWT_SECRET = "vector-interview-development-secret-do-not-use-in-production"

# What each kind of work costs in a GraphQL operation, in the units of
# VECTOR_QUERY_COST_MAX and VECTOR_QUERY_BUDGET. Which fields do which work is
# listed in one table, in vector_gql/graphql/cost.py.
DEFAULT_QUERY_COST_WEIGHTS: dict[str, int] = {
    "object": 1,  # each object resolved (a row, or a page's wrapper)
    "mutation": 10,  # each mutation, on top of what it returns
    "signed_url": 10,  # signing a download or upload-part URL
    "storage_call": 50,  # a round trip to object storage (e.g. listing an upload's parts)
    "probe": 200,  # probing and hashing an uploaded file
    "password_hash": 20,  # a bcrypt hash or check
    "introspection": 50,  # __schema or __type
}


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"VECTOR_{name}")
    if value is None or value.strip() == "":
        return default
    return value.strip()


def _int(name: str, default: int) -> int:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"VECTOR_{name} must be a whole number, got {raw!r}.") from None


def _float(name: str, default: float) -> float:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"VECTOR_{name} must be a number, got {raw!r}.") from None


def _weights(name: str) -> dict[str, int]:
    """``name=value,name=value`` pairs of whole numbers."""
    raw = _env(name)
    if raw is None:
        return {}
    weights = {}
    for item in raw.split(","):
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            weights[key.strip()] = int(value)
        except ValueError:
            raise ConfigError(
                f"VECTOR_{name} must look like 'signed_url=10,storage_call=50', got {raw!r}."
            ) from None
    return weights


def _bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"VECTOR_{name} must be 1 or 0 (true or false), got {raw!r}.")


def _list(name: str) -> list[str]:
    raw = _env(name)
    if raw is None:
        return []
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    # Where the embedded database, the disk storage and other local state live.
    data_dir: Path = Path("var")
    # PostgreSQL URL (postgres://user:pass@host:port/db). Unset: embedded server.
    database_url: str | None = None
    database_pool_max: int = 10

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    # Base URL that clients reach the app at; used for links the app signs itself.
    public_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"
    log_json: bool = False

    jwt_secret: str = DEV_JWT_SECRET
    jwt_issuer: str = "vector-interview"
    access_token_seconds: int = 15 * 60
    refresh_token_seconds: int = 7 * 24 * 3600
    bcrypt_rounds: int = 12
    login_max_failures: int = 10
    login_window_seconds: int = 15 * 60

    cors_origins: list[str] = field(default_factory=list)
    max_query_depth: int = 12
    max_query_tokens: int = 2000
    max_query_aliases: int = 30
    max_json_body_bytes: int = 1024 * 1024
    # Query cost: the most one operation may cost, and each caller's budget
    # (capacity, refilled continuously at the restore rate; 0 turns it off).
    # The figures are explained in the README ("Choosing the limits").
    query_cost_max: int = 5_000
    query_budget: int = 10_000
    query_budget_restore_per_second: int = 200
    # Overrides of DEFAULT_QUERY_COST_WEIGHTS, by name.
    query_cost_weights: dict[str, int] = field(default_factory=dict)
    # Run cached operations on compiled plans (graphql/execution.py); with the
    # check on, also run each on graphql-core's executor and compare (tests).
    compiled_execution: bool = True
    execution_check: bool = False

    # "disk" or "s3"; unset means s3 when a bucket is configured, else disk.
    storage_backend: str = "disk"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    signed_url_seconds: int = 3600
    max_upload_bytes: int = 500 * 1024 * 1024
    max_video_seconds: float = 2 * 3600.0
    upload_part_bytes: int = 16 * 1024 * 1024
    abandoned_upload_seconds: int = 24 * 3600
    probe_workers: int = 2
    # Decompression bombs: the largest frame a video may have (8K), and the
    # address space and time one frame decode may take in its worker process.
    max_video_pixels: int = 7680 * 4320
    max_video_side: int = 8192
    probe_memory_mb: int = 1536
    probe_timeout_seconds: float = 30.0

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def storage_dir(self) -> Path:
        return self.data_dir / "storage"

    @property
    def pgdata_dir(self) -> Path:
        return self.data_dir / "pgdata"

    @classmethod
    def from_env(cls) -> Settings:
        bucket = _env("S3_BUCKET")
        backend = (_env("STORAGE_BACKEND") or ("s3" if bucket else "disk")).lower()
        if backend not in ("disk", "s3"):
            raise ConfigError(f"VECTOR_STORAGE_BACKEND must be 'disk' or 's3', got {backend!r}.")
        settings = cls(
            env=(_env("ENV", "development") or "development").lower(),
            data_dir=Path(_env("DATA_DIR", "var") or "var"),
            database_url=_env("DATABASE_URL"),
            database_pool_max=_int("DATABASE_POOL_MAX", cls.database_pool_max),
            host=_env("HOST", cls.host) or cls.host,
            port=_int("PORT", cls.port),
            workers=_int("WORKERS", cls.workers),
            public_url=(_env("PUBLIC_URL", cls.public_url) or cls.public_url).rstrip("/"),
            log_level=(_env("LOG_LEVEL", cls.log_level) or cls.log_level).upper(),
            log_json=(_env("LOG_JSON", "") or "").lower() in ("1", "true", "yes"),
            jwt_secret=_env("JWT_SECRET", DEV_JWT_SECRET) or DEV_JWT_SECRET,
            jwt_issuer=_env("JWT_ISSUER", cls.jwt_issuer) or cls.jwt_issuer,
            access_token_seconds=_int("ACCESS_TOKEN_SECONDS", cls.access_token_seconds),
            refresh_token_seconds=_int("REFRESH_TOKEN_SECONDS", cls.refresh_token_seconds),
            bcrypt_rounds=_int("BCRYPT_ROUNDS", cls.bcrypt_rounds),
            login_max_failures=_int("LOGIN_MAX_FAILURES", cls.login_max_failures),
            login_window_seconds=_int("LOGIN_WINDOW_SECONDS", cls.login_window_seconds),
            cors_origins=_list("CORS_ORIGINS"),
            max_query_depth=_int("MAX_QUERY_DEPTH", cls.max_query_depth),
            max_query_tokens=_int("MAX_QUERY_TOKENS", cls.max_query_tokens),
            max_query_aliases=_int("MAX_QUERY_ALIASES", cls.max_query_aliases),
            max_json_body_bytes=_int("MAX_JSON_BODY_BYTES", cls.max_json_body_bytes),
            query_cost_max=_int("QUERY_COST_MAX", cls.query_cost_max),
            query_budget=_int("QUERY_BUDGET", cls.query_budget),
            query_budget_restore_per_second=_int(
                "QUERY_BUDGET_RESTORE", cls.query_budget_restore_per_second
            ),
            query_cost_weights=_weights("QUERY_COST_WEIGHTS"),
            compiled_execution=_bool("COMPILED_EXECUTION", cls.compiled_execution),
            execution_check=_bool("EXECUTION_CHECK", cls.execution_check),
            storage_backend=backend,
            s3_bucket=bucket,
            s3_endpoint_url=_env("S3_ENDPOINT_URL"),
            s3_region=_env("S3_REGION"),
            signed_url_seconds=_int("SIGNED_URL_SECONDS", cls.signed_url_seconds),
            max_upload_bytes=_int("MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_video_seconds=_float("MAX_VIDEO_SECONDS", cls.max_video_seconds),
            upload_part_bytes=_int("UPLOAD_PART_BYTES", cls.upload_part_bytes),
            abandoned_upload_seconds=_int("ABANDONED_UPLOAD_SECONDS", cls.abandoned_upload_seconds),
            probe_workers=_int("PROBE_WORKERS", cls.probe_workers),
            max_video_pixels=_int("MAX_VIDEO_PIXELS", cls.max_video_pixels),
            max_video_side=_int("MAX_VIDEO_SIDE", cls.max_video_side),
            probe_memory_mb=_int("PROBE_MEMORY_MB", cls.probe_memory_mb),
            probe_timeout_seconds=_float("PROBE_TIMEOUT_SECONDS", cls.probe_timeout_seconds),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Refuse settings that cannot work, and development defaults in production."""
        if self.env not in ("development", "test", "production"):
            raise ConfigError("VECTOR_ENV must be one of development, test, production.")
        if not 4 <= self.bcrypt_rounds <= 31:
            raise ConfigError("VECTOR_BCRYPT_ROUNDS must be between 4 and 31.")
        for name in ("access_token_seconds", "refresh_token_seconds", "login_window_seconds"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"VECTOR_{name.upper()} must be positive.")
        if not 0 < self.max_upload_bytes <= 2**31 - 1:
            # Sizes travel as GraphQL Int (32-bit).
            raise ConfigError("VECTOR_MAX_UPLOAD_BYTES must be between 1 and 2147483647.")
        if self.upload_part_bytes < 5 * 1024 * 1024:
            raise ConfigError("VECTOR_UPLOAD_PART_BYTES must be at least 5 MiB (5242880).")
        self._validate_limits()
        if self.storage_backend == "s3" and not self.s3_bucket:
            raise ConfigError("VECTOR_STORAGE_BACKEND=s3 needs VECTOR_S3_BUCKET.")
        if not self.is_production:
            return
        problems = []
        if self.jwt_secret == DEV_JWT_SECRET:
            problems.append("set VECTOR_JWT_SECRET to a random secret of at least 32 bytes")
        elif len(self.jwt_secret.encode()) < 32:
            problems.append("VECTOR_JWT_SECRET is shorter than 32 bytes; use a longer secret")
        if not self.database_url:
            problems.append(
                "set VECTOR_DATABASE_URL; the embedded PostgreSQL is for development only"
            )
        if self.storage_backend != "s3":
            problems.append(
                "set VECTOR_S3_BUCKET (and VECTOR_S3_ENDPOINT_URL for S3-compatible stores); "
                "disk storage is for development only"
            )
        if self.bcrypt_rounds < 10:
            problems.append("VECTOR_BCRYPT_ROUNDS below 10 is for tests only; use 12 or more")
        if problems:
            raise ConfigError(
                "Refusing to start with VECTOR_ENV=production:\n- " + "\n- ".join(problems)
            )

    @property
    def cost_weights(self) -> dict[str, int]:
        """The query cost weights: the defaults, with the configured overrides."""
        return {**DEFAULT_QUERY_COST_WEIGHTS, **self.query_cost_weights}

    def _validate_limits(self) -> None:
        unknown = sorted(set(self.query_cost_weights) - set(DEFAULT_QUERY_COST_WEIGHTS))
        if unknown:
            raise ConfigError(
                f"VECTOR_QUERY_COST_WEIGHTS names unknown weights {', '.join(unknown)}; "
                f"known: {', '.join(DEFAULT_QUERY_COST_WEIGHTS)}."
            )
        if any(value < 0 for value in self.query_cost_weights.values()):
            raise ConfigError("VECTOR_QUERY_COST_WEIGHTS values must not be negative.")
        if self.query_cost_max <= 0:
            raise ConfigError("VECTOR_QUERY_COST_MAX must be positive.")
        if self.query_budget < 0 or self.query_budget_restore_per_second < 0:
            raise ConfigError(
                "VECTOR_QUERY_BUDGET and VECTOR_QUERY_BUDGET_RESTORE must not be negative."
            )
        if self.query_budget and self.query_budget < self.query_cost_max:
            raise ConfigError(
                "VECTOR_QUERY_BUDGET must be at least VECTOR_QUERY_COST_MAX (or 0 to turn it "
                "off), or the costliest allowed operation could never run."
            )
        if self.query_budget and self.query_budget_restore_per_second <= 0:
            raise ConfigError("VECTOR_QUERY_BUDGET_RESTORE must be positive when a budget is set.")
        if self.max_video_pixels <= 0 or self.max_video_side <= 0:
            raise ConfigError("VECTOR_MAX_VIDEO_PIXELS and VECTOR_MAX_VIDEO_SIDE must be positive.")
        if self.probe_memory_mb < 512:
            raise ConfigError(
                "VECTOR_PROBE_MEMORY_MB must be at least 512: the decoder alone needs about 300 MB."
            )
        if self.probe_timeout_seconds <= 0:
            raise ConfigError("VECTOR_PROBE_TIMEOUT_SECONDS must be positive.")
