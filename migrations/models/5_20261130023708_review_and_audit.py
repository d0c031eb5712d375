from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "review_report" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "invitation_id" BIGINT,
    "kind" VARCHAR(16) NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "show_identities" BOOL NOT NULL,
    "storage_key" VARCHAR(512) NOT NULL UNIQUE,
    "content_type" VARCHAR(100) NOT NULL,
    "filename" VARCHAR(200) NOT NULL,
    "size_bytes" BIGINT,
    "error" VARCHAR(300),
    "created_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "interview_id" BIGINT NOT NULL REFERENCES "interview_interview" ("id") ON DELETE CASCADE,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "requested_by_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_review_repo_request_e36e07" ON "review_report" ("requested_by_id", "created_at");
COMMENT ON COLUMN "review_report"."kind" IS 'CANDIDATE_PDF: CANDIDATE_PDF\nINTERVIEW_CSV: INTERVIEW_CSV\nINTERVIEW_PDF: INTERVIEW_PDF';
COMMENT ON COLUMN "review_report"."status" IS 'PENDING: PENDING\nREADY: READY\nFAILED: FAILED';
COMMENT ON TABLE "review_report" IS 'A file built from an interview''s review by a job, for the member who asked.';
        CREATE TABLE IF NOT EXISTS "review_rubric" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "locked_at" TIMESTAMPTZ,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "updated_by_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL,
    "interview_id" BIGINT NOT NULL UNIQUE REFERENCES "interview_interview" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "review_rubric" IS 'What evaluators judge an interview''s answers by: one rubric per interview.';
        CREATE TABLE IF NOT EXISTS "review_criterion" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "anchors" JSONB NOT NULL,
    "all_questions" BOOL NOT NULL,
    "rubric_id" BIGINT NOT NULL REFERENCES "review_rubric" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_review_crit_rubric__1b65e1" UNIQUE ("rubric_id", "position")
);
COMMENT ON TABLE "review_criterion" IS 'One criterion, scored 1-5 on an anchored scale, for all questions or some.';
        CREATE TABLE IF NOT EXISTS "review_criterion_question" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "criterion_id" BIGINT NOT NULL REFERENCES "review_criterion" ("id") ON DELETE CASCADE,
    "question_id" BIGINT NOT NULL REFERENCES "interview_question" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_review_crit_criteri_b7002f" UNIQUE ("criterion_id", "question_id")
);
COMMENT ON TABLE "review_criterion_question" IS 'A question that a criterion applies to, when it does not apply to all of them.';
        CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "action" VARCHAR(32) NOT NULL,
    "invitation_id" BIGINT,
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "actor_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL,
    "interview_id" BIGINT REFERENCES "interview_interview" ("id") ON DELETE SET NULL,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "subject_user_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_entry_organiz_eea8ee" ON "audit_entry" ("organization_id", "created_at");
