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
    "eJztXG1z4jgS/isqPs1VZVOJE5Ls1NVVQUJ2uSGQJWTvajdbLoEFaGMkxpKTYffy30+Sbf"
    "xubAIEPP6SGEmPLD/dklrdbf9dm1EDmey4QyeY3EJs2haqfQZ/1wicyYvE+iNQg/O5XysL"
    "OByaCgBHI2oTrpsSoY8DkCHjFhxx0WgMTYZEkYHYyMJzjimR0AaQzZEBFPYIqI7EzzmygN"
    "stgMT5PTIxkj8Nw0KMHcsbGHQk7oDJ5J19PZEn8gXNOcAE3FPGJxZ6+KUDGAV8Crn4g4CJ"
    "Z5iDKTUNJnqzKGMAvSBrAV6p9SzvIHqeCqgal03wVxvpnE6QwFpidL//IYoxMdA3xOTP32"
    "tsROeKpWe0kP9GFoJiuDrktT9k4/mzPsbINEKywYZsqsp1vpirsiaetAm/VW0lJ0N9RE17"
    "Rvz28wWfUrIEYMJl6QQRZMlbijJu2VI6xDZNV6qewJxH8Zs4zxDAGGgMbVPKWKKdAfhlNV"
    "3v9gb6Q2ug67WY/D1EQIxu0YgSqTtiqEwRMJFD+OFHTTs7u9ROzi6u6ueXl/WrkyvRVo03"
    "XnX55gzGZ8vpSnHW/qndHcgBUaGgjhrLgjeFgRw6KCUqn/2lyMICuJ5CK5n+JSAiAfFoUQ"
    "l4fGeJwCvwZeBPq10IYQa/6SYiEz4VP68y6P210b/+udH/dPWPMMVdt0KTNZJrn1t3FuRl"
    "1m1eQl61+nkOZkWrVG5VXZjdwOISI/lG1HA8Q8lEh5ERvg0XeuxdbIb9na4s4vmMHjEX7n"
    "0zuB+071oPg8bdvbzdjLGvpqKvMWjJGk2VLiKlny4iYlp2Av7THvwM5E/wW6/bUuw6Ww8L"
    "tRv8VpNjgjanOqGvutizfIq8Uo/GN7lzjJ8Dq5csGMLR8yu0DD1WQzWa1jZeNdNm0RJI4E"
    "SJTJIrh+kaD300Fs8xHdBnRJKMi1B9LuPCchBiT/Ugq4yLdBVYvT2nbsB/chyfQY+P7Zvk"
    "2eM2j0wb28bGsQStM11W78O1f45tMpIsAHUn+ef8X7UtTaCMCaNWqjNnBgR1Wz169laLGb"
    "PXWq9CwN0sVzvdLA5kffI4iS1QwV0JfZtj0d0aUg4jKzHvtZhtttZMDsA2IGB3lazku3n5"
    "MnGEFo+vJx1O07fGMGqTO+T+inbFhhgz3mIcxwm+pRbCE/IFLRTNbTEUSEZJh07X9Hrwez"
    "pMYv1Sf1pb8HVprEU0S1yI50bcOVA2Hq4bN63a28eYxR73CRZxQCyrjeGANqz2sfUIAkyo"
    "yA+YfHZ9VqIf0YPyWbl2NVB2NXCsJzC26AxQgVOutLir7f1dSo9bh07E5QRQmx8BaoG5QC"
    "HCZRGMdAIBQ0LuBpCr/ZGofBHFTDrmnohLxpG69yvmU4C5OygHLPlAQmXdQSiXnv9g7zgM"
    "FFvwNr/QfR9HgcPyXezWc1Qu50V1NvjubEdnJV9ncoeR1QnhEKQsliuWZMSm+/njyLVc/n"
    "sm27DH/0zL4fA/01L9/bLqLXritnRhgpKEWZXOdRi1u9BKbVv2SITmk5M8PJ+cpBMt6yKB"
    "FRVI1vG8CNEhUOl4vsgTv7pID19dxKJXSjGLhr4DoNXx7wPY9XcXAs9wQ0hSN+CDeHS7OT"
    "AR5HVABFSvqPchuGcGAl4sQfdd/O2XPjIhx4m7Y0q4rSS8v23TV6N0NMFR4+nuai+NN1k+"
    "JlJZpQp9ZKqQlL26Lmh/eZgSJrac1vPYX6JVqmWg6uKmgbzWC+YPRXGb4ftjFX/7bKMZxG"
    "YRmpeAEurzVhK1FGFFlTkEKp0mb4XnOWTslQobYQrZtAjXMWAJNftUy5PcKVqlrx1aLMET"
    "M13YQPglYUtsUmoiSNISegK4CNlDAdwW257C79a11+z1OiGvXrMdsT26j3fNlmBfcS8aYR"
    "4ySXzCpetT/5NighIswWzfagRaQh96ySInBdI+YzkF7zxbli+fIDSLXrCB6Dsp+lX2UWqC"
    "dHtuUmhsgqdH1VOZ2Nqml8JRrQQ3xVLn0v0UM2RgqL8sG+Z4W2tu0SEygMLIl6UYF0vcBB"
    "2DPn1lAH3DjAMqVlUwphYYY1PlaEAOpNUkX8UScEFh0rtbG+y5cpocqNOEY24W8pgsASU0"
    "wrVc4SotI1ylxcNV7qwqesCMwEp3xKyf5gnBilapXKu6MNdykSrqAgxiShcY1Or1XAf5es"
    "ZBvh4LwFLCxf2SwlIZAdggqIRrx+YzCiRjMmatWCrIdBBXQrJPcy3UpxkL9WnCQo3/Qvpw"
    "wVGSSZ1hkIRxVeC7oG0S8J7Yljqt6E7icYIYbsU5JUUKSeCILMYSfYDSyCD2pvfY7LTAfb"
    "913X5o97phz4iqDPus+q1GJ0L7KzZ4gj82Vd+X7cuk6trp+eX51dnF+VLDlyVZih1X4inC"
    "k2lCDlgqnT6g4jOBz5E4RI+KbX8uoIT73uaNDIvypYcop8IGIbtT2ZMD0Vc2hVr9otBJb4"
    "koocZuITNROSvXe701DK1iLPseY0mU+3BRPDE1hi3TXvvB+ak+twkGe5WmGk5TjSliKFu1"
    "LyZJv309yJeuGggmfEQwaM9e8Pi4WJDLWFpEyCc0V1zIFWXe8JAJrQlS0Rkg3+QF6uHFgQ"
    "Jw6gV0ZGxnDi3O5Fu8zJ7Jm6oCMFyo/0nBoY31W73suwtHwDte9q1CQNsOAR1OWGKHGYZb"
    "CkxUHvPKY15qUzycUmtxfV0pJIArUbxPFOolpAKutDCoTOxvzp9WpU/sLH3CI805gSR6WV"
    "YzHgKXcifV8vg0ZbOMvVSL+TUZh9xOWMIl4y1iz2IOlAj7HnqHOSz3re5Nu/tTweOOB/sM"
    "3Isnct27u++0Bq2bz2B5+UQazV5flbkXT+S20e7IAud/9NSaS3oXeWQXdXMGJHcRM+6dj+"
    "/rMu5UyMCP4KqPbORIiTmo71JV39TeiON/jAlm07WkHoFWXyza5y8WeVN0jfhODFomU3rH"
    "BxnHCV1UAkHUWuTv2cTai9Car9ZVZG1VZC22BCR/Biam6RtgNu+7Znum4nmZDU7tEKliAK"
    "D72Ol81Kd9G8jCo2ktIe7m1hxlfjLGb7M3H4v5Xl56eqd3KD2W9YKs5G92p5/DApASeiu2"
    "EmeRk6oAw27zErK7laiKG42KM/zvh143M4CVdMbBIw7+B0zMDtECziBXkhE62Xicfrpr/D"
    "dK93Wn14weWWQHzST7a5eb2dv/AUw4ifQ="
)
