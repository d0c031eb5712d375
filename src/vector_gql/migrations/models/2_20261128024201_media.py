from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
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
    "video_id" BIGINT REFERENCES "media_video" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_media_video_created_68bfbb" ON "media_video_upload" ("created_at");
COMMENT ON COLUMN "media_video_upload"."status" IS 'PENDING: PENDING\nCOMPLETED: COMPLETED\nABORTED: ABORTED\nFAILED: FAILED';
COMMENT ON TABLE "media_video_upload" IS 'A large file sent straight to storage in parts, resumable part by part.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "media_video";
        DROP TABLE IF EXISTS "media_video_upload";"""


MODELS_STATE = (
    "eJztXWtT27ga/iuafDndGbYD4dIuc+bMBAjdnIaEDaG7s6XjmkRJtDhSaitQdg///UjyVb"
    "ac2Llhu/oCjqxHtp9Xl/dm+Z/alAyh5bxtkzHClyay5jasnYJ/atic8gPl+T1QM2ez8Cwv"
    "oOa9JQDmYEDmmBoWRxijCOTeobY5oKzSyLQcyIqG0BnYaEYRwRzaALw6HAKB3QOiIfZzBm"
    "3gNQtM7P4eWAjyn8OhDR3nLb/AkAzYFRAer9nWHb7DH+GMAoTBNXHo2IY3v7WBQwCdmJT9"
    "gcBCU0TBhFhDh7VmE8cB8BHaz+CJ2A/8CqzlCYOK+5pj9G0ODUrGkGFtdnefv7BihIfwO3"
    "T4z881Z0BmgqUH+Mz/DWxosts1TFr7wivPHowRgtZQkg0a8qqi3KDPM1F2hsYtTC9FXc7J"
    "vTEg1nyKw/qzZzohOAAgTHnpGGJo80uyMmrPuXTw3LI8qfoCcx8lrOI+QwQzhCNzbnEZc7"
    "R7A2FZzTA63b5x0+wbRi0hfx8REaNXNCCY9x12q44gYMxv4edf6vXDw3f1/cOT98dH794d"
    "v99/z+qK+02eevfi3kzIltuU4Kz1odXp8xsirIO63ZgXvAiMSU0XJUQVsh+ITBbA+cS01f"
    "QHgJgE2KPFJeDzvUgEfkEog3BY7UIIU/O7YUE8phP28/0Cej81eue/Nnpv3v8kU9zxTtT5"
    "Gc51yK03CrIy61WvIK/146MMzLJaqdyKczK7kcklQfIFO0PRFKqJlpExvoce9K1/sBn2dz"
    "qzsOcbdrH17F13Aff91lXzpt+4uuaXmzrON0vQ1+g3+Zm6KH2Olb45iYkpaAT83ur/CvhP"
    "8Ge30xTsukuPI9Xr/1nj92TOKTEweTLYmhVS5Jf6NL7wlWP0EJm9eMG9OXh4Mu2hkThD6i"
    "StbvLUtD6Nl5jYHAuRcXL5bXrKQw+O2HNM+uQBYpVyIZ3PpFzYLoKtqT5kmXKR3gWWL8+p"
    "C/BfFCVH0O1t60I9erzqsWEzn6PhWw5aZbgsX4dr/x7N8YCzAMSV+J+j/9S2NIAWDBgxUx"
    "26IyDat8WjL15qkePMV5qvJOBupqudLhYlmZ98ThITVHRVgt9niDW3gpRlpBZzocU8d1Ya"
    "yRHYBgTszZJavpuXr8NMaPb4hso4TV8aZdQmV8jiinbJgphQ3hIcJwm+JDZEY/wRPguaW+"
    "xWTDxQGZ2e6nUTtlROYsPScFjb5lOgrMV6Fjtgzw2pa1A2bs4bF83ay+uoxT73Co04Ipbl"
    "ynCkNyz3sXUxBA7rIj8jfOr5rFg7rAXhs/L0aiD0auBqT2BkkykgDCdcaUlX2/pNco9bm4"
    "zZ4RiQOd0DxAYzhoKY8iIz1ogJHMjkPgR8tt9jJx9ZscMdc3fYI2NPXPsJ0QlA1LspF8z5"
    "gKzLejchXHrhg61hDOSb8DY/0f0YpkC5fBe79RxVy3mhbYMfTnd0Z/JVBreM1BZCGaTMpi"
    "tHpcSm+/mTyJVc/gWTrezxP6xncPgf1lP9/fzUS9zitg2mgmLFqErnWkbtLrRS25Y+EqN5"
    "fz8Lz/v76UTzc7HAiggkG2iWh2gJVDmeT7LEr07Sw1cnieiV6Jh5Q98R0PL4dwlW/d2FwB"
    "e4ITipG/BB3HrNlEwEWR0Qka6X1/sQXTMjAS9H0fc9/OXHHrRMipSrY0q4rSK8v2zTVyP6"
    "qMJR4/fd5V4af7C8TqRSpwq9ZqoQl704zql/+ZgKJrYcHGfRv1itVM1AnEuqBvzYyJk/FM"
    "dthu/X7fjbZxtOTWTloTkAVLA/byVRSxCWtzNLoMr15K3wPDMd54kwHWFiOpM8XCeAFezZ"
    "B/UsyZ2sVvrcUU8keCLHYDoQelQsiWeEWNDEaQk9EVyM7HsG3BbbfoffrWvvrNttS169s1"
    "ZM9+jcXp01GfuCe1YJUUklCQnnrk/jL4IwVGiCi32rMWgFfegVi5zkSPtM5BSsaVtWL59A"
    "GkWPaAjJmhR94m1UmiBjPrOIOdwET7eipaqyNYXTe2g7EzRbk6uroKGqUsUzSmY8fI/wI6"
    "KCjjU569pjE6O/Ra1W0Gj5wkeZ6HNEiEFTtwJ1ft4IOw3tRwSf1iSv5bdTpaG6Td+ru2Aq"
    "nK/BSprufZ3CITKNx6BihndQZza5h0MgMPwVUIcyxW0M34IeeXIA/I4cCgjTFcGI2GCELJ"
    "F5ZlLAbUH+gimDMwpVb6RusGXtCi6pK5giauXyAweACroW6pmC8PUFQfh6Mgjvjaq8brMY"
    "rHKOs+ODLIklrFYq1+KczDWfpPIGNqKYyqU71I+PM7knjxe4J48TaSUEU3Y9VbB9QVpJFF"
    "TBuWPzeVKcMa4mC5ZyMh3FVZDsg0wT9cGCifpAMVGjv6Fx/0yhSqFeoJDIOJ3Ok1M3ifiE"
    "57awVQz3dQqFGC4tYqZIQQWOyWLE0SWUxgJiL7q3Z+0muO41z1s3rW5H9veKk7InvtdstG"
    "O0P6EhVUSZUvt7UL9KXb1+cPTu6P3hyVHQw4OSRR072YknEI0niszWVDpDgOZTweeAGdGD"
    "fMufB6jgurd5JcMmobMsY4eNQnbXZfdL0l+diVk/Psll6QWICvbYLeRbixDMai/ty1AdOS"
    "565Fgp9/vn/On2CWyV1tpXzroPuVUo7Dr5Xk6+T3REKQe/xwZJr3Xez5aEHwkmvEaIuyzB"
    "s63HgjzG0iJCIaGZ4kKeKLOGhyzTHkMRnQE8qArEwzODAlDiB3R4bGdm2tThexM48ym/qC"
    "gA98/ivyo4tLF29RYGu3AErLGFgQ4BbTsEVJ6wxA7zprcUmNAec+0xr7QqLr8oYFNjVSko"
    "wFoU64lCvFqZw5Umg6rE/ub8aTp9YmfpEz5prgWi9LIsZ1wCV3IlrWfxafJqC9bSesKv6V"
    "CTzhVTOGe8iefThAMlxr6P3mEOy3Wzc9HqfMhp7viwU+Ad3OHz7tV1u9lvXpyC4PAON866"
    "PVHmHdzhy0arzQvc/3GrNZP0TrLILu7mjEjuJKHcu58UMXjcKZeCH8PprYMypMSUarc9/a"
    "WAjTj+RwgjZ7KS1GNQvQ9bkfdh84foCvGdBLRKqvSODRnXCZ1XAlHUSuQXbGAVIrQWdmsd"
    "WVsWWUtMAerNrRI9fQPMZn2DtmBdPCuz0aEtkcpuAHRu2+3X2rA88papIvYmv4OaHnoj9t"
    "iYynU3uiXWZ36F4PVEERHjI/FLLAj2Odi+Tqquv7ZXzPembJIWM1tuq/vYIjtHat3fO83e"
    "KRD/7nCved67bfV5SXB4h5ufGu3bRr/LSoPDYhjl5TIUdYrYZizF6MyZW4NVgLUVsbIVoX"
    "fFLYoREdc+1lR2u7HmSiaSrEqvYjZYblDoDYgz5UCuvgHxNq0JqWMr7Il4x19sUcRHnd5m"
    "98ezEfKmfFU53WsbaXVayU9nv1pKfkK9yZYer3czy7in1OvvxFVS2vQWXK/y2kVKN1uitc"
    "kdcrH+huS6y1/EwIA8McH9ywEhlL8rwTeq3eMvRIh9sN1PUBILKl65yNsC/0oln+KBCfh2"
    "z4CM+Ccngw9birc04PA0WkgdaLFatvnInpm3Lb5RKS4HISDMKnG/U0nsB0f8ZNeFI9YM+P"
    "o1/HLd168ZX+xIur7DzcC1Y7uYSqveRf9H2UW/+kzrIE2hgzRiUcr9jQMZVbnE7s1vmKDN"
    "5HTqq2Um608U5zFZii7lTEmTwT7k+eUcg+rk2FLIeYXs2CRWZ2iuGtd2beWVxJCAaimsKg"
    "Wd6KGzDcogkq1mG4Tzye5yDgo2+2TlNzH1puQxp6y4mt8l/CY1jEIliofxFUWEQAq+pAcF"
    "glhP+OGVTJGBdfI6kv5z2SJnVDOEIsF8NsxQK9jGh1fQ3vhCeuP13kzbTiKJ3lmC5z78nr"
    "bduAyrwIcjFlnLzT/6kqHsM/rmqvHHT5Kx3O52PvjVIxI4b3fPyr/fwUWvcdnPyb8LOgXi"
    "3x3uXjc7p4D/vcOMlBux5YH4f4c5p61PYsMD76gYfnoTO0/QZk9sDi2EFdPREj9TEq59TU"
    "X2NY2Q7VDDE9sqL90n4FreRZa3DhClT63VDRDJRkIeqctILfWiSF0x2NVfDyX5X82Scdpf"
    "ql3X5RSFdl0XwXXtzSa786uWlV152l3jWwHsqZ0N5Pf/5jVTIcq3mqge8KVwPEe5zOJ3/h"
    "atv123s+TiZhoI0nuRvLoKke4kDgSUkEH6xsMRSJU0iI1tO0zhd4VdlO4P9utXwu2+a1cw"
    "nSD8YHBjMf3Tn6ldWQ3WnVrRqT2f3IpEp6B3x/RBvSwfAbQhNR9U+/GnkhtB7JDQktCpHZ"
    "TpVJfTVZXFQRnJuMidaSkjq7QYvK6PRDIM1jTdq/jW814i8UzuiUXa8KYBbTSY1BSWqXdm"
    "b5FdaoZ1CrO1zY9ib665sKZbko/QdpSGZHrCUQRSCdtnB58p44MqB8Ne9Qqyu5WPknkfc0"
    "sy/N+bbidFSwwhcRURDSj4H7CQU0aVYQG5nIzFdnzcZI8peLyBM5WysMvF7OX/PyjZ0A=="
)
