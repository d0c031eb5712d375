from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "review_assignment" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "pseudonym" VARCHAR(40) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "submitted_at" TIMESTAMPTZ,
    "assigned_by_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL,
    "evaluator_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE,
    "interview_id" BIGINT NOT NULL REFERENCES "interview_interview" ("id") ON DELETE CASCADE,
    "invitation_id" BIGINT NOT NULL REFERENCES "candidate_invitation" ("id") ON DELETE CASCADE,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_review_assi_invitat_7f3e32" UNIQUE ("invitation_id", "evaluator_id")
);
CREATE INDEX IF NOT EXISTS "idx_review_assi_evaluat_6892ac" ON "review_assignment" ("evaluator_id", "status", "id");
CREATE INDEX IF NOT EXISTS "idx_review_assi_evaluat_fc0fba" ON "review_assignment" ("evaluator_id", "id");
CREATE INDEX IF NOT EXISTS "idx_review_assi_intervi_8364ca" ON "review_assignment" ("interview_id", "evaluator_id");
COMMENT ON COLUMN "review_assignment"."status" IS 'PENDING: PENDING\nSUBMITTED: SUBMITTED';
COMMENT ON TABLE "review_assignment" IS 'An evaluator''s task: to evaluate one submitted candidate, blind.';
        CREATE TABLE IF NOT EXISTS "review_evaluation" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "invitation_id" BIGINT NOT NULL,
    "version" INT NOT NULL,
    "current" BOOL NOT NULL,
    "comment" TEXT NOT NULL,
    "recommendation" VARCHAR(16),
    "submitted_at" TIMESTAMPTZ NOT NULL,
    "assignment_id" BIGINT NOT NULL REFERENCES "review_assignment" ("id") ON DELETE CASCADE,
    "evaluator_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE,
    "interview_id" BIGINT NOT NULL REFERENCES "interview_interview" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_review_eval_assignm_8ecf95" UNIQUE ("assignment_id", "version")
);
CREATE INDEX IF NOT EXISTS "idx_review_eval_intervi_0c0d95" ON "review_evaluation" ("interview_id", "current");
COMMENT ON COLUMN "review_evaluation"."recommendation" IS 'STRONG_NO: STRONG_NO\nNO: NO\nYES: YES\nSTRONG_YES: STRONG_YES';
COMMENT ON TABLE "review_evaluation" IS 'One version of an evaluator''s evaluation of an assignment.';
        CREATE TABLE IF NOT EXISTS "review_rating" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "score" SMALLINT NOT NULL,
    "note" TEXT NOT NULL,
    "criterion_id" BIGINT NOT NULL REFERENCES "review_criterion" ("id") ON DELETE CASCADE,
    "evaluation_id" BIGINT NOT NULL REFERENCES "review_evaluation" ("id") ON DELETE CASCADE,
    "question_id" BIGINT NOT NULL REFERENCES "interview_question" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_review_rati_evaluat_272c9d" UNIQUE ("evaluation_id", "question_id", "criterion_id")
);
COMMENT ON TABLE "review_rating" IS 'One 1-5 score of one answer on one criterion, in one version of an evaluation.';
        CREATE TABLE IF NOT EXISTS "review_identity_shown" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "first_shown_at" TIMESTAMPTZ NOT NULL,
    "invitation_id" BIGINT NOT NULL REFERENCES "candidate_invitation" ("id") ON DELETE CASCADE,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    "viewer_id" BIGINT NOT NULL REFERENCES "account_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_review_iden_invitat_473d00" UNIQUE ("invitation_id", "viewer_id")
);
COMMENT ON TABLE "review_identity_shown" IS 'A candidate''s identity has been shown to a member: the first time is audited.';
        COMMENT ON COLUMN "audit_entry"."action" IS 'RUBRIC_CHANGED: RUBRIC_CHANGED\nEVALUATOR_ASSIGNED: EVALUATOR_ASSIGNED\nEVALUATION_SUBMITTED: EVALUATION_SUBMITTED\nEVALUATION_REVISED: EVALUATION_REVISED\nIDENTITY_REVEALED: IDENTITY_REVEALED';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        COMMENT ON COLUMN "audit_entry"."action" IS 'RUBRIC_CHANGED: RUBRIC_CHANGED';
        DROP TABLE IF EXISTS "review_rating";
        DROP TABLE IF EXISTS "review_evaluation";
        DROP TABLE IF EXISTS "review_identity_shown";
        DROP TABLE IF EXISTS "review_assignment";"""


MODELS_STATE = (
    "eJztXX1z2rjW/yqa/LPtDNtp0qbbJ925M6She3k2DVkg3XvvsmMMFkGNkVnLhLL36Xd/dO"
    "R3WwYbDDGOZjqNsXVk+3dk6ei8/vdkZhnYZK+urXtCP+nEXNj45AL994TqMziQXm+gE30+"
    "D6/CCUcfmYJAH4+tBXU0Eyi0SYRkxBxbHzu80UQ3GeanDMzGNpk7xKJA2kTQHBtI0DaQ6I"
    "j/nGMbed0inbq/xybB8NMwbMzYK7iBYY35HQi937GvAR3QX/HcQYSiW4s59zbu/XaNmIWc"
    "qe7w/zAyyYw4aGqZBuO92RZjCD9ie4WWlv0Ad+A9TzmpeK4FJX8tsOZY95jT2vzp/viTny"
    "bUwN8wg59/nLCxNRcoPeAV/BnbWOePq+nOyZ/QeP6gTQg2jRhviAFNxXnNWc3FuUty36bO"
    "J9EWMBlpY8tczGjYfr5yphYNCAh14Ow9ptiGW/Jzjr0A7tCFaXpc9RnmvkrYxH2HCI2BJ/"
    "rCBB4DtfsA4bkTTbvp9LVeq69pJyn++xQRNnqnxhaFscMflQkA7uERfvyfs7M3b346e/3m"
    "3fvztz/9dP7+9XveVjxv+tJP392HCdFyuxKYtX9p3/ThgSw+QN1hDCe+Cxrd0V0qwaoQ/Y"
    "BlcQZ8nOq2HP6AIMEB/mpJDvh4r2OBfyLkQfhZHYIJM/2bZmJ670z5z/dr4P3S7H78Z7P7"
    "4v3LOMQ33oUzuAJYh9h6X0FeZL3mNcT17PxtDmR5q0xsxbU4upHJJQXyFb/ikBmWAx2nTO"
    "BteKSv/INy0D/ozMLfz+hQc+Xddw32/fbnVq/f/HwLt5sx9pcp4Gv2W3DlTJxdJc6+eJdg"
    "U9AJ+r3d/yeCn+g/nZuWQNddelisXf8/J/BM+sKxNGotNb5mhRD5Z30Yv8PKMXmIzF5wYq"
    "SPH5a6bWipK9aZldU2fWl2Nkue0al+L1gG4MJjesJDF0/4e0z71gOmMuEidj2XcGG7FHxN"
    "9Uk2CRfZQ2Dz8py5AH91SPoLurtrX8m/Hq954rNZLIjxCoi2+Vw2r8MnP08WdAwoIHEn+O"
    "/tP0729AGt+WDETPXG/QKiY1u8+vqlljC22Gq+ihEeZro66GJxJPOTj0lqgoquSvjbnPDu"
    "tuBynFKxudJsXrCtvuQIWQkM9mZJxd/y+cv4Fpq/vibbnGYvjXGqMlfI6rJ2w4KYEt5SGK"
    "cB/mTZmNzTX/FKwNzmj6LTsWzT6YlevbCn4wQ2PBt+1ra+DIS1xMjiB/y9seNuKJu9j82r"
    "1sn3pxGLfewlEnGELZuF4cho2Kxj61CMGB8iPxJ64emseD+8B6Gz8uRqJORq5EpPaGJbM2"
    "RxOqFKS6vadu8SNG7X1j0/vEfWwmkgy0ZzToWpA6f0RCc6Ypjz3UAw2zf4xUd+moFibkA9"
    "MBri3kviTBFxvIdyiQEPzIes9xBCpRe+2A6bgWITXvkT3fPYChyX7uKwmqN6KS/U3uDZyY"
    "7uTL7Nxx2nVDuEY+Ayn66YTIjN1vOnKbdS+VeMt3GN/5uzHAr/N2eZ+n649D2547Y1LoJS"
    "yVeVjXWc6nCmlZN9ySMJmF+/zoPz69fZQMO1hGFFGJI1Mi8CdIyodji/y2O/epdtvnqXsl"
    "6JgVnU9B0h2mz/PoJV/3Am8DVqCAC1BB3EndfNkbEgrwIiMvSKah+ia2bE4MUkY9+j//Rr"
    "F5u6Q6SrY4a5rSa4f9+nrkaMUYmixh+7m7U0/sfyNJZK5Sr0lK5CwHtxXFD+8mlq6Nhyep"
    "5H/uKtMiUDcS0tGsCxVtB/KElXDt5PO/D3jzae6cQsAnNAUMPxvBdHLQFY0cEcI6rdSN4L"
    "znOdsaXFZYSpzqZFsE4R1nBkn57lce7krbLnjrOUgydhGpeByKNkSby0LBPrNMuhJ0KXAH"
    "vECfeFtj/gD6vau+x0rmNavct2Qva4uft82eLoC+x5I+LERJIQcFB9al8tQrFEElyvW02Q"
    "1lCHXjPLSQG3z5RPwY57y/r5E8S+okdiYGtHiL5AH8enpc6Pj7aYm5ZulAHTneippmDN8G"
    "yEbTYl8x2h+hx0VNfvDvxJ5mC8J/SROAKOHTHr2Pc6JX+LVu2g05qONCYMDAq6LaDzvUb4"
    "ZWw/ErzcEby2309tP1UGvmAzPuKYNtMNmYBfAK5m0FtNx5eNYTBoEdQOCNhRDjD8qJuLMu"
    "axVtBRXaHiIhR1iEMw0xjGEleLQjOX29mqN7WWtUXMxnPL3vUb7IpO6grRYm6IFdFejGwy"
    "3hUq0UlN53Z9YRBH6Kt2nqua0FWLOvaq1lixxegrHu+8BtYdrLFODSLUchGhXmNSD68iwH"
    "30+62lWL9P/4BbzJGj9x0xfE8kjgLxBo11HgMzbBBdm7sEmhVSbE6gQpHbHFkUEYehpb5C"
    "HAELMcey+ZO74Q7UQsOh0K8Mh4gv5gytsCNJobJLbxDS8btNHAdTNMITy8Yiccpo5WCGdP"
    "4L+sCGCNNwfWIMyLcCbfhLUubOmu4dbDy2bIMNKFwVKib0wrL5U43dTr2nJCzoSb/njH/Z"
    "gJwtS94DxH8gsYOzF3MH4lIG1FVSoaluTuC9XujogZiQMGZuWxC80gjeEhLJQBjKckrM5A"
    "1HmF8ZUBvPrEdsvEQm1h9FKAq/ZltLfn3KPwM3GgUox2Da+HEx956UxbrjWPJBw3YNRHnK"
    "5BkVshSen+bxpOWtMu1W4lqdwlFUKo1jT6XhGg8k60tgVdi0rjwGDXPk4+Jz4YhPie6cy6"
    "dnb0p8hbrWkiH8jTBYHMwV4hM8mvDpkbkzNtjF3al0xMeILDtXiT0rt7gjdYtziGMW8okL"
    "CGroZnGWKyDhbE1Awlk6IMH7qoq6ECXIlGiQLRqEWMMkVdTJM0pTu9CPs/PzXK5a52tctc"
    "5TITYWdfj9ZIEHa0JsokQ1nDvKjxkDxMBoKFAqiHSUroZgn+aaqE/XTNSnkoma/I01sTku"
    "JpDE6VRoU0HZJOIft7CFvktzU0tI2PDJtPQMLsiIE7yYAPURcmMNsFedu8vrFrrttj62e+"
    "3OTXyfJi7CqdArsdtqXidgXxLDkXjcZo73oH2dhvrZ6duf3r5/8+5tMMKDM+sGdnoQTzG5"
    "n0o0EZlwhgQKTwmeY76JHhdb/jyCGq575QsZthXaGHIO2CjJ4Ybs6yMZr2yqn52/K7TTCy"
    "hqOGL3EHsujAbbJTCMkyov+qprfKN8tyIuj4VzD0iI67TaHlhQD76j0ap4FogU7VaMqJjB"
    "uxq5IEJoJVunPaWEqBgjcmeESA3DWGKILp+tuu2P/ZPMKagEhDuJ7o5s7skLtWTu3T4JR8"
    "SApmJc8nkqzW1rNne0iSXR1xZB6rcFZjVzR4p5v1G2xPaubm+ikxohtHdDuvfpZZnTwy8z"
    "l1HdmxPy2tZN3QbnIvApAs89JF7+fuqgiIMVoWiu2w6DJLdsMYObihNotBJ/ZZb10vpVuX"
    "APoUXdIReusp/v235+PDbdw+G8L6uuMjcqc2Otd8/xjDO2o23LBQmxYsVurBA5+grYIeJE"
    "dUK/PGOE8j07mO+ZD5q7A5HqRTcjHiOu5Up6lscgBM3WrKVnKaMQc3RnIZnCAfEWXcxSGr"
    "kE+j71AR0Ab1s3V+2bXwpud3yyC+QdDOjHzufb61ZfnAyPg/Otq+B062pAm5edrjjnHQzo"
    "p2b7Gk64f5O72VxcfZeHp0nbUYSj71JCv1uzWgNjfiHBP0GnctPn8DNU8TPPz5o6IZSw6V"
    "ZcT5CqQh9VLvThf6JbWGpTpMpQu+3+JgwRL8yFFKniwrZcUB4klWGFa6wpyoMolfoMSvIa"
    "Caf5NDOU00jMkyG1Isr9GOQzfwno1jo3SBLs1MK3GWzln7NX/5zUBF4CxjXLxJvENrpixU"
    "DlD4Bu7q6vn6rwcSRfrcT1Ip7NNtvzgg8dbRZvW2ppnT9Sn7Qo4fNnwgfij6AMVqz5nyrn"
    "QCVzDthWlsvEZlWtT1tl3fhJ5/ebVvcCiT8D2m197N61+3AmOBzQ1pfm9V2z3+Fng8Nq6F"
    "6PSx+owivKUQiqzXFlNsequmZV9sZqQ3GwDYUqZJorbGX7Qqb73E3EBrZkP5Ec+Ot3FMmv"
    "TpXrfH57hKIev3X29t2HV7US8rPRr5eQnxJv8oTZHbLIVtX4nyta7MkiEI8SLVVmKzdUT1"
    "8i6khhU7WhcgFlLZyR9W3HoSX6+IwZ49uB+hhv4omRVFGoHSod+fWJdvgQVakjVeoIIDpo"
    "iaOjhMit28M/F5tIw9j2VbbnKMGS1u3ZDbTt3HKOBr1DKQ4j6G1QIcZxXq9MjDtg5avfs+"
    "SM+4GhkBTyNkD19QYkZ8AznZiimgwYo+U1ewr1AHV6QN+AdDTV2RRZE7cGj/WAKRS4ccv0"
    "XERPOgybE6jS88jfGfrm1wZU3A5jtyoPdL+07Acmfjb8CkDDIf42JzZfpHVnOMyZZCLthy"
    "FeQQQIKi+LampQBYeKqFADgjrqUM/zhB3yVmsyJqSCDsNvoCjK5UbW1h9p5TFUaY8hsShp"
    "sHYV+RLiVLULMi8/862y2WRDXy+bTWyVCcS1olyPU9aQ60fCZR+TtWzWx2M83+7rTpCqgN"
    "yj4PMWEblpWhUFt1NI7nZsSJEqLqiQ3KNkhXJ9rYLraziflAB0vSNwU1NvRlBdxoqr8N2A"
    "b1rCqFTUYuidIbEQxFw3so0CgaeIRmIE+3QyTuvP4ztyDjWnkEQ7zo0crYKUwtBAaeMrqY"
    "1XeaL37dEcfbIUzn38LatuZJysBhWA1+2WW//qxzbKPqIvPjf/9TK2Wb7u3PziN49w4ON1"
    "5/L4cy9edZuf+gXxd4kukPgzoJ3b1s0Fgv8HlIPSE2kWxd8BBUzbX0SSRe+oGnp6t8QFf2"
    "PdMAmVTEcb9ExpcqVrqrKuaUJs5mge27ZJ9JciV/yuMr+VgSh7aq2vgSi+SSjC9Til4npV"
    "uC752NN+jPDFWsXzBMTplL5Uqa6PkxVKdV0F1bU3mxxOr3qs6Man3Yxao3kic//yqjDu6L"
    "NeoJjjsUCuwrd2Qgw/6uaijHCIVtBRXaFSYVuVjUmqpnbhQCHfKhBJtmLaQfCfHNkOxX2L"
    "/1diGOGxjMKC5tdAaJBYX6MCRR7j61/R9vu1vcbsvHwbTlR22CffR2dbSgMGpXiQyYAoSZ"
    "220aXVAXTwN4lyMNso6revhe350PZQZ0rogwYaU41h/iyy/ECZQ1lOrAa1ZFB7hqktgc6g"
    "PhzSp2evjwRoGzv6g0yKzwQ3QnFAQI8ETmWly4b6OO01eax0EbfDwuEGcco6LQZPUnZqbl"
    "uzubNl9akYsQr8KMlkE9ui7WhJqGMKt0bKDz4+J+Qs2OON3hJAfhZ1e2LfemFH+OiKTzi7"
    "iL6jds/txaK1t91wIOh9aVaIruiurmC5+5hdVeyikzpBtNekVbH0l7JcVcn8mNkKUZENJs"
    "zJuTk/VYdiNHN7hrxPFv9p4zGZE0ydBj/kfLCxgZZTkSYKLXWGGL+UTlO1bUeQrao/xWhk"
    "GQQzpNsYPeC5gxbUIabIUeX3amL9kbcYrVDvc/9WJKSC1g70yAcZw8bFgIpUWGPdBjsRMg"
    "l9YGhJnCm/F9/tOJBCCwhmDf4gZDwV/YPqcMTJEZtaC9NA1HIG9AHjOTIteo9t3kgXzzzV"
    "ITfWK9RE/2xdXwXPBU2Z1+sIj/UFg1fXDQ7MgMJp76bI5Quk4JpaSzizgnb8KXS64nhtnT"
    "wrso9TWuhqaqEdPJvzWbNYyE6Ephaa00Q8Qq6ondM1UTun6agdvmPme2i+zc4IIMlAOkZV"
    "Q6z3kkULtBMFy2pESOqI8j7i0Nhi9BWPJXusbJQjJHVE+TwXyudrUD5Pzxv4m6NxEUQS0r"
    "3erBUQbYV0NbezBzNtTZ2ZWRj1GJFC/VkEWP5217rzoh4LRFi6VBfI/TugvdZN/wLB/wMK"
    "EvyFkOMH9FOzfQ3t3L/JnU2eOel9jhnpfeZ89D4VWOmA7CfzCMy2P0ZIDqfRPxaTo6kzR8"
    "O2LXMtz15H41R1mGrio/Y8l7xyvkZeOVeVwJQ5UnwNmDpbsDxCpkKBqxMdmOZvJaLTKsbf"
    "Slg6nzY4rWIcKT027WnSUv22wPbqcmHcY+dE7hodXG6sMwb8BQ21Udhyc7UKryDEaDF+wA"
    "6aYxuNddPkf14Mh1As+OJnYvxjOGyg4TAMM/BOIsvmp0GRdvGzp07jZ19KKlrs4y5gRxgO"
    "RceMtyIMLae6a2cw8cRB/Jh3HkSoD4cfhE7eewYbT4hpsgHlY8chdGEtmLlCE9uaufYFiz"
    "bQYg6GDeIw/rRzfUyc1Sv0K5gqCEW37nzb++0aMaieoTsDCiYQF3w0tTjfkT62LcYQfuRs"
    "EbU0+BuDFWPKicGqYFtL/tAWC55qqvMnch8NG/BK8MSMjwbE34paQNCA+/He4di1nsztBc"
    "VGTmNCprmgYBmCUgsQVCjr+vs8EvL7bAH5vScfr7EMiBErmbpNS8/SOwUkCbwnQHOEgvEa"
    "jK86d5fXLXTbbX1s99qdm7hoJC7CKX6C+OGvzevElkRltHgWMiqfKPniIZNNLcvEOs3yLQ"
    "6oEvwdcbJ9sTQ4c1ieXnY61zF2XraTCsO7z5et7ovTl/GvKkMOfRr5KBI8LRGP4qHV2dJR"
    "KqQ7p4hEkRfabEFJLkdnDxcgF3gnsfB8YIvRjDh8yKCgPlwDjUw+IqT1vXbq0HegCDpBDx"
    "RkAZAVgsa8Ey7PjFZcBpozvDAsupqBgDXTDYwmFvg4EC5rvAg6aYS0L9FcJ7bruQGdhoiB"
    "SAI9XISCCZeFuCjHhZ+JkIJirybq6TaEyLPgYg3Ytg14UyGoWSChhM3BOyTTI+KPk3gZto"
    "DK9X+IOUuE1xpR5bWf/DR22T8Zcx9NdK6cKyrnXBGM6CISa4yohmbSt3kk17fZkuvbtCX6"
    "+OxGt62bq/bNL0UNRx7ZBfIOBrR3d/m53e+DlSg43MZQVH4STqVvfxbCbSAAbKNlT9AqVX"
    "uVOe2KV1tW9EnRKkX7tsFdgdxXmAtJShVhtzUTVJhjJZjgb7a2q22l0lKqDKHHz4rKGmGr"
    "xpLSrbDSBaEEnFVkb2b5sLKGcr1TyKXBTqx2m9GO6R93BLvmOW+TYvVmcCPbocPBW7HNU1"
    "5001vHHSLUVfLXddDvNZo4HdYvsZFJY/83msrGPlWxbIsnTeS3d21COgp6QvymJoTqOlYj"
    "iA02LAzuLY64uAILkW6aSFiU8EzmTlRm92BOi/Ro45n1iI3AFQgFC6ofjywcgryMDG6sMX"
    "EG9MVYZ2PdwC8/xJ5HuCKJRsI9KHw8eKApfyFhHSMMsQcyn2e78fxxEvQJLQJ+JO1fymJV"
    "SYtV+CUVr7cRp1SbuK330/5HU5gHCULFgrL20bE5bUdpzU2u/DHa45GxJK/klpwSNsvF0e"
    "V7R5hrmDwoiW/ic6+Sp3hEPJZIeXHheaN4h+PNc6WOecQ2A7mGS0963I8p7M27GLoNyZPH"
    "bNcViGs9174J0tMM8oQGXZ1+QCK/CrygOKEbhusYRfE3J2gGIhdIeQw8yMcL2+YdD4eus7"
    "fwr3Y9trFuc2HNDsj4p7FinvMUF+WgrMAr1BvzL4ihBcMi9wvyuvOJmHDEeiUc2z05Munn"
    "zocZvzl/JniaAAZ+ysZzzMXbuAvWD0w8ISSo8TvkiHkpr4Q/OASdDSihrh8ZvwcOeCAVLO"
    "MOcd5zSxyrYpo47zWVi1RFBU5lwqmEyOl/TSkGZGcJDSnqhHt52Y+9iSc9pNc5fUeoDuj0"
    "7U87R+XzHQPbms2kYGdn64iQqFrohVN12NjFz8iwx+RzvUz3UuFcBie9fpfjw5tcoOBwQO"
    "En/P13q3eB+H9c6nMvihPhcVK0fBqnzIp561VtEaifux7McVt660VI67TCK2+958cE5a1X"
    "PZ1qfDu/o7avlmVLG1JLeGRaVl5JT++VpPxkSvaTyePGoTLnP6EjRwq3tRr+ENuNen47bJ"
    "pLx3/64zlioNYG7bvwWhDp/ZHlqpQD81MDeUpmqSafn5Dr/cvtXqrSjls2otav0OKoPCcq"
    "I8001iiyxUhJM6A3000zkwUBUZ3EyjdnP70LoIcf68DufW5eX6cFdmrJUtJna/P89kqVV1"
    "iVp1x+KrBBDReCbdUEig3K8+pYWbBGSxCXkHbcX9XSabsh32Upt6sndbuSrrAl4Ku8B/Nq"
    "C/a5BW4bmDrEWfWm1lLq4RZv0Mix+SUehcYCkhzxC0EurB8Y8nsQ5cBGGFMkuhJxBGiGZy"
    "Nsu/mwJsRmDgITHTj0C/8wLMv/VXbvORJmARQ4nS1L7XkruecVrHYH7Bb25DS1sihX2qKs"
    "fPUqsUlR6RYqwwp3udqiwnqETMFf1l5RZbs4YLYLlYvhcLkYPKl4d6RrbmCOzatV2i928d"
    "yypUmhvSuNPObRsGmOneGEmFCugZiOGyKeDMQRfULiZR19tUaNIFzI3cpBuQekswf5vrC0"
    "viFIqg1h6hYnpw4y8BxTA2KR3NzLQGRjoXDhdDN9BcmX0QvAkEG9DT5gOVgvIdJoQIlI+w"
    "xRRQAc3F5E3Xs31U2LYlFd28RuiWtRSVvcgdxPHTeqKnepa/+p/BQeqtR1JaSDxprd6pNv"
    "XyqWgOVpROYH/rZp8PPFC/i0Vc6KzZeam6s27Ne126tPFyj2k892N/1W90u79bv2sfflAs"
    "V+Rq8K2tjP5Dz8RAEEzzjXdrfVvPr3BRJ/KlicFTRpvhqZYJlz3LrIMwn1ASPQnkYDV2IE"
    "GnM40T3WCpanSpDVrkzV+elZjkHOW2VXcoVryWg/IS26MBUAO0lX5WVkS7xPc1XOPV1TOf"
    "c0XTkXxH1xXADrKE0NcT7LhfPZGpzP0jgz8jfm2wlHOnevkU7jdEo03doJq2gd7hqX4H6T"
    "a4C/WTPA36gS3M/UTjghlLDpVnxOkKqCIFXms4qqrMCipazBlWFFVCdcmBUSYsUKZRk+Qs"
    "uwijguAnLxiOOk6UnZhNfhK5lXK2UZFv7cJzLLsHulkccyHDbdaBn+PVb8lqGvC+MeJy24"
    "bqQrQ6PVhYhsdW+A5tgOm6UNw+V1DXbh4ZBhx3s1N8mkqY+xVz44SGvum3P9fghD2CACoA"
    "9wfkBdf+SwTnEkaSe/AUPDoWmNH8SWAzJeMsK/liBPpY0n/MEcy+0quK2fdB3ifnOajJVR"
    "uJJGYaWS2DTD1mKrupgbW7I5TqnYXGk2BzN5US7HCJXWqco8VgqPyig8/LlxC3VHilSZrb"
    "blQtXUsM9EqlTqpiqom8J55HCqkIrNOnnxTU25O9TR83fCkvmmQAa2+gazSxKw5VKRdiju"
    "W/y/QyhIn3SeLlc9WrY+LhySmYq52KjNX6Ewn5KuE88vJ9KEGSIhnagKw/+Np+IUG+smdg"
    "MsoFagn5pCBEcwi+9ZUkq6cruWhvSH6kgu+xNHJbGrlNzSWKMNC/iV4kEmA6IkddpKlVYI"
    "pKjnZI29JvfinRp9shTM2RkDE2QqcWDhxIFLDHFzErHbtPQM0EOSBN4ToNkX4qevXh8e8q"
    "vO3eV1C912Wx/bvXbnJq5IExfhVBhT0G01rxMIu2uxxBv4f3udGznCEZKkGpOMHfR/yCTs"
    "GGflNUgDGOsHd3IcN+JaSeggObi5yBMUky4aSpOiVaWc8gfSuMJjcfepKFmd5JCn1WSFov"
    "yOqpXQm+HI2JDbzyQ6ALfPbL9uzimgWQl2pzXMxxifLlQlgKKKqPKUJU1I7teijr06kehJ"
    "Ilcb61QkIkWghoOGubQjUDrONrDB24ydVwhuQ7BbVxYK2YrKuFBVV5bAoiA9OCP1pxgRSE"
    "wxcRNTQH5/eGCR4nBkLRxB+YDn4ACFKdInkLCCjzXGb2UtRccDeg8OTy9EkkR3/uQUKwZu"
    "SB5XoeBvuuQu3APNTc7VAXVXPJHxQrg9mdY94rc3ySN/evFoBNJoAF4jzD64LyPmIqhCLL"
    "yYonp2joMoMFwk9UXSuqFSX1RiFW+s0evwMS7dHueL2g+pq6yTOOneXXbbHzUu+d/8AoH5"
    "8d8D2vrSvL5r9jtdrdnrtX+5gTbpc0E7vmfTeneXn9v9fqRl7Gysbbf1pd1LtPTODWj7qn"
    "XTb/f/DWf4Pg+apU4l56lcYXp5wqvfZEdXv0kFV6ssKVWw6RvY0YlZaOcfITn8zv/k58mC"
    "imnCzQtFKHsFt/3HEyi79qIPUH6i27Di6JzL+FK3RaXOKJWa847Uj0nx4EI5V1aIFWwx+o"
    "rHjrZgW2QYlhCrj0J59x2bd59YWEvAuN6OfVHxI8OnL2tiUdhuwFYykeaA+KmCoI8U5LVO"
    "fnkcU/eq5BYBqycyBbd7pbFOuR2U0NH0sHUuDbfuOHg2d/hfESfrG4ZeodYjtlfBZcKE2v"
    "kDGg7HC9vG1BkO0Uy3H9xIWSAVaZDH1oJzRa4M38+tvCBeR7cdL7oWeoCW/FviHf/A3CpB"
    "S4ijhdP+fdFSZ151oRdeBy7Uw+HLDwMKToreEy0J/2IWDn+gIL43uBHvyjTRCIPe29f25y"
    "1DFC2I5t0r5cK4jsaDR+nDq6oP93iaYkH2Fj+kqNOepjQvx/AzL6ofi1Mq/Vil9WPRabYw"
    "oxO0Ksy2ypz2l7D0KrXO9S1CdUCnt+DM0Xq9PbnVrWqTpqr//ExZ8EgMbG1RUS2kUorOkh"
    "SdqsjXIYt8qSLcRQAuXIRbzBAlYPvF7+e4JpS8uEYn0kqp4WTzh0QnlzHN5FHQxae7nEG6"
    "PjUS1NgQ9bCFskrowwLNZsMth2YS+iC0VvyY4bGNoe7YA6YZcbpl9p6h9oool/FMJ6ZUzx"
    "VpFHdn4QOFN080Cav8wGWlAqukCkyFpe63mIf7MRUAOCCoI8Lnb/MgfP42G2G4FkdYTG3a"
    "VGfTIjDHqWpXcOldHqDfZeP8LgXzEVZ8a998afc9h+oCDuQeGdTdEwcD2us3u+KMd8DPhB"
    "7hUTfwf922u8L32z2AWnFfOr8KL3T3ILm+5+Fl+dX78Lc5sTHbQnkbp1Ra+mrrbpWz8nNg"
    "c4VsbtXc7daDy8rk9kw4beNHa7v0xXFKxeUqcxl/4y+mOVNCHzSG+YsaEuE6UwmSQX04g9"
    "O+UumU7ZDiAuUqy7bGOU2ugJYDbWNHf5AVLt2AcIROQZtyqoJqxcKbsgCucSIFasXCzKq2"
    "IXqqWD9hz9gmc3yKVNn7VbTfUbJCxZhVIcbsqWJ1jhXkfBm55ZN9CRDXO9wstbjtkKN/MT"
    "ctXbbpKZIaTbi73Ime6oN6PMaUMT4AZxhodoKqGXRUo68//iEb/OWIQzDTRHjWbni13d5W"
    "Pb+rOkLmlbvccWQFoYN1gWivAZvYJuPpiSxg073SWJuNMGyzyQMsG4aSy4E+F5eoHff42c"
    "5Oj/wTzEyAl+FRHpLU0iHnPJdDzvkah5zzpHcBfFQFEPaa1xDdvdQ54Hd0pAFZ2SnhIiQq"
    "GXzB5G+pzfkh3Z6//z/232rA"
)