COMMENT ON COLUMN "audit_entry"."action" IS 'RUBRIC_CHANGED: RUBRIC_CHANGED';
COMMENT ON TABLE "audit_entry" IS 'One recorded fact. Entries are only ever added.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "review_rubric";
        DROP TABLE IF EXISTS "review_criterion";
        DROP TABLE IF EXISTS "audit_entry";
        DROP TABLE IF EXISTS "review_report";
        DROP TABLE IF EXISTS "review_criterion_question";"""


MODELS_STATE = (
    "eJztXXlz27a2/yoY/XOTGTUTy1Hq53Y640Xp1a1juV7S+27VkSkRklBTgEpAVtT78t0fDr"
    "hvEqnNFI2ZTEyROCD4O1gOzob/1ibMxBZ/d8VGhH4yiDWzce0U/bdGjQlcpD6vo5oxnQZP"
    "4YYw+pYiMAYDNqOiZwFFbxgi6XNhGwMhCw0Ni2N5y8R8YJOpIIwC6RmC4thEiraOVEXy5x"
    "TbyK0WGdT5PbAIhp+maWPO38ELTDaQbyB0tGFdXdqlv+CpQISiG8bFyMZ3v14hzpAYG0L+"
    "h5FFJkSgMbNMLmuzGecIP2N7gebMfoI3yJrHklS1a0bJXzPcE2yEJa0tW/f7H/I2oSb+ij"
    "n8/L3GB2yqUHrCC/gzsLEhm9szRO0PKDx96g0JtswIb4gJRdX9nlhM1b1zMmpT8UmVBUz6"
    "vQGzZhMalJ8uxJhRn4BQAXdHmGIbXinvCXsG3KEzy3K56jHM+ZSgiPMNIRoTD42ZBTwGaq"
    "cBwb1ar3fdue/dte57vVqC/x5FiI3urQGj0HdkU7kCYARN+O5/Go3j4+8b748/njQ/fP99"
    "8+T9iSyr2pt89P03pzEBWk5VCrP2z+3re2gQkx3U6cZw45uiMYThUClWBej7LIsy4GJs2O"
    "nw+wQxDshPi3PAw3sZC7wbAQ+CYbUPJkyMrz0L05EYy58nS+D9cnZ78c+z2zcnb6MQX7sP"
    "GvAEsA6wdUdBXmTd4hXEtdH8kANZWSoTW/Usim5ockmAfCmfCDLB6UBHKWN4my7pO+9iO+"
    "jvdWaR32d2qLVw37sE+/v259bd/dnnG3jdhPO/LAXf2X0LnjTU3UXs7puPMTb5laDf2vf/"
    "RPAT/adz3VLoOksPj5S7/08N2mTMBOtRNu/JNSuAyLvrwfgNVo7hU2j2ght9Y/A0N2yzl3"
    "jCGiyrbPLRpDGJ3zGoMVIsA3Chma7wcIuH8jvG9+wJ0zThIvI8l3BhOxRyTfVIVgkX2V1g"
    "9fKcuQD/KUhyBD08tC/TR49bPDZsZjNivgOidYbL6nW49uNwRgeAAlJvgv8+/FTb0QBaMm"
    "DUTHXsjIBw31afvnypJZzP1pqvIoT7ma72ulgcyPzkYZKYoMKrEv46JbK6NbgcpdRsLjWb"
    "Z3ytkRwi2wKD3VlS83f7/OVyCy0/v5e2Oc1eGqNU21why8vaFQtiQnhLYJwE+BOzMRnRX/"
    "BCwdyWTTHoIG3T6Yped0FNhwlscDcY1rYx94W1WM+SF/K7sXA2lGd3F2eXrdq3lxGLPexT"
    "JOIQW1YLw6HesFrH1qEYcdlFviP01NVZyXpkDUpn5crVSMnVyJGe0NBmE8QknVKlJVVtm1"
    "cJGrcrNpKXI8Rmoo6YjaaSClMBt4xYJQbiWPLdRDDb1+XDZ3mbg2KuS10w6urdcyLGiAi3"
    "UQ4x4IFll3UboVR6wYdtsBkoNuFtf6J7HVuBw9Jd7FdzVC3lhd4bvDrZ0ZnJ1xncUUq9Qz"
    "gELsvpiqcJsdl6/iTlWir/kvE2qvE/buRQ+B83MvX98OhbfMdt96QISlNGVTbWUar9mVZq"
    "u5JHYjC/f58H5/fvs4GGZzHDijIk98i0CNARosrh/DGP/epjtvnqY8J6pTpmUdN3iGi1/f"
    "sAVv39mcCXqCEA1C3oIB7cag6MBXkVEKGuV1T7EF4zQwYvntL3XfpPv9xiyxAkdXXMMLdV"
    "BPdvu9TVqD6aoqjx+u5qLY03WF7GUqldhV7SVQh4r64Lyl8eTQUdW46aeeQvWSpTMlDPkq"
    "IBXPcK+g/F6baD98t2/N2jjScGsYrA7BNUsD/vxFFLAVa0M0eIKteTd4Lz1OB8zqSMMDb4"
    "uAjWCcIK9uyjRh7nTlkqe+5oJBw8Ce9JGYg8pyyJ54xZ2KBZDj0huhjYfUm4K7S9Dr9f1d"
    "55p3MV0eqdt2Oyx/XD5/OWRF9hLwsRERFJAsBB9dn7kxGKUyTB5brVGGkFdegVs5wUcPtM"
    "+BRsuLesnj9BZBQ9ExOzDSH6AnVUGqDebGoxw9wGTg+qpqqiNcGTPrb5mEw3xOqzX1FVoQ"
    "KPkimY7wl9JkLBsSFmHXtkUPK3KtX2Kz0881Eu+LgyMWjo1oDO8xuRj7H9TPB8Q/DaXj1V"
    "Hao2njJbbKykhkqqCtFsaqo+Zc/6NhlsCpWqpKKjz5iZRKg938az1hlU1aLCXlQaKz7r/4"
    "kHm46/SoK1SwvRDaambFRHgV9LMRVFC9SX2Ywm2CRGb+oQ9FhAsTqEniKnOGIUEcHR3Fgg"
    "iQBDXMj95wg7Dq+UocdHJWA/PiI2pxwtsEgJot+kNnDq/c0mQmCK+njIbKxC5/sLgTky5C"
    "+oA5vKUdexipoQcQ9l5EdS7ox55w02HjDb5F0KT9UeA71htmzVwKnUbSXhfk3GSDL+bR2i"
    "9ueyBvAARmoFt2dTAZ7JXersUtDYsIbwXW8M9EQsSBkwtRm4L9f9r4RUAuCIPB8TK/7CPp"
    "ZPutTGE/aMzbfIwsazckaWz2w2l8/Hchg4/shAOQDl1nezqdtSHqlOYik7Dd/UFfklw6dL"
    "pCtuHuXxpZKlMjWX6lmVHJJ1MPWhB1M76qOU9cXXK61aV579gjkyssi5sC+nRGfOldOzOy"
    "W+Q7dszhH+SjgsDtYCyQkeDeX0yJ0ZGywjzlTal30kLT/LFmvWjhEH6hghiLAKeUX4BBU0"
    "tDVyuaQ2lrikNpIuqe6oKmpEjpFp0SBbNAiwhkmqqJtPmKZyzr+NZjOXsb65xFjfTDhZMy"
    "rk+9JcT5c4WYeJKjh3bD9qABADpbFCqSDSYboKgn2Ua6I+WjJRH6VM1ORv3FOb42ICSZRO"
    "O7cXlE1CHhIzW+nEek5wcQobPlnMyOBCGnGMF0OgPkBuLAH2svNwftVCN7eti/Zdu3Md3a"
    "eph1G/lNvW2VUM9jkxRYrPVWZ/98tXqas3jj58/+Hk+OMHv4f7d5Z17GQnHmMyGqdoIjLh"
    "DAg0nil4DuQmelBs+XMJKrjubV/IsFlgOs7ZYcMk++uy7w+kv/Kx0Wh+LLTT8ykq2GN3EH"
    "2ojAbrpbCKkmo/yrJrfMN8ZyGXl8LRpynEVVpt9yyo++OovygeB5yg1YzYWjhwgG3K3klH"
    "BUejghMdMRIcfCvnq9v2xX0tcxLaAsSdWHUVhTpl9l0/EDtkQnsJN+dD8bSJRFfZbDIVvS"
    "FL0dgWQerXGeYV8zPduaHY7VhZ5uKg3+UyGrs9Pq/t2DJscJ4BnxnwP0bq40djgUIORISi"
    "qWELDmn8+GwCL1U3UH+h/qZZjrdWr872tw8t4QbZ/rR9eNf24cOxWe4P511ZLbU5TZvTKr"
    "05jMbU26K3LhdSiDUrNmOFykJUQM8eJaoS+ttTtmvfqr35VnmgOTuQVL3fasQjxJVcSRt5"
    "DB5QbMla2kgYPbgwxCxlCgfEW3Q2SeibYuh71Ht0cLtpXV+2r38uuN3xyE6Re9GlF53PN1"
    "ete3UzuPbvty79263LLj0779yqe+5Fl346a1/BDedvfDebi6sf8/A0bhsJcfRjQuh3TuXs"
    "gbG6kOAfo9PZd3P40en4kNdnLRwSSvh4La7HSHUq8zKnMveG6BqWyARplUTsPW9wtHG+NK"
    "xw7ARFeRCmWgv8ks1xpbDHBzOMNsevshEnZuN0C7E2xu/NGJ+YVLaAcd7UayWbTfJiG55F"
    "I6DKBqDrh6urlzrpLpSeLMUSHU1elm2Ill2nN4mW3Wou9d8TQ1rlbP8jZhL+3T/3IFL8Dx"
    "1iXMoQY5tlWZBXa6482jKrCmud365bt6dI/enS29bF7UP7Hu74l13a+nJ29XB235F3/cty"
    "qKIOSz2ivam3ox/RG7bSbNj0cUpl2a/pDcXeNhT65KpcPurrn1y1y91EpGOn7CfiHX/5ji"
    "I+6vT5TK9vj1DUAbLKzo+7cDLVQn42+tUS8hPiTZ6YGn2qgj5VYYto6VMVckP18icCHChs"
    "+iiAXECxmeizrxt2LVXHZ8y53A5Ux3gTzYOij0xYCdFej0o4SIic/P+YyqpSAy52lf7/YM"
    "Dal1YitAKu0E9E18rlmgoSLZvrLIC5ZNw/OApIIUYWzvKrQyCsOipUZaYHS1d6/v9CNUDO"
    "f9jMIAPBiZiIDZ18/nDUOCTLd1L+n4ZvCo6tIWT8f5bfDHXLZ12qXoexk+Efqp8z+4mrn3"
    "XvNIHHR/x1SuR+Re4OHx9zBvQmjbzBeanahFtO9Yw+aPi1HDRcfaS1O0Kp3RHUolT4GOgo"
    "VeUC+rafRU8rhLOhr5ZCOLLK+OJaUa5HKSvI9QPhcq6gGP+o1uJ8jpHq4KeD4PMa0U9JWh"
    "32sa4Hl7NXXosNCVLNBR2DdpCs0H51ZfCrC+aTLQCd07uuZLNPXnwTU29GxE7GiqvxXYFv"
    "UsIoVUhUYPpNsRBE7MLZRgHfDB2cTZ/LMrCJB2NSfx7dkUuoJUVKKJV74vnyUn76Riigtf"
    "Gl1MbrnJy7dpcMtyyB8z3+mnUGVZSsAqcJLtstt/59H9koe4i++Xz277eRzfJV5/pnr3iI"
    "AxdXnfPDz3N1eXv26b4g/g7RKVJ/urRz07o+RfB/l0pQ7lRKK/W3SwHT9heV0Mq9Koee3q"
    "B8jm35xYZpEZoyHa3QMyXJta6pzLqmIbG56LlsWyepUoJc87vM/NYGouyptboGougmoQjX"
    "o5Sa62XhespgT7gtqhHLigchR+m0vlSrrg+TFVp1XQbVtTub7E+veqjoRqfdjFPL8oT9/e"
    "We57Shq3qBY6EOBXIdG3IYgQ/l3ABuGPcQD7nJxrND8T2T/20x7uaQEC1g7fHnqBRjT3j+"
    "ymPr+StcfremnohZSUr9RGe6e3GxPdsw4zMowYPsQ15CJFWS2rd2xIvAX1N0Edk2GK98JU"
    "xd+za/iDGhTz1Q0PQ4lm1Jy3WQ2ZXTiXWnTunUrh58TaAzqPeH9FHj/YEAbWNhPKVJpJng"
    "hij2COiBwKmNAtlQH6Z6OI9RIOTlVNi7OUpZpcXgRY51cE/yXu90hwix9jPfkoY4skXbUH"
    "FZxXQ09YTbbXROyHn4gNt7twDyqziDIDLWC/vdhld8ItlFjM10ehdOLYxWUVW805wmkdRL"
    "aalM4rmZshVYKllAkA9qdfqSDsVo4tQMaUGY/GnjAZkSTEVdXko+2NhE87HKIoLmBkdcPk"
    "pmMVm3Ikhmcj/GqM9MgjkybIye8FSgGRXEUilMvFotbDzLEv0Fuvt8f6PylUBpATXKTsax"
    "edqlKlPKwLBBR40suVnlaE7EWL5LSqcCMqwAwaQuG0IGY1U/qHr6khzxMZtZJqJMdOkTxl"
    "NkMTrCtixkqDaPDUid8g6doX+2ri79dkFR7tbaxwNjxuHTDVMC06Vw230pcvgCGVrGbA53"
    "FlBOtsKgC4nX2rlVQnK31hqWU2so8GQqJ9BiHt0hmkpouvZwIL3c4cg9j9wWZfgXZyAdoa"
    "og1jtJsgK7yYIpnUMkVUR5F2EKfNb/Ew9SZOIlB3EHJFVEuZkL5eYSlJvJeQN/FT0pgqRE"
    "/C03Q/hEVTiled+miLGYWIVRjxBp1F9F/M2vD60HNyimQACOQ3WKnL9dete6vj9F8H+Xgg"
    "R/quT4bRwef5JjRjrJnI9OEnE3AmS/NG+kbHtRiGR/GthDMRFZBhc9bNtpnofZ62iUqgpT"
    "TbTXNnPJK80l8kpTn0KhzUdqNGAq1mB5iExHipUneCTJ31IEL5SMv6WwTL1s7ELJOLL10I"
    "WXyVry6wzbi/OZOcKilu7K6j+uLzMG/AUFe/2g5Opk5m6+8P5s8IQFmmIbDQzLkn/ePD7C"
    "QXWnPxLzp8fHOnp8DHKVuzcRs+VtUKSd/uiq0+TdtykJz3fxFrAjPD6qirksRTiajw3Hzm"
    "DhoUDyWlbuBzA+Pv6gdPJuG2w8JJbFu1T2HUHojM24tUBDm00c+wKjdTSbgmGDCC5bOzUG"
    "RCzeoV/AVEEounHm27tfrxCH5OqG6FIwgTjgozGTfEfGwGacI/ws2aJSrcsvBivGWBKDVc"
    "Fmc9loxv1WjQ3ZIqdp2IRPghZz2RuQ/CrKgKAO75O1w7VjPZnaM4rNnMaETHNBwSzVW81P"
    "XaKkvCd5JOSTbAH5xJWPl1gGVI9NmbotZmTpnXySGN5DoDlAwXgJxpedh/OrFrq5bV2079"
    "qd66hopB7CLXmDeNFRZ1fxw3d1wPNrkFHlRCkXjzTZlDELGzTLF9SnivG3L8l2xVL/zn55"
    "et7pXEXYed6OKwwfPp+3bt8cvY2Oqgw59GXko6SnSYqUlOqOki0r2Vi5Kw08qmIBQFKk8c"
    "qrxR8ZyK8JyZda4I0gWN13fzAZhhVcqIcLkCukAOQe5DJJk5i2WT2ISqEabTxhz1K+8KQd"
    "5HtveS4XSuZxnYQcdwoi5Zs3A4MPDBO//SHSHiVtqUJKAgqaBw0ayw9SMg8cU/NEptNsSe"
    "X3ml8nlPD58UdeEUZ7PLykx0MwkopnnIhSaofitR2KvUFTmAcxQs2CbelrInPahsoaJ973"
    "IlzjgbEkfzaE6JSw2p84vHxvCHMF/Vnj+MaGe5mUYW5OhRQJL8i2sFKss4OiOUS5IbFABU"
    "Ms4chE4P3piUT/4MipE/xQDfQn69fRkNmuoyqcZAwqHGTwJ1eyiclxW6sbhLg2yGVMklMp"
    "8uEppiYc3ucovoDIxoqxkm5iLBDHGL0BDDno0GSXlWC9Bf1Rl0qRkXDltArAweuVmOm+1L"
    "CkIKc8Zi3suK0q71j1BjIaC0ctltt91WuVl2Bbu6+WYtFaJswFWtj1Dr/Qpp9tSHNP8mvT"
    "lbKr3XY82jI7BMql5vqyDbqk3s3lp1MU+Slnu+v71u2Xduu33sXdl1MU+Rl+qmgjP+PzcC"
    "735K1n0z1Av6ubluTA9c+1gnx0yU6RewEnFJ5d/i+cTij/lNDhio8ZhKrJdZSI9ORGy1SI"
    "KdR7VCW+jHZ4Q01idFxIohEuejBqjKxypqfmUSOPd9ZRI9s7C57FvLMcadGBqQDYcboyLy"
    "NlikcBcb9okESYpoI47yZKgvyN5XZCpM7dS6TTKJ0WTdcVTQv71lbYrfY4Vwc/XtLBj7Vb"
    "7Su1YQ8JJXy8Fp9jpNqftsx81ul2SrBolcKpWbOipvT0gU64MCtSiDUrquFgXjaWbN3DPH"
    "VR2ALOOstUGsJx09OGIFf8DIKUebVUlmEn3XmaZdhPhL7aMhwUXWkZ/g1sovjZsGZwNANH"
    "f4Jzf9yC6yRuhTRFp04SJPUCFeTgF0sahrdXtRMHwbFwP+3xEdl4ahkD7IQPBH58njnXq4"
    "dwhE2iAFKxEV2qDnRDfNafECG7gddA8PLjkEzp8dFigyc3nqKOOJGjBcmBID8KrMlDyJ3E"
    "nKr814ZjKjYNUtBG4Zf18NMqiVewVdXRE6+Czf5MXpTLEUKtdSozj7XCozQKD29uXEPdkS"
    "DVZqt1uVA2NewrkSq1uqkM6qZgHtmfKqRks05efBNT7otn265u7EdKru1cKlLvnLx9KEhf"
    "dJ7ernp02/q4oEtmKuYivTZ/SG4+JR3kIfdJ6ogPGKQdP/quCZERBvwbjNUtPjAs7ARYQH"
    "Csf04qBEdwNsHpKc63V3VqyGugjoweBKi1YWWQW+pLtGH6XMDtp20s6jlZYa/JnXinhluW"
    "gDk7A2+MbI/xCLXdLqmpSp5dpOCdY4ibSxG7s5P+BCT7TPpz9G5XKV53nPPHWYtTvIH/dd"
    "e5Tkc4RBJXY5KBQP+HLMIPcVZegjSAsbxzx/txPaqVhArinVuKPH72lKKhNAnaPQbSeDLL"
    "wQbSOMJjcfepMFmV5JCX1WRlneu+ZpqHA2RDbj+TcAcs6mGSTPmQNufoc8x2f47Z2cwkok"
    "WFvailbP1DT+vLdv0GlOthv2CuDb+N5V7chBxWsug7BK/xDhNj1FqolJvIMM20nAwF6b3z"
    "ygjkWhg6uRbk3l81GFxojD6bieAYM0lJkTEU6hgxSO3p5ens0hH48LwBB5yhMyVIigWcii"
    "ZcrkKerHAGVDlCnMymBppakquQrRQmcZXEQXnyWGwEp4xZBLJ2qaZBMjCFVx/zH5yPUcML"
    "8nApx5yw6thNBcaLZHPQh5GVcmGqL1FVyD6euuPLF4geUJd5m127fTi/bV/0pDB7/TPEmk"
    "d/x2eBXHFdeeJxj7PDcY8T0bg6rUYZjMAmFgaxCm0VQyT73yrWfhzOqBqETiIhQvk7eO1P"
    "L6Ad2ckGUjsWrsOKg/NGkgsJswtPfGEqPecdqOOL5sGp9sYrESvcEzN7cPhEYVakEOtBod"
    "3BDs0dTC2sW8C42p5gYfEjwwksa2LR2K7ANmUizQHxS0XNHijIS73C8ngy7lSFjG0yGNfS"
    "1MfOk/pS1XFQZpXWOBvWLYcjvhaV5oY+P9nKymds80xtZTq0IZIyqyjX9ARqNJt58qc1m0"
    "vOP28mThyWg6oAwm7xCqK7Ez8rN3tiEQ1jiEQ7oxTUJSb2E/tczL79P8m61tg="
)
