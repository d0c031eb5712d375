"""One settings object, read from ``VECTOR_*`` environment variables.

Every setting has a default that works for local use with nothing configured.
With ``VECTOR_ENV=production`` the development-only defaults are refused at
start-up, with a message that names the variable to set.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

# Outside production, a random secret is made here on first start and kept.
JWT_SECRET_FILE = "jwt-secret"
DEFAULT_MAIL_FROM = "Vector Interview <noreply@localhost>"

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
    "scoring": 100,  # reading and scoring an interview's review (results, agreement)
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


def _optional_bool(name: str) -> bool | None:
    """None when unset, so that a default can depend on other settings."""
    return None if _env(name) is None else _bool(name, False)


def local_jwt_secret(data_dir: Path) -> str:
    """The data directory's own random secret, made on first use and kept (mode 0600).

    Several workers may start at once: the file is created exclusively, and
    whoever loses the race reads the winner's secret.
    """
    path = data_dir / JWT_SECRET_FILE
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret + "\n")
    return secret


def _read_secret(path: Path) -> str:
    # Another process may have created the file a moment ago and still be writing it
    # (slowly, on a loaded machine).
    deadline = time.monotonic() + 10
    while not (secret := path.read_text().strip()):
        if time.monotonic() > deadline:
            raise ConfigError(f"{path} is empty; delete it to make a new secret.")
        time.sleep(0.01)
    return secret


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
    # Longest a statement may run before the request fails with DATABASE_UNAVAILABLE.
    database_timeout_seconds: float = 30.0

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    # Base URL that clients reach the app at; used for links the app signs itself.
    # Unset, it follows host and port.
    public_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"
    log_json: bool = False

    # Empty means unset: from_env fills it (random, kept in data_dir, outside production).
    jwt_secret: str = ""
    jwt_issuer: str = "vector-interview"
    access_token_seconds: int = 15 * 60
    refresh_token_seconds: int = 7 * 24 * 3600
    bcrypt_rounds: int = 12
    # Failed logins (OWASP's authentication guidance): login_max_failures per account
    # and client address pair in the window; past login_account_free_failures for one
    # account from every address together, each next attempt waits a backoff that
    # doubles from login_backoff_seconds (addresses the account signed in from before
    # are spared it); login_address_max_failures per address over all accounts.
    login_max_failures: int = 10
    login_window_seconds: int = 15 * 60
    login_account_free_failures: int = 20
    login_backoff_seconds: int = 2
    login_address_max_failures: int = 50
    # New accounts (signup, on every path that creates one) per client address.
    signup_max_per_address: int = 20
    signup_window_seconds: int = 3600

    cors_origins: list[str] = field(default_factory=list)
    max_query_depth: int = 12
    max_query_tokens: int = 2000
    max_query_aliases: int = 30
    # Largest non-upload request body, and largest WebSocket message.
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

    # JSON from clients (GraphQL variables, REST bodies, cursors): nesting and value count.
    max_input_depth: int = 32
    max_input_values: int = 50_000
    # None: on outside production, off in production.
    graphql_introspection: bool | None = None
    graphql_suggestions: bool | None = None
    graphiql: bool | None = None

    # Slow clients: the request head must arrive within header_timeout_seconds; a body
    # may pause at most body_timeout_seconds and must average body_min_rate bytes/s
    # after that grace time. Idle keep-alive connections close after keep_alive_seconds.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    body_min_rate: int = 1024
    keep_alive_seconds: int = 5
    max_header_bytes: int = 64 * 1024
    # Open connections per client address in one worker (0: no limit). Addresses in
    # FORWARDED_ALLOW_IPS (a proxy) are not limited here: the proxy must limit them.
    max_connections_per_address: int = 100
    # Open connections per worker before uvicorn answers 503 (0: no limit).
    max_connections: int = 0

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
    # Per organization: bytes its videos and pending direct uploads may take
    # together, and direct uploads pending at once (0: no limit).
    organization_storage_bytes: int = 50 * 1024**3
    organization_pending_uploads: int = 20
    probe_workers: int = 2
    # Decompression bombs: the largest frame a video may have (8K), and the
    # address space and time one frame decode may take in its worker process.
    max_video_pixels: int = 7680 * 4320
    max_video_side: int = 8192
    probe_memory_mb: int = 1536
    probe_timeout_seconds: float = 30.0

    # Background jobs (procrastinate, on the same PostgreSQL). Each `serve` worker
    # process also works the queue unless this is off (then run `vector-gql worker`).
    worker_in_serve: bool = True
    job_concurrency: int = 2
    # Outgoing mail. Unset: messages are kept in the organization's outbox.
    smtp_url: str | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    # Candidates: how long a candidate access token (from candidateSession) lasts; how
    # much longer than a question's answer time a recording may run; and how long after
    # the think and answer time an answer may still arrive (its upload).
    candidate_token_seconds: int = 2 * 3600
    answer_grace_seconds: float = 3.0
    answer_upload_seconds: int = 10 * 60
    # Review: an evaluator's scores are corrected for their leniency once they have
    # rated this many submissions of an interview.
    rater_correction_submissions: int = 5

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def introspection_enabled(self) -> bool:
        return self._default_on(self.graphql_introspection)

    @property
    def suggestions_enabled(self) -> bool:
        return self._default_on(self.graphql_suggestions)

    @property
    def graphiql_enabled(self) -> bool:
        return self._default_on(self.graphiql)

    def _default_on(self, value: bool | None) -> bool:
        """Developer conveniences: on unless set, except in production."""
        return (not self.is_production) if value is None else value

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
        env = (_env("ENV", "development") or "development").lower()
        data_dir = Path(_env("DATA_DIR", "var") or "var")
        host = _env("HOST", cls.host) or cls.host
        port = _int("PORT", cls.port)
        jwt_secret = _env("JWT_SECRET") or ""
        if not jwt_secret and env != "production":
            jwt_secret = local_jwt_secret(data_dir)
        settings = cls(
            env=env,
            data_dir=data_dir,
            database_url=_env("DATABASE_URL"),
            database_pool_max=_int("DATABASE_POOL_MAX", cls.database_pool_max),
            database_timeout_seconds=_float(
                "DATABASE_TIMEOUT_SECONDS", cls.database_timeout_seconds
            ),
            host=host,
            port=port,
            workers=_int("WORKERS", cls.workers),
            public_url=(_env("PUBLIC_URL") or default_public_url(host, port)).rstrip("/"),
            log_level=(_env("LOG_LEVEL", cls.log_level) or cls.log_level).upper(),
            log_json=(_env("LOG_JSON", "") or "").lower() in ("1", "true", "yes"),
            jwt_secret=jwt_secret,
            jwt_issuer=_env("JWT_ISSUER", cls.jwt_issuer) or cls.jwt_issuer,
            access_token_seconds=_int("ACCESS_TOKEN_SECONDS", cls.access_token_seconds),
            refresh_token_seconds=_int("REFRESH_TOKEN_SECONDS", cls.refresh_token_seconds),
            bcrypt_rounds=_int("BCRYPT_ROUNDS", cls.bcrypt_rounds),
            login_max_failures=_int("LOGIN_MAX_FAILURES", cls.login_max_failures),
            login_window_seconds=_int("LOGIN_WINDOW_SECONDS", cls.login_window_seconds),
            login_account_free_failures=_int(
                "LOGIN_ACCOUNT_FREE_FAILURES", cls.login_account_free_failures
            ),
            login_backoff_seconds=_int("LOGIN_BACKOFF_SECONDS", cls.login_backoff_seconds),
            login_address_max_failures=_int(
                "LOGIN_ADDRESS_MAX_FAILURES", cls.login_address_max_failures
            ),
            signup_max_per_address=_int("SIGNUP_MAX_PER_ADDRESS", cls.signup_max_per_address),
            signup_window_seconds=_int("SIGNUP_WINDOW_SECONDS", cls.signup_window_seconds),
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
            max_input_depth=_int("MAX_INPUT_DEPTH", cls.max_input_depth),
            max_input_values=_int("MAX_INPUT_VALUES", cls.max_input_values),
            graphql_introspection=_optional_bool("GRAPHQL_INTROSPECTION"),
            graphql_suggestions=_optional_bool("GRAPHQL_SUGGESTIONS"),
            graphiql=_optional_bool("GRAPHIQL"),
            header_timeout_seconds=_float("HEADER_TIMEOUT_SECONDS", cls.header_timeout_seconds),
            body_timeout_seconds=_float("BODY_TIMEOUT_SECONDS", cls.body_timeout_seconds),
            body_min_rate=_int("BODY_MIN_RATE", cls.body_min_rate),
            keep_alive_seconds=_int("KEEP_ALIVE_SECONDS", cls.keep_alive_seconds),
            max_header_bytes=_int("MAX_HEADER_BYTES", cls.max_header_bytes),
            max_connections_per_address=_int(
                "MAX_CONNECTIONS_PER_ADDRESS", cls.max_connections_per_address
            ),
            max_connections=_int("MAX_CONNECTIONS", cls.max_connections),
            storage_backend=backend,
            s3_bucket=bucket,
            s3_endpoint_url=_env("S3_ENDPOINT_URL"),
            s3_region=_env("S3_REGION"),
            signed_url_seconds=_int("SIGNED_URL_SECONDS", cls.signed_url_seconds),
            max_upload_bytes=_int("MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            max_video_seconds=_float("MAX_VIDEO_SECONDS", cls.max_video_seconds),
            upload_part_bytes=_int("UPLOAD_PART_BYTES", cls.upload_part_bytes),
            abandoned_upload_seconds=_int("ABANDONED_UPLOAD_SECONDS", cls.abandoned_upload_seconds),
            organization_storage_bytes=_int(
                "ORGANIZATION_STORAGE_BYTES", cls.organization_storage_bytes
            ),
            organization_pending_uploads=_int(
                "ORGANIZATION_PENDING_UPLOADS", cls.organization_pending_uploads
            ),
            probe_workers=_int("PROBE_WORKERS", cls.probe_workers),
            max_video_pixels=_int("MAX_VIDEO_PIXELS", cls.max_video_pixels),
            max_video_side=_int("MAX_VIDEO_SIDE", cls.max_video_side),
            probe_memory_mb=_int("PROBE_MEMORY_MB", cls.probe_memory_mb),
            probe_timeout_seconds=_float("PROBE_TIMEOUT_SECONDS", cls.probe_timeout_seconds),
            worker_in_serve=_bool("WORKER_IN_SERVE", cls.worker_in_serve),
            job_concurrency=_int("JOB_CONCURRENCY", cls.job_concurrency),
            smtp_url=_env("SMTP_URL"),
            mail_from=_env("MAIL_FROM", DEFAULT_MAIL_FROM) or DEFAULT_MAIL_FROM,
            candidate_token_seconds=_int("CANDIDATE_TOKEN_SECONDS", cls.candidate_token_seconds),
            answer_grace_seconds=_float("ANSWER_GRACE_SECONDS", cls.answer_grace_seconds),
            answer_upload_seconds=_int("ANSWER_UPLOAD_SECONDS", cls.answer_upload_seconds),
            rater_correction_submissions=_int(
                "RATER_CORRECTION_SUBMISSIONS", cls.rater_correction_submissions
            ),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Refuse settings that cannot work, and development defaults in production."""
        if self.env not in ("development", "test", "production"):
            raise ConfigError("VECTOR_ENV must be one of development, test, production.")
        if not 4 <= self.bcrypt_rounds <= 31:
            raise ConfigError("VECTOR_BCRYPT_ROUNDS must be between 4 and 31.")
        if self.answer_grace_seconds < 0 or self.answer_upload_seconds < 0:
            raise ConfigError(
                "VECTOR_ANSWER_GRACE_SECONDS and VECTOR_ANSWER_UPLOAD_SECONDS may not be negative."
            )
        for name in (
            "access_token_seconds",
            "refresh_token_seconds",
            "login_window_seconds",
            "candidate_token_seconds",
            "login_max_failures",
            "login_account_free_failures",
            "login_backoff_seconds",
            "login_address_max_failures",
            "signup_max_per_address",
            "signup_window_seconds",
        ):
            if getattr(self, name) <= 0:
                raise ConfigError(f"VECTOR_{name.upper()} must be positive.")
        if self.database_timeout_seconds <= 0:
            raise ConfigError("VECTOR_DATABASE_TIMEOUT_SECONDS must be positive.")
        if not 0 < self.max_upload_bytes <= 2**31 - 1:
            # Sizes travel as GraphQL Int (32-bit).
            raise ConfigError("VECTOR_MAX_UPLOAD_BYTES must be between 1 and 2147483647.")
        for name in ("organization_storage_bytes", "organization_pending_uploads"):
            if getattr(self, name) < 0:
                raise ConfigError(f"VECTOR_{name.upper()} must be 0 (no limit) or more.")
        if self.upload_part_bytes < 5 * 1024 * 1024:
            raise ConfigError("VECTOR_UPLOAD_PART_BYTES must be at least 5 MiB (5242880).")
        self._validate_limits()
        for name in ("max_json_body_bytes", "max_input_depth", "max_input_values"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"VECTOR_{name.upper()} must be positive.")
        for name in ("header_timeout_seconds", "body_timeout_seconds", "keep_alive_seconds"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"VECTOR_{name.upper()} must be positive.")
        if self.storage_backend == "s3" and not self.s3_bucket:
            raise ConfigError("VECTOR_STORAGE_BACKEND=s3 needs VECTOR_S3_BUCKET.")
        if not 1 <= self.job_concurrency <= 100:
            raise ConfigError("VECTOR_JOB_CONCURRENCY must be between 1 and 100.")
        if self.rater_correction_submissions < 1:
            raise ConfigError("VECTOR_RATER_CORRECTION_SUBMISSIONS must be at least 1.")
        self._validate_mail()
        if not self.is_production:
            return
        problems = []
        if not self.jwt_secret:
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

    def _validate_mail(self) -> None:
        from .services.mail.addresses import InvalidAddress, parse_sender
        from .services.mail.smtp import SmtpConfig, SmtpUrlError

        try:
            parse_sender(self.mail_from)
        except InvalidAddress as exc:
            raise ConfigError(f"VECTOR_MAIL_FROM: {exc}") from None
        if self.smtp_url is None:
            return
        try:
            smtp = SmtpConfig.parse(self.smtp_url)
        except SmtpUrlError as exc:
            raise ConfigError(f"VECTOR_SMTP_URL: {exc}") from None
        if self.is_production and smtp.sends_password_in_clear:
            raise ConfigError(
                "VECTOR_SMTP_URL would send the SMTP password unencrypted to another host; "
                "use smtp+starttls:// or smtps://."
            )
        if self.is_production and self.mail_from == DEFAULT_MAIL_FROM:
            raise ConfigError(
                "Refusing to start with VECTOR_ENV=production:\n- set VECTOR_MAIL_FROM to the "
                "address mail is sent from (e.g. 'Acme Hiring <hiring@acme.example>')"
            )


def default_public_url(host: str, port: int) -> str:
    """Where a server bound to host:port is reached from this machine."""
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"
