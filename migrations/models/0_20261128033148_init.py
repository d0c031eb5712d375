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
CREATE TABLE IF NOT EXISTS "org_organization" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "media_video" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "storage_key" VARCHAR(512) NOT NULL UNIQUE,
    "filename" VARCHAR(255) NOT NULL,
    "container" VARCHAR(32) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "duration_seconds" DOUBLE PRECISION NOT NULL,
    "width" INT NOT NULL,
    "height" INT NOT NULL,
    "codec" VARCHAR(32) NOT NULL,
    "rotation" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "uploaded_at" TIMESTAMPTZ NOT NULL,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "uploaded_by_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "media_video" IS 'A probed video in storage. Rows exist only for files that passed probing.';
CREATE TABLE IF NOT EXISTS "media_video_upload" (
    "id" UUID NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "part_size_bytes" BIGINT NOT NULL,
    "part_count" INT NOT NULL,
    "storage_key" VARCHAR(512) NOT NULL UNIQUE,
    "storage_upload_id" VARCHAR(1024) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "failure_code" VARCHAR(32),
    "created_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "created_by_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "video_id" BIGINT REFERENCES "media_video" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_media_video_created_68bfbb" ON "media_video_upload" ("created_at");
COMMENT ON COLUMN "media_video_upload"."status" IS 'PENDING: PENDING\nCOMPLETING: COMPLETING\nCOMPLETED: COMPLETED\nABORTED: ABORTED\nFAILED: FAILED';
COMMENT ON TABLE "media_video_upload" IS 'A large file sent straight to storage in parts, resumable part by part.';
CREATE TABLE IF NOT EXISTS "org_membership" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_org_members_organiz_1fffc0" UNIQUE ("organization_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_org_members_user_id_6d9c05" ON "org_membership" ("user_id", "organization_id");
COMMENT ON COLUMN "org_membership"."role" IS 'OWNER: OWNER\nRECRUITER: RECRUITER\nEVALUATOR: EVALUATOR';
CREATE TABLE IF NOT EXISTS "org_invitation" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL,
    "email_key" VARCHAR(254) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "accepted_at" TIMESTAMPTZ,
    "accepted_by_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL,
    "invited_by_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_org_invitat_organiz_740e95" ON "org_invitation" ("organization_id", "email_key");
COMMENT ON COLUMN "org_invitation"."role" IS 'OWNER: OWNER\nRECRUITER: RECRUITER\nEVALUATOR: EVALUATOR';
COMMENT ON TABLE "org_invitation" IS 'An owner''s invitation to join, by email and role.';
CREATE TABLE IF NOT EXISTS "interview_interview" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "answer_deadline" TIMESTAMPTZ,
    "first_answer_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "creator_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE RESTRICT,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_interview_i_organiz_a49da4" ON "interview_interview" ("organization_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_interview_i_organiz_b716aa" ON "interview_interview" ("organization_id", "updated_at", "id");
CREATE INDEX IF NOT EXISTS "idx_interview_i_organiz_fc2eed" ON "interview_interview" ("organization_id", "title", "id");
COMMENT ON COLUMN "interview_interview"."status" IS 'DRAFT: DRAFT\nOPEN: OPEN\nCLOSED: CLOSED\nARCHIVED: ARCHIVED';
CREATE TABLE IF NOT EXISTS "interview_question" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "text" TEXT NOT NULL,
    "think_time_seconds" INT NOT NULL,
    "answer_time_seconds" INT NOT NULL,
    "retakes" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "interview_id" BIGINT NOT NULL REFERENCES "interview_interview" ("id") ON DELETE CASCADE,
    "video_prompt_id" BIGINT REFERENCES "media_video" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_interview_q_intervi_5c1e47" ON "interview_question" ("interview_id", "position");
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
    "eJztXW1z2rgW/isavtzdmWwnIU3azdy5MyQhXe5S6BLS3dmm4zogQBsjUVskze7Nf7+S/C"
    "pbBhsMsV19SYysI9vP0cvRc46kfxpzMoaW86pLpghfmcha2rBxBv5pYHPOL5T3D0DDXCzC"
    "uzyBmneWEDBHI7LE1LC4hDGJiNw51DZHlGWamJYDWdIYOiMbLSgimIu2AM8Ox0DIHgBREP"
    "u5gDbwigUmdn+PLAT5z/HYho7zij9gTEbsCQhPtyzrFt/iX+GCAoTBB+LQqQ2vf+sChwA6"
    "Myn7A4GF5oiCGbHGDivNJo4D4AO0n8Ajse/5E1jJMyYq3muJ0dclNCiZQiZrs7f79JklIz"
    "yG36DDf35qOCOyECjdwyf+b2RDk72uYdLGZ555cW9MELTGkm7QmGcV6QZ9Woi0czTtYHol"
    "8nJM7owRsZZzHOZfPNEZwYEAwpSnTiGGNn8kS6P2kmsHLy3L06qvMPdTwizuN0RkxnBiLi"
    "2uYy7tvkCY1jCMXn9oXLeHhtFI6N+XiKjRSxoRzOsOe1VHADDlr/DTz83m8fGb5uHx6duT"
    "12/enLw9fMvyivdN3nrz7L5MiJZblMCs867TG/IXIqyCutWYJzwLGZOarpRQVYh+oDJZAR"
    "cz01bDHwjENMA+La4BH+9VKvATQh2EzWofSpib3wwL4imdsZ9vV8D7sTW4+KU1+OHtjzLE"
    "Pe9Gk9/hWIfYeq0gK7Je9hri2jx5nQFZlisVW3FPRjfSuSRAvmR3KJpDNdCyZAzvsSf6yr"
    "8oBv299izs+8Z9bD15z12B/bDzvn09bL3/wB83d5yvloCvNWzzO02R+hRL/eE0pqagEPB7"
    "Z/gL4D/Bn/1eW6DrDj2OlG/4Z4O/k7mkxMDk0WBjVgiRn+rD+MxHjsl9pPfiCXfm6P7RtM"
    "dG4g5pkrS8yVvz5jyeYmJzKlTGweWv6RkPAzhh3zEbknuIVcaFdD+TcWG7EmxM9UXWGRfp"
    "VWD98Jw6AP9FUbIF3dx0LtWtx8seazbLJRq/4kKbNJf143Dj35MlHnEUgHgS//P6P40dNa"
    "AVDUb0VMduC4jWbfHpq4da5DjLjforSXA/3dVeB4uK9E8+JokOKjoqwW8LxIrbQMuypFZz"
    "qdW8dDZqyRGxAhTs9ZJav8Xr12FTaPb5hmpymj40ylJFjpDlVe2aATFhvCUwTgJ8RWyIpv"
    "hX+CRg7rBXMfFINen0TK/rsKRqAhumhs3aNh8DYy1Ws9gF+25I3Qll6/qiddluPL+MWexj"
    "r7CII2pZbwxHasN6jq2PIXBYFfkJ4TOPs2LlsBIEZ+XZ1UDY1cC1nsDEJnNAmJyg0pJU2/"
    "ZFcsatS6bscgrIkh4AYoMFk4KY8iQzVogJHMj0Pga8tz9gNx9YssOJuVvsgXEgnv2I6Awg"
    "6r2UK8zxgKzKei8hKL3ww7aYDOTr8Irv6L6PqUC1uIv9Mkf1Ii/03OC7sx3dnnyTxi1L6h"
    "lCFbTMuitHZcSm8/xJyY0o/5LpVmb8j5sZCP/jZirfz289x2fctsFMUKxoVelYy1L7c600"
    "dmWPxGA+PMyC8+FhOtD8XsyxIhzJBlrkAVoSqh3Op1n8V6fp7qvThPdKVMy8ru+I0Hr/dw"
    "VG/f25wFfQEBzUAjiIG6+YiqkgKwERqXp52YfomBlxeDmKuu/JX/06gJZJkXJ0THG31QT3"
    "511yNaKOKogav+6uZ2n8xvIynkodKvSSoUJc9+I6p/3ly9QwsOXoJIv9xXKlWgbiXtI04N"
    "dGzvihuFwxeL9sxd892nBuIisPzIFADevzTgK1BGB5K7MkVLuavBOcF6bjPBJmI8xMZ5YH"
    "64RgDWv2UTNLcCfLld53NBMBnsgxmA2EHhRD4jkhFjRxWkBPRC4G9h0T3BXafoXfL7V33u"
    "93JVbvvBOzPXo378/bDH2BPcuEqGSShIBz6tP4iyAMFZbgam41JlpDDr1mnpMcYZ+JmIIt"
    "55b1iyeQWtEDGkOyJUQfeRm1BshYLixijovA6UaUVFe05nB+B21nhhZbYvU+KKiuUPGIkg"
    "V33yP8gKiAY0vM+vbUxOhvkasTFFo991Em+BzhYtDQbQCdHzfCbkP7AcHHLcHr+OXUqanu"
    "knt1B0wF+RqMpOns6xyOkWk8BBkzrEFd2OQOjoGQ4UtAHcoMtyl8BQbk0QHwG3IoIMxWBB"
    "NigwmyROSZSQGfC/IFpkycQahakVpgyZoKrigVTBG1cvHAgUANqYVmJid8c4UTvpl0wnut"
    "Ki9tFhOrHXF2cpQlsITlSsVa3JOx5p1UXsdGVKZ24Q7Nk5NM9OTJCnryJBFWQjBlz1M521"
    "eElUSFath3FB8nxRHjZrJAKSfSUbkagn2UqaM+WtFRHyk6avQ3NO6eKFQZ1CsMEllOh/Pk"
    "tE0inPDSFnMVw11OoVDDlUXMFC2ohGO6mHDpCmpjBbCX/Zvzbht8GLQvOtedfk/me8VNmY"
    "kftFvdGOyPaEwVXqbU+h7kr1NVbx69fvP67fHp66CGBymrKnayEs8gms4Uka2pcIYCGk8F"
    "niM2iR7lG/48gRqOe8UbGTYJybKMFTYqsr8qe1iR+urMzObJaa6ZXiBRwxq7g3hr4YLZbN"
    "G+LKo9x2X3HEf1TiIkf+54e4VwnUbbPRvqQTu6e8q/8iEhqxVR2AKIEFvF3Emvg5DXQSQq"
    "orQcYsD6q0HnYthI7YQKgLgfK66mUCt6382XnkRcaC8R2FFFl/HCJvMFNSZEwdjmQeq3JX"
    "Rq5lnfuaPYq1hp7uKw3mVyGns1Pqvv2DLtKRSuW8AjLoD4+OmMAkp8by93/C5Mmzp84xJn"
    "OecPFQng7kn8V3mOCytX72+yD5Zwi/1NtH941/7h6vgs94fzrryW2p2m3Wm1nhzKq4hsam"
    "yqBYWwVsV2qhDrrnPw7LJQndAvjmzXsVV7i63yQXNnIErebz3iknAtR9JmFocHz7ZiLG0m"
    "nB4ONelS0YVzxNt4OU/wTTH0fek9Brh9aPcuO713Oac7vtgZ8C5u8UX//YdueygSw+sgvX"
    "0ZJLcvb3HrvD8Qad7FLb5qdbo8wf0fn81m0uppFp3GfSMRjZ4mjH73HCKDO6tzGf4xOb3f"
    "WIY4ukpt0amPFynEWzhBGDmzjbQeE9WbN5Z580a/iW7giUyI1snE3vMERzvnS6MK10+QVw"
    "dRqY3AL1kfVwp/fNjDaHf8Oh9xojdWe4i1M35vzvhEp1IAxlk3myhZb5IV22gvKoHKXgD0"
    "brrdlzrbI7Ihg8ITLW/XkO6IZlXHmMt5C9098lOiSYtdKj/HXMKfgp1epez6YNpyLjG2SZ"
    "oHeT1z5cuWmSps9H/vtQdnQPy7xYP2xeCmM+QpweUtbn9sdW9awz5LDS7LQUVVix7R0dTF"
    "8CN6wlaaCZveQL4s8zU9odjbhELv1Z8pRn3zvfp3OZuQKrZiPhGv+KtnFPFWp3ek//7mCH"
    "kDIOsc/LiLIFNt5KejXy8jP2HeZFlTo/eR1fvIFoiW3kc2M1QvvwdqRWHTm5++yJq2lGq2"
    "ZhIgV8jV0wEk512/yg0D8sgU9y8HhKJ8IRo/IuCArzYTJ5C4h38TCyrWs+UtgZ8Pzi0GYA"
    "J+0AYgE37Yd3CkuFgCB8dn0UTqQIvlss0H9s28bHE6uHgchICwSa57Qjix7x3xkz0XTlgx"
    "4MuX8MzgL18yrppLelLCY1i0n6SccyB9ftH3cn5R/ZHWPr9S+/zEoJT7dClZqnarZorfqk"
    "qzLunQ14t1kUaZwFzLq3VZsoZar4iWM0WeByfA5NdzTFSvMKiEnjdYYpCU1bHVm4ZJuHPl"
    "jdSQENVa0As9KqkKHbxShuCVsD8pAOiMISwl632y4pvoelPC4lNGXI3vGnyTFkap1h2E/h"
    "WFh0ByvqQ7BQJfT3jkXSbPwDZhQkn+XJ6RM6iZhGK9wmKcIVewRxrPoNn4UrLxeuO7Xcck"
    "Rd8sgfMQfks76EUWq8GRXatmy+0/htJE2Uf0h/etP36UJsvdfu+dnz2igYtu/7z6m8lcDl"
    "pXw5z4u0JnQPy7xf0P7d4Z4H9vMQPlWuwbI/7fYo5p56PYNca7KgdPb2LnEdrsi82xhbCi"
    "O1rDMyXFNddUZq5pgmyHGp7aNtm5JCGu9V1mfWsHUXrXWl8HkTxJyKN1WVJrvSxaVzR29b"
    "ntJP9KP1lO86Wauq6mKjR1XQbq2utN9serVhVdudtNORooy9qar96hKVtGquc4e6UqkO80"
    "UD3AS0E8R7HMwjt/jebfLe0sUdzMAkF6a5sXNyHSSeJAQQkdpO/qHhGpkwVR2J7uFH5TzI"
    "vS+WA/fy1o931TwXSG8L3BJ4vph66nVmW1sK7UikrtcXIbAp0ivT+kj5pVOX7ZhtS8Vx12"
    "kgpuRGKPgFYETk1QpkNdTaoqC0EZibjIHWkpS9ZpMHiRfZy9ozs3285ZEtYxrwWxVdIUbU"
    "sSpY7rzw8SIYByn5Bxt2Gv9hYA8nex6bDU1ksVA9iCNhrNGgoexrtzsIqFMcM8pdkX7Hth"
    "V7Y0I9N5kwdoO0raJD28LiJSi5n+Hk485Y0qB8Je9hqiu5PzTb1zYZMI//e630uZE4Ui8Q"
    "kRGlHwP2Ahp4oG8gpwORirWas4QXUgT2d4Aecqg2yfg9nz/wF+veVX"
)
