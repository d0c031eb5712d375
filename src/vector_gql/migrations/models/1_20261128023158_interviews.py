from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "org_organization" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
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
    "interview_id" BIGINT NOT NULL REFERENCES "interview_interview" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_interview_q_intervi_5c1e47" ON "interview_question" ("interview_id", "position");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "interview_question";
        DROP TABLE IF EXISTS "interview_interview";
        DROP TABLE IF EXISTS "org_organization";
        DROP TABLE IF EXISTS "org_invitation";
        DROP TABLE IF EXISTS "org_membership";"""


MODELS_STATE = (
    "eJztXWtz4jgW/SsqvmxPVaYrIc9NbW0VScgM2wR6COmZmk6X28ECNDESbYk8djb/fSXZxp"
    "Ytg83TOP6SgKQr2+fqce+5V+bvyohY0KYfm2SA8LWJ7IkDK+fg7wo2R+KDtn4PVMzxOKgV"
    "Bcx8sKWA2euRCWaGLSSMfkjkgTLH7DHeqG/aFPIiC9Keg8YMESxEa0A0hxaQsntAdsS/jq"
    "EDvG6Bid3vPRtB8dWyHEjpR3EBi/T4FRAeLNnXPb7Hn+CYAYTBZ0LZwIG3vzUBJYANTcb/"
    "QGCjEWJgSGyL8t4cQimAT9B5Bc/EeRRX4D0Puai8rwlGPybQYGQAuazD7+7rN16MsAVfIB"
    "Vfv1Zoj4wlSo/wVfzrOdDkt2uYrPJNNB4/Gn0EbUvRDbJEU1lusNexLLtAgwZm17KtwOTB"
    "6BF7MsJB+/ErGxI8FUCYidIBxNARl+RlzJkI7eCJbXta9RXmPkrQxH2GkIwF++bEFjoW0u"
    "4NBGUVw2i1u8ZtvWsYlZj+fYmQGr2iHsFi7PBbpRKAgbiFn/9ZrR4enlb3D0/Ojo9OT4/P"
    "9s94W3m/8arTN/dmArTcriRmjV8ara64IcIHqDuMRcGblDGZ6UpJVQXoT1WmKuByaDp6+K"
    "cCEQ3wR4tqwMd7lgr8gkAHwbTahBJG5othQzxgQ/71bAa8X2qdy19rnQ9nP6kQt7yKqqgR"
    "WAfYerMgLbJe8wLiWj0+SoEsb5WIraxT0Q0tLjGQr3gNQyOoB1qVjOBteaIf/Q+rQX+jKw"
    "t/PquN7VfvujOw7zZu6rfd2s1ncbkRpT9sCV+tWxc1VVn6Gin9cBJR07QT8Huj+ysQX8Gf"
    "7VZdoutuPVRp1/2zIu7JnDBiYPJs8D0rgMgv9WF8EztH/zG0eomCB7P3+Gw6lhGrIVWS1D"
    "ZeNaqOoiUmNgdSZQJccZue8dCBff4cwy55hFhnXCj1qYwLx5Xge6ovMs+4SB4C87fnxA34"
    "L4biM+jurnGlnz1e88i0mUyQ9VEILTJd5u/DlX/1J7gnUADySuLP0b8ra5pAMyaMXKkO3R"
    "kQHtvy0WdvtYjSyULrlSK4meVqo5vFjqxPPiaxBSq8K8GXMeLdLaBlVbJUc67VPKELzeSQ"
    "2AoU7K2SpX5Xr1/KXWj++IbOOU3eGlWpVe6Q+VXtnA0xZrzFMI4DfE0ciAb4E3yVMDf4rZ"
    "i4p3M6PdPrNuhpN4ENSoNp7ZjPU2MtMrL4B/7ckLkOZe32snZVr7xtxyz2sddYxCG1zDeG"
    "Q6NhPsfWxhBQPkR+Rvjc46x4P7wHyVl5djWQdjVwrSfQd8gIEC4nqbQ41bZ8l4Jxa5IB/z"
    "gAZML2AHHAmEtBzESRGenEBBRyvVtArPZ7vPKJF1NBzN1jD4w9ee1nxIYAMe+mXGGBB+RD"
    "1rsJSekFD7aEM5BtwVv9Qvc+XIHd4i42yxwVi7wofYN3Zzu6K/kik1uVLD2EXdAyX66ozo"
    "hN5vnjkgtR/jnTrcr4H1ZTEP6H1US+X1S9RT1ux+AmKNbMqmSsVanNhVYq67JHIjDv76fB"
    "eX8/GWhRFwmsyECygcZZgFaECofzSZr41Uly+OokFr2SAzNr6DskND/+vQO7/uZC4DNoCA"
    "HqCjiIO6+bHVNBWgIiNPSysg/hPTMU8KKase/JX3/qQNtkSLs7JoTbCoL72zq5GjlGNUSN"
    "P3bnszT+ZNlOpLJMFdpmqpDQvfyc0f7yZQqY2HJwnMb+4q0SLQNZFzcNxGcjY/5QVG41eG"
    "934K8fbTgykZ0F5qlAAcfzWhK1JGBZB7MiVLiRvBacxyalz4TbCEOTDrNgHRMs4Mg+qKZJ"
    "7uStkteOaizBE1GD20DoSbMlXhBiQxMnJfSE5CJgP3DBdaHtD/jNUnsX7XZTYfUuGhHbo3"
    "V3c1Hn6EvseSPEFJMkAFxQn8ZfBGGosQRnc6sR0QJy6AWLnGRI+4zlFCzpWxYvn0CZRSM4"
    "eoAOHaLxkjjdTDsqKlQiBWAs4q0IPyEm4VgSs7YzMDH6r2zVmHa6e3x/Kvio5IRL6BaAzg"
    "/082roPCH4vCR4Db+fIk3VdZJlocVNQ5mpS18ycUacgTFS266UOvsqrjCdFaJ/SdF9i53N"
    "85k7pXl5Ki+fVJvDnQe9B1fHk1EsIqGGlz3ZPDtxlfbvrXrnHMh/97hTv+zcNbqiZPrxHt"
    "e/1Jp3tW6bl04/VtIpUXX9TtJ4flHrNuT4nez20bPSCVncCQlrPbxyZg7daoTLEG7G9bKM"
    "nucveh61PpaMorcj3e2YStJG0zWrgT6qHh30K4C4TFTYxjEJZWBr/InowJ/tUURnXRmOf3"
    "8+QtZQfIHD8NVUaZDVGWmQVU0aZGnkvxMjf6FIQ0miz9qV1TDp1gngHYWtZH63wvwmDLM5"
    "Vps6IGfbb0htO/+dchiQZ664f1AQiAJGgAho74GHVyDzZdyjqsSGmjfJZe1BnGYVSzwwgU"
    "gLAaQv3xnnH4AFlHHHwzoPFzIKbd7KMZ/4M4u+5VlWeTkIAeFeiXuelTiPVH7l14V93g34"
    "/j044fb9e+r3zUXN4CBpqCS282m0ltl27yXbrvhIl0GaXAdp5KaUORdSlSpc4unqD7KVbn"
    "Iy9MVyk8tXGWRxWfKuZR+TmWqepr9l13NEtHyZwU7o+eE1c1g1LrtQdDVn2t1OXNv1lRdS"
    "Q0y01MKiWigTPcpsg11QyVqzDYL1ZHM5BzlbfdLiG1t6FXT5XYDWXbNZSdpxS3zn4Bu3MB"
    "IA3k5qRxBf0UQIlOBLclBgGusJ8v1TRQaWyeuI8+eqR86h5hKaBPOxlaIVQ8yluESDko3P"
    "JRs/1VFqdswXyDNvmackkvCdxXDuwpeEYR4RK8D7tGZ5y/U/uoqj7CP64ab2x0+Ks9xst3"
    "7xm4c0cNlsX0SA5zsmm2gC5+no+UB6g9BfdWrX3Yz4u0LnQP67x+3P9dY5EH/vMQfltn51"
    "Dtz/91hg2vgiSvxP+eDpTUyfocOf2LRshDXL0RyeKS5eck155pr6yKHM8NSWnVfUiJf6zr"
    "O+ywBR8tJa3ACR6iRk0boqWWo9L1rXTHb9oXWS/WiWKlfypSV1vZuqKKnrPFDX3mqyOV51"
    "V9FVl10F2A7fCjqNy266F/vyp6YryO//zeumQJCvNVF9ipeGeA5jmYZ3/hFuv17aWaG4uQ"
    "WCyneRbN2ESCaJpwqK6SBRAWGRIlkQ1YOj06Ozw5OjqQKmJbNwj5tpDL5o/KJkPthvXwja"
    "fdNUMBsi/GgIZ9Fwf3FNs0slDmW9cDmoNYPa4+QWBDpBenNIH1T3dwRoBzLzEWYBNySxQU"
    "B3BM6SoEyGejepqjQEZSjjInOmpSpZpM1guxyJ4hgs6boX8dTzXizxTB2JeXrhTQ06qDes"
    "aDxTr2Zv5u/NBG1y82qb9+JvLrmxJnuST9DR/+B3csJRSKQQvk/0WOpxqmOpxzOOpR7H8i"
    "nGmX64z2teQHQPUiV0HcxI6DrQvBWI8DVX9xuU/7lttxKsxEAkaiKiHgP/Azaiu2gyzABX"
    "gDHbj4+67BEDT3RwoTMWNrmZvf0fu4UFAw=="
)
