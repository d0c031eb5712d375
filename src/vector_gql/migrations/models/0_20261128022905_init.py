from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "account_login_failure" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "scope" VARCHAR(8) NOT NULL,
    "key" VARCHAR(254) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_account_log_created_f172bb" ON "account_login_failure" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_account_log_scope_2b2f34" ON "account_login_failure" ("scope", "key", "created_at");
COMMENT ON TABLE "account_login_failure" IS 'A failed login, counted per account and per client address.';
CREATE TABLE IF NOT EXISTS "account_user" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "username" VARCHAR(150) NOT NULL,
    "username_key" VARCHAR(150) NOT NULL UNIQUE,
    "email" VARCHAR(254) NOT NULL,
    "email_key" VARCHAR(254) NOT NULL UNIQUE,
    "password_hash" VARCHAR(128) NOT NULL,
    "is_active" BOOL NOT NULL,
    "date_joined" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "account_session" (
    "id" UUID NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(32),
    "user_agent" VARCHAR(300) NOT NULL,
    "client_ip" VARCHAR(64) NOT NULL,
    "user_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "account_session" IS 'One sign-in: every access and refresh token issued from one login.';
CREATE TABLE IF NOT EXISTS "account_refresh_token" (
    "jti" UUID NOT NULL PRIMARY KEY,
    "issued_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "session_id" UUID NOT NULL REFERENCES "account_session" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztWltz4jYU/isaP6UzbIYYSNKdTmcgly7NhW1C2s5udjyKLUAbI3ktOYTZ8t8ryTa+c0"
    "mABCcvYB/pk6XvHEnnHOmnNqQWstnuOe1jcgqx7blI+wh+agQO5UNueQVo0HGiUing8M5W"
    "AGia1CPcsCXC6MUgd4y70OSiUg/aDAmRhZjpYodjSiS0CWR1ZAGFrQDVkHh1kAuCZgEk/r"
    "tpYyRfLctFjO3KD1jUFF/ApP/Mtm7JLTlDDgeYgM+U8b6Lrv86B4wCPoBc/CBg4yHmYEBt"
    "i4nWXMoYQA/IHYMRde/lF0TLAwFV/fII/uEhg9M+ElhX9O7rNyHGxEKPiMnXrxozqaNYuk"
    "dj+We6CIruGpBr32Rl597oYWRbCd1gS1ZVcoOPHSVr4X6b8FNVV3JyZ5jU9oYkqu+M+YCS"
    "KQATLqV9RJArPylk3PWkdohn24FWQ4X5Q4mq+GOIYSzUg54tdSzRfgcimWYYl52ucX3SNQ"
    "wto/8QEVNjIDIpkbYjusoUAX3ZhQ+/6nqtdqBXa/uHjfrBQeOweijqqv5miw4mfmcitvym"
    "FGftP9qXXdkhKgzUN2MpmCgM5NBHKVVF7E9VllTA0QC6+fRPASkNiKGlNRDyPUsFoSDSQT"
    "StNqGEIXw0bET6fCBeD2fQ+3fz6uhT82rn8JckxZdBgS5LJNcRt8EsWJTZoHoJedUb9QWY"
    "FbUKuVVlSXZji0uG5GNRwvEQ5ROdRKb4tgLobviwGvY3urKI8VkdYo+D787gvtu+OLnuNi"
    "8+y88NGfthK/qa3RNZoivpOCXd2U+padoI+Kfd/QTkK/jSuTxR7PpbD0vU637RZJ+gx6lB"
    "6MgQe1ZEUSgNaZzInaN3H1u9pOAOmvcj6FpGpoTqtKhutmioD9MSSGBfqUySK7sZOA9XqC"
    "fGMejSe0TynItE+ULOhesjxJ4aQuY5F8UmMH97LtyAv3OcnUE3N+3j/NkTVE9NG8/D1q4E"
    "PWW6zN+Htd96HjElC0B9Sf7Uf9fWNIFmTBi1UtX8GRC3bTX02VstZsx70nqVAG5mudroZr"
    "El61PISWaBiu9K6NHBorknaDmJfFfzq1azx540k2OwFSg4WCXf9bt6/TIRQovhG3nBafHW"
    "mEStcod8vaqdsyFmnLcMx1mCT6mLcJ+cobGiuS26AomZF3QGrtd11NJ2EhtJo2ntwtHUWU"
    "tZlngQ40bcDyib10fN4xNt8jJucch9jkccU8t8ZzhmDfNzbB2CABMm8gGTj0HOSrQjWlA5"
    "q8CvBsqvBr73BHouHQIqcCqVlk21Pb9JmXE7p33x2AfU4xVAXeAIFCJcimCqEQgYEnq3gF"
    "ztK6LwQYiZTMzdkoCMivr2CPMBwDzolA+WfCBhskEnVEovGtgzgoHlFrzVL3RvIxTYrtzF"
    "ZjNH5UpevMcGb8539Ffyp0zuJPI9QtgGLYvliuU5scV5/izySSn/V6bbZMa/pi+Q8K/phf"
    "l+WTRJR9yuIVxQkjOrirlOojZ3tKKtyx9J0VytLsJztVpMtCxLHayog2QDO8sQnQCVjuf9"
    "Rc6v9ouPr/Yzp1fKMJc9+o6B5p9/b8Guv7kj8BlpCEnqCnIQN0EzW6aCRRMQMdNbNvsQ3z"
    "NjB14sx/YD/OnZFbIhx7m7Y8FxW0l4n6wzV6NsNCdRE9ru/CxNOFle5qTy/arQS14VkrpX"
    "z0v6XyGmhBdb9hqL+F+iVqFnoMqyroF8Npa8P5TGrYbvlzX89bONhhDby9A8BZTQntdyUU"
    "sRtqwxJ0Cls+S18OxAxkZU+AgDyAbLcJ0BltCy9/RFLneKWsVrh5654ImZIXwg/JCzJbYo"
    "tREkRRd6YrgU2XcCuC62Q4PfbGqv1emcJ7J6rXbK97i8uWidCPYV96IS5gmXJCJcpj6N7x"
    "QTlOMJzs6tpqAlzKGX7ORkiWufmTsFz4wty3efYK1hZRO52BxoOYFlUFKZGVpGdV5NUPlW"
    "Ikp9r35QP6zt16eB5FQyK36cHys+IDf/bk+xFxKDlND/0BuNhTy+xgyPr5H2P+SkWoLhoH"
    "oJ2d1b6Bxkb8Y5yF7OOQglPPe46c/rzmXBKUgESTsY2OTgP2Bjto2J+hnkSjISXkTI6c5F"
    "89803UfnnVbaPZANtPJS9Ju8zzb5HyemtRg="
)
