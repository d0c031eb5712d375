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
COMMENT ON COLUMN "media_video_upload"."status" IS 'PENDING: PENDING\nCOMPLETED: COMPLETED\nABORTED: ABORTED\nFAILED: FAILED';
COMMENT ON TABLE "media_video_upload" IS 'A large file sent straight to storage in parts, resumable part by part.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "media_video";
        DROP TABLE IF EXISTS "media_video_upload";"""


MODELS_STATE = (
    "eJztXWtz2rga/isavpzuTLaTkEu7mTNnhiSkyymBLCHdnW06rgMCtDEStUXS7J789yPJV9"
    "ky2Nxiu/qSgKxH2M8rS+9N0j+1KRlCy3nbJmOEL01kzW1YOwX/1LA55R+U1/dAzZzNwqu8"
    "gJr3lgCYgwGZY2pYHGGMIpB7h9rmgLJKI9NyICsaQmdgoxlFBHNoA/DqcAgEdg+IhtjXGb"
    "SB1ywwsft9YCHIvw6HNnSct/wHhmTAfgHh8Zpt3eE7/BHOKEAYXBOHjm1481sbOATQiUnZ"
    "HwgsNEUUTIg1dFhrNnEcAB+h/QyeiP3Af4G1PGFQcV9zjL7NoUHJGDKsze7u8xdWjPAQfo"
    "cO//q55gzITLD0AJ/5v4ENTXa7hklrX3jl2YMxQtAaSrJBQ15VlBv0eSbKztC4hemlqMs5"
    "uTcGxJpPcVh/9kwnBAcAhCkvHUMMbf6TrIzacy4dPLcsT6q+wNxHCau4zxDBDOHInFtcxh"
    "zt3kBYVjOMTrdv3DT7hlFLyN9HRMToFQ0I5n2H3aojCBjzW/j5l3r98PBdff/w5P3x0bt3"
    "x+/337O64n6Tl969uDcTsuU2JThrfWh1+vyGCOugbjfmBS8CY1LTRQlRhewHIpMFcD4xbT"
    "X9ASAmAfZocQn4fC8SgV8QyiB8rXYhhKn53bAgHtMJ+/p+Ab2fGr3zXxu9N+9/kinueBfq"
    "/ArnOuTWewuyMutVryCv9eOjDMyyWqncimsyu5HBJUHyBbtC0RSqiZaRMb6HHvSt/2Ez7O"
    "90ZGHPN+xi69n73QXc91tXzZt+4+qa/9zUcb5Zgr5Gv8mv1EXpc6z0zUlMTEEj4PdW/1fA"
    "v4I/u52mYNedehypXv/PGr8nc06JgcmTweaskCK/1Kfxhc8co4fI6MUL7s3Bw5NpD43EFV"
    "InaXWTl6b1abzExOZYiIyTy2/TUx56cMSeY9InDxCrlAvpeiblwnYRbE71IcuUi/QusHx6"
    "Tp2A/6Io+Qbd3rYu1G+PVz322sznaPiWg1Z5XZbPw7V/j+Z4wFkA4pf4n6P/1Lb0Ai14Yc"
    "RIdei+AdG+LR598VSLHGe+0nglAXczXO10sijJ+ORzkhigorMS/D5DrLkVpCwjtZgLLea5"
    "s9KbHIFtQMDeKKnlu3n5OsyEZo9vqIzT9KlRRm1yhiyuaJdMiAnlLcFxkuBLYkM0xh/hs6"
    "C5xW7FxAOV0empXjdhS+UkNiwNX2vbfAqUtVjPYh/Yc0PqGpSNm/PGRbP28jpqsc+9QiOO"
    "iGW5MhzpDct9bF0MgcO6yM8In3o+K9YOa0H4rDy9Ggi9GrjaExjZZAoIwwlXWtLVtn6T3O"
    "PWJmP2cQzInO4BYoMZQ0FMeZEZa8QEDmRyHwI+2u+xi4+s2OGOuTvskbEnfvsJ0QlA1Lsp"
    "F8z5gKzLejchXHrhg61hDOQb8DY/0P0YpkC5fBe79RxVy3mhbYMfTnd0R/JVXm4ZqS2EMk"
    "iZDVeOSolN9/MnkSu5/AsmW9njf1jP4PA/rKf6+/mll7jFbRtMBcWKtyqdaxm1u9BKbVv6"
    "SIzm/f0sPO/vpxPNr8UCKyKQbKBZHqIlUOV4PskSvzpJD1+dJKJXomPmDX1HQMvj3yWY9X"
    "cXAl/ghuCkbsAHces1UzIRZHVARLpeXu9DdM6MBLwcRd/38Jcfe9AyKVLOjinhtorw/rJN"
    "X43oowpHjd93l3tp/JfldSKVOlXoNVOFuOzF55z6l4+pYGLLwXEW/YvVStUMxLWkasA/Gz"
    "nzh+K4zfD9uh1/+2zDqYmsPDQHgAr2560kagnC8nZmCVS5nrwVnmem4zwRpiNMTGeSh+sE"
    "sII9+6CeJbmT1UofO+qJBE/kGEwHQo+KKfGMEAuaOC2hJ4KLkX3PgNti2+/wu3XtnXW7bc"
    "mrd9aK6R6d26uzJmNfcM8qISqpJCHh3PVp/EUQhgpNcLFvNQatoA+9YpGTHGmfiZyCNW3L"
    "6uUTSG/RIxpCsiZFn3gblSbImM8sYg43wdOtaKmqbE3h9B7azgTN1uTqKmioqlTxjJIZD9"
    "8j/IiooGNNzrr22MTob1GrFTRavvBRJvocEWLQ1K1AnZ83wi5D+xHBpzXJa/ntVOlV3abv"
    "1Z0wFc7XYCZN975O4RCZxmNQMcMa1JlN7uEQCAxfAupQpriN4VvQI08OgN+RQwFhuiIYER"
    "uMkCUyz0wKuC3IF5gyOKNQtSJ1gy1rV3BJXcEUUSuXHzgAVNC1UM8UhK8vCMLXk0F4763K"
    "6zaLwSrnODs+yJJYwmqlci2uyVzzQSpvYCOKqVy6Q/34OJN78niBe/I4kVZCMGW/pwq2L0"
    "griYIqOHZsPk+KM8bVZMFSTqajuAqSfZBpoD5YMFAfKAZq9Dc07p8pVCnUCxQSGafTeXLq"
    "JhGf8NwWtorhLqdQiOHSImaKFFTgmCxGHF1CaSwg9qJ7e9Zugute87x10+p2ZH+vuCh74n"
    "vNRjtG+xMaUkWUKbW/B/Wr1NXrB0fvjt4fnhwFPTwoWdSxk514AtF4oshsTaUzBGg+FXwO"
    "mBE9yDf9eYAKznubVzJsEjrLMnbYKGR3XXa/JP3VmZj145Ncll6AqGCP3UK+tQjBrLZoX4"
    "bqyHHRI8dRuZOIkz93vr0CXKXZdseKevAe3T/nX/mQwGpBbGwBRMitwnbS6yDkdRCJjigt"
    "h+ix8arXOu/XUgehDVDcjTVXUaoVo+/qS08iIbTXSOwoS8h46xFQj7G0OGhIaKZoqCfKrE"
    "FRy7THUMQkAU8lAOLhmRkNKPHDmDyiOTNt6vAdOZz5lP+oKAD3z+K/KiS6sXb1xh27cH+t"
    "sXGHDnxuO/BZnmDcDlcLbCkcp+NEOk5UaatHXh5jU2NVKSjAWhTriUIsKM7hQJZBVWJ/c1"
    "5knTS0s6QhnzTXAlE6tJYzLoErOZPWs3jyebUFc2k94c13qEnniiGcM97E82nCkRJj30fv"
    "MHPrutm5aHU+5DR3fNgp8D7c4fPu1XW72W9enILg4x1unHV7osz7cIcvG602L3D/x63WTN"
    "I7ySK7uHM/IrmThHLvHqRj8GhrLgU/htMbZmVIBCvVHpP6fIyNhLtGCCNnspLUY1C9+2CR"
    "dx/0X9EVQmkJaJVU6R0bMjq6XBhRuPGAvDKIolYiv2BjXCECyuEIo+PJy4KcidFYHeLU0e"
    "SdRZMTg8oGOM66W0LBRpOs3EZHUYlUdgOgc9tuv9bhFJEdBRQRZ3m/gfSAM+s6xlSuu9Ht"
    "Dz8nXmmxzeKXWOj3c7BVqVRdn6xazDWyNkmLFC/3UPnYIrsEa93fO83eKRD/7nCved67bf"
    "V5SfDxDjc/Ndq3jX6XlQYfi+GKKpd7RKcDb8Y/og22whhsegf0othr2qDYmUGhN5vPlGS9"
    "+mbz27QmpI6tsCfiHX+xRRF/6/SW6j+ejZA30bHKSY7bSCbVSn46+9VS8hPqTZZFIXojVL"
    "0R6gbZ0huhZqbq9TfxLCltevfOV1m7ltLNlhgBcodcbA4gue7y1WwYkCcmuH85IITyBWd8"
    "j/s9vqpMHKHhnl5NLKhYt5a3BX7ANdcYgAn4SRGAjPhp1cGZ2GKpGxyeRgupAy1WyzYf2T"
    "PztsXx1uLnIASEGbnuEdfEfnDEV/a7cMSaAV+/hofefv2acXVcMpISniOi4yTFtIH0ATw/"
    "ygE81Wdax/wKHfMTk1Lu45FkVOVWx2x+ryXtdUmnvlpeF2mWCdS1vFKXkRWUekmknCnzPD"
    "jCJL+cY1C9wqAUcl5hiUESq3OrV02TcG3llcSQgGop6IUepRSFTl4pQvJKOJ5sgOiMKSwF"
    "G32y8psYelPS4lNmXM3vEn6TGkah1h2E8RVFhEAKvqQHBYJYT3hmW6bIwDppQkn/uWyRM6"
    "oZQrFeYTbMUCvYC41X0N74Qnrj9QZ3285Jit5Zguc+/J52UokMq8CZU4us5eYffclQ9hl9"
    "c9X44yfJWG53Ox/86hEJnLe7Z+XfNOai17js5+TfBZ0C8e8Od6+bnVPA/95hRsqN2DdG/L"
    "/DnNPWJ7FrjPepGH56EztP0GZPbA4thBXD0RI/UxKufU1F9jWNkO1QwxPbKjuXJOBa3kWW"
    "tw4QpQ+t1Q0QyUZCHqnLSC31okhd8bKrDx4n+Vf6yTjtL9Wu63KKQruui+C69kaT3flVy8"
    "quPOymnG2TZW0Ne2pnA/n9v3nNVIjyrSaqB3wpHM9RLrP4nb9F62/X7Sy5uJkGgvTWNq+u"
    "QqQ7iQMBJWSQvnt7BFIlDWJje7dT+F1hF6X7g/36lXC779oVTCcIPxjcWEw/NTy1K6vBul"
    "MrOrXnk1uR6BT07pg+qJfl/GAbUvNBdahJKrkRxA4JLQmd2kGZTnU5XVVZHJSRjIvcmZYy"
    "skqTwev6SCTDYE3TvYqrnvcSiWdyTyzS/kkNaKPBpKawTL0re4vsUjOsU5idkn4Ue3PNiT"
    "XdknyEtqM0JNMTjiKQStg+Ozjrkb9UORj2qleQ3a2c7OidiJlk+L833U6KlhhC4ioiGlDw"
    "P2Ahp4wqwwJyORmL7fi4yR5T8HgDZyplYZeT2cv/AXy5iXg="
)
