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
        DROP TABLE IF EXISTS "review_criterion_question";
        DROP TABLE IF EXISTS "review_report";
        DROP TABLE IF EXISTS "audit_entry";
        DROP TABLE IF EXISTS "review_criterion";"""


MODELS_STATE = (
    "eJztXWuT2jjW/isqvmxSxaTSdEjy9mxtVV/IDDudpqcvmd0dpmiDBShtJMYSTZh9899XR7"
    "bxHWwwtHGrKpUGW0c2z9Hl6Fz/W5swE1v8zSUbEfrJINbMxrUT9N8aNSbwIfF+HdWM6dS/"
    "CxeE0bcUgTEYsBkVPQsoesMASZ8L2xgI2WhoWBzLSybmA5tMBWEUSE8RNMcmUrR1pDqSX6"
    "fYRm63yKDO94FFMHw1TRtz/gYeYLKBfAKhoy376tIu/QVPBSIUXTMuRja+/fUScYbE2BDy"
    "P4wsMiECjZllctmbzThH+AnbCzRn9iM8QfY8lqTqvWaU/DnDPcFGWNLa8u1+/0NeJtTE3z"
    "CHr7/X+IBNFUqPeAF/BjY25Ov2DFH7AxpPH3tDgi0zxBtiQlN1vScWU3XtjIzaVHxSbQGT"
    "fm/ArNmE+u2nCzFmdElAqICrI0yxDY+U14Q9A+7QmWW5XPUY5vwUv4nzGwI0Jh4aMwt4DN"
    "TOC/jXar3eVeeud9u66/VqMf57FAE2upcGjMLYka/KFQAjeIUf/q/ROD7+0Hh7/P5j892H"
    "D82Pbz/Ktup947c+fHdexkfL6Uph1v6pfXUHL8TkAHWGMVz4rmgMYThUilU++kuWhRlwPj"
    "bsZPiXBBEOyJ8W5YCH9yoWeBd8HvjTah9MmBjfehamIzGWXz+ugPfL6c35z6c3rz6+DkN8"
    "5d5owB3A2sfWnQVZkXWbVxDXRvNdBmRlq1Rs1b0wuoHFJQbyhbwjyAQnAx2mjOBtuqRvvA"
    "/FoL/XlUX+PrNDrYX73BXY37U/t27vTj9fw+MmnP9pKfhO71pwp6GuLiJXX72PsGnZCfqt"
    "ffczgq/oP52rlkLX2Xp4qN3df2rwTsZMsB5l857cs3yIvKsejN9h5xg+BlYvuNA3Bo9zwz"
    "Z7sTuswdLaxm9NGpPoFYMaI8UyABde0xUebvBQ/o7xHXvENEm4CN3PJFzYDoXcUz2SdcJF"
    "+hBYvz2nbsBfBYnPoPv79kXy7HGbR6bNbEbMN0C0yXRZvw/X/j6c0QGggNST4L93/6jtaA"
    "KtmDBqpTp2ZkBwbKufvnqrJZzPNlqvQoT7Wa72ulkcyPrkYRJboIK7Ev42JbK7DbgcptRs"
    "LjWbZ3yjmRwgK4DB7iqp+Vs8f7k8Qsuf30s6nKZvjWGqInfI8rJ2zYYYE95iGMcB/sRsTE"
    "b0F7xQMLflqxh0kHTodEWvW7+nwwTWv+pPa9uYL4W1yMiSH+TvxsI5UJ7enp9etGrfn0cs"
    "9rBPkIgDbFkvDAdGw3odW4dixOUQ+YHQE1dnJfuRPSidlStXIyVXI0d6QkObTRCTdEqVFl"
    "e1bd8laNwu2Uh+HCE2E3XEbDSVVJgKuGREOjEQx5LvJoLVvi5vPsnLHBRzXeqCUVfPnhMx"
    "RkS4L+UQAx5YDln3JZRKz/9hWxwG8i14xS90L+MocFi6i/1qjqqlvNBngxcnOzor+SaTO0"
    "ypTwiHwGW5XPEkITZdzx+n3EjlXzLehjX+x40MCv/jRqq+H259j5647Z4UQWnCrErHOky1"
    "P9NKbVfySATmt2+z4Pz2bTrQcC9iWFGG5B6Z5gE6RFQ5nN9nsV+9TzdfvY9Zr9TAzGv6Dh"
    "Ctt38fwK6/PxP4CjUEgFqADuLe7ebAWJBVAREYenm1D8E9M2Dw4glj36X/9MsNtgxBEnfH"
    "FHNbRXD/vktdjRqjCYoab+yu19J4k+V5LJXaVeg5XYWA9+pzTvnLo6mgY8tRM4v8JVulSg"
    "bqXlw0gM+9nP5DUbpi8H7egb97tPHEIFYemJcEFRzPO3HUUoDlHcwhosqN5J3gPDU4nzMp"
    "I4wNPs6DdYywgiP7qJHFuVO2Sl87GjEHT8J7UgYiTwlb4hljFjZomkNPgC4Cdl8S7gptb8"
    "DvV7V31ulchrR6Z+2I7HF1//msJdFX2MtGRIREEh9wUH32vjJCcYIkuFq3GiGtoA69YpaT"
    "HG6fMZ+CLc+W1fMnCM2iJ2JitiVEX6CPSgPUm00tZphF4HSveqoqWhM86WObj8l0S6w+Lz"
    "uqKlTgUTIF8z2hT0QoOLbErGOPDEr+Uq3ay04Pz3yUCT6uTAwaug2g8/xG5G1sPxE83xK8"
    "ttdPVaeqjafMFlsrqaGTqkI0m5pqTNmzvk0G20KlOqno7DNmJhHqzLf1qnUKXbWosBeVxo"
    "rP+l/xYNv5V0mwdmkhusbUlC/VUeDXEkxF4Qb1VTajCTaJ0Zs6BD3mU6wPoafIaY4YRURw"
    "NDcWSCLAEBfy/DnCjsMrZejhQQnYDw+IzSlHCywSgui36Q2cen+ziRCYoj4eMhur0Pn+Qm"
    "CODPkN+sCmctR1rKImRNxDG/kjKXfmvPMEGw+YbfIuhbvqjIFeMVu+1cDp1H1Lwpc9GSPJ"
    "+Nd1iNqfyx7AAxipHdyeTQV4Jnepc0pBY8Mawu96ZaBHYkHKgKnNwH25vvyVkEoAHJHnY2"
    "JFH9jH8k6X2njCnrD5GlnYeFLOyPKezeby/lhOA8cfGSgHoNz6YTZ135SHupNYykHDt3VF"
    "fs7w6RLpiptHWXypZKtUzaW6VyWHZB1MfejB1I76KGF/WeqV1u0rT8uGGTKyyLWwL5dEZ8"
    "2Vy7O7JL5BN2zOEf5GOGwO1gLJBR4N5fLInRUbLCPOUtqXYyQpP0uBPWvHiAN1jBBEWLm8"
    "IpYEFTS0NTK5pDZWuKQ24i6p7qzKa0SOkGnRIF008LGGRSqvm0+QpnLOv41mM5OxvrnCWN"
    "+MOVkzKuTzklxPVzhZB4kquHYUHzUAiIHSWKGUE+kgXQXBPsq0UB+tWKiPEhZq8hfuqcNx"
    "PoEkTKed23PKJgEPiZmtdGI9J7g4gQ2fLGakcCGJOMKLIVAfIDdWAHvRuT+7bKHrm9Z5+7"
    "bduQqf09TNsF/KTev0MgL7nJgiwecqdbwv21dpqDeO3n149/H4/bvlCF9eWTWw44N4jMlo"
    "nKCJSIXTJ9B4JuA5kIfoQb7tzyWo4L5XvJBhM990nHHABkn2N2TfHsh45WOj0Xyf66S3pK"
    "jgiN1B9KEyGmyWwipMqv0oy67xDfKdBVxeckefJhBXabfds6C+nEf9Rf444BitZkRh4cA+"
    "tglnJx0VHI4Kjg3EUHDwjVyvbtrnd7XURagAiDuR7ioKdcLqu3kgdsCE9hxuzofiaROKrr"
    "LZZCp6Q5agsc2D1K8zzCvmZ7pzQ7E7sNLMxf64y2Q0dkd8VtuxZdjgPAM+M+B/jNSPH40F"
    "CjgQEYqmhi04pPHjswk8VF1A/YX6m2Q5Lqxfne1vH1rCLbL9afvwru3Dh2Oz3B/Ou7Jaan"
    "OaNqdV+nAYjqm3RW9TLiQQa1ZsxwqVhSiHnj1MVCX0i1O2a9+qvflWeaA5J5BEvd96xEPE"
    "ldxJG1kMHtBsxV7aiBk9uDDELGEJB8RbdDaJ6Zsi6HvUe3Rwu25dXbSvfsp53PHITpD7oU"
    "vPO5+vL1t36qL/eXm9dbG83Lro0tOzzo265n7o0k+n7Uu44PyNnmYzcfV9Fp5GbSMBjr6P"
    "Cf1OVc4eGKtzCf4ROp19N4MfnY4PeXnWwiGhhI834nqEVKcyL3Mqc2+KbmCJjJFWScTe8w"
    "FHG+dLwwrHTpCXB0GqjcAv2RpXCnu8v8Joc/w6G3FsNU62EGtj/N6M8bFFpQCMs6ZeK9lq"
    "khXb4CoaAlW+ALq6v7x8rkp3gfRkCZbocPKydEO0HDq9SbhtobnUf49NaZWz/Y+ISfj3Zd"
    "2DUPM/dIhxKUOMbZZmQV6vufJoy6wqrHV+u2rdnCD1p0tvWuc39+07uLL82KWtL6eX96d3"
    "HXl1+bEcqqjDUo9ob+pi9CP6wFaaA5sup1SW85o+UOztQKErV2XyUd+8ctUuTxOhgZ1wno"
    "gO/NUniuis0/WZXt4ZIa8DZJWdH3fhZKqF/HT0qyXkx8SbLDE1uqqCrqpQIFq6qkJmqJ6/"
    "IsCBwqZLAWQCis1En33bcmipPj5jzuVxoDrGm3AeFF0yYS1Eey2VcJAQOfn/MZVdJQZc7C"
    "r9/8GAtS+tRGAHXKOfCO+VqzUVJNw2Uy2AuWTc3zjySSFGFmr51SEQVpUKVZnpwdKVnP8/"
    "Vw+Q8x8OM8hAUBETsaGTzx9KjUOyfCfl/0nwouDYGkLG/yf5m6Fvea9L1eMwdjL8Q/dzZj"
    "9y9bXuVRN4eMDfpkSeV+Tp8OEhY0Bv3Mjr10vVJtxyqmd0oeGXUmi4+khrd4RSuyOoTSl3"
    "GegwVeUC+orPoqcVwunQV0shHNplluJaXq6HKSvI9QPhcqagmGWp1vx8jpDq4KeD4PMG0U"
    "9xWh32sakHl3NW3ogNMVLNBR2DdpCs0H51ZfCr89eTAoDO6F1XstUnK76xpTclYidlx9X4"
    "rsE3LmGUKiTKN/0mWAhCduF0o8DSDO3Xps9kGdjGgzGuPw+fyCXUkiIhlMqteL661TJ9Iz"
    "TQ2vhSauN1Ts5du0sG3yyG8x3+llaDKkxWgWqCq07LrX/dhQ7KHqKvPp/+63XosHzZufrJ"
    "ax7gwPll5+zw81xd3Jx+usuJv0N0gtSfLu1ct65OEPzfpRKUW5XSSv3tUsC0/UUltHI/lU"
    "NPb1A+x7b8xYZpEZqwHK3RM8XJta6pzLqmIbG56Lls2ySpUoxc87vM/NYGovSltboGovAh"
    "IQ/Xw5Sa62XhesJkj7ktqhnL8gchh+m0vlSrrg+TFVp1XQbVtbua7E+veqjohpfdlKplWc"
    "L+/nTrOW3pqp6jLNShQK5jQw4j8KGcB8At4x6iITfpeHYovmPyvwLjbg4J0RzWnuUalWDs"
    "Ca5fWWw9fwbb79bUEzIrSamf6Ex3zy62pxtmlgyK8SC9yEuApEpSe2ElXgT+lqCLSLfBeO"
    "0rYerat/lFjAl97IGCpsexfJekXAepQzmZWA/qhEHt6sE3BDqFen9IHzXeHgjQNhbGY5JE"
    "mgpugGKPgB4InNookA71YaqHsxgFAl5Oub2bw5RV2gyepayDW8l7s+oOIWLtZ16Qhjh0RN"
    "tScVnFdDT1mNtteE3IWHzAHb0FgPwiahCE5npuv9vgjk8ku4ixnU7v3OmF0Sqqinea0ySU"
    "eikplUk0N1O6AkslC/DzQa1PX9KhGE2cniEtCJNfbTwgU4KpqMuPkg82NtF8rLKIoLnBEZ"
    "e34llMNu0IkpncjTHqM5Ngjgwbo0c8FWhGBbFUChOvVwsbT7JFf4FuP99dq3wl0FpAj3KQ"
    "cWyedKnKlDIwbNBRI0seVjmaEzGWz5LSqYAMK0AwqcsXIYOx6h9UPX1JjviYzSwTUSa69B"
    "HjKbIYHWFbNjLUO48NSJ3yBp2in1uXF8v3gqbc7bWPB8aMw083TAlMl8Jl96HI4QtkaBmz"
    "OVxZQDv5FgZdSLw2zq0SkLu11rCcWkOBJ1O5gObz6A7QVELTtYeC9PKEI8888liU4l+cgn"
    "SIqoJY7yTJCpwmc6Z0DpBUEeVdhCnwWf8rHiTIxCsKcfskVUS5mQnl5gqUm/F1A38TPSmC"
    "JET8rTZDLImqUKV536aIsZhYuVEPEWnUX0T8za/3rXs3KCZHAI5DdYKcv11627q6O0Hwf5"
    "eCBH+i5Pgiisd/zLAifUxdjz7G4m4EyH5J3kjp9qIAyf40sIdiIrIMLnrYtpM8D9P30TBV"
    "FZaa8KhtZpJXmivklaauQqHNR2o2YCo2YHmATEeKlSd4JM7fUgQvlIy/pbBMPW/sQsk4Un"
    "jowvNkLYlbUhKMAonmlnTDgI2VOW7gUeVzcK2dIq89aMMFMtCyJyQfaoG2XbD6Ur1vMnmB"
    "MqFuLsAgYFiWm6h8kpACvdDuwaQQ6NHGE/aETTS02UTp4ZfWSc+kQAT3Hmg45gIiuvTVwO"
    "ADw8Svfwy9j4WHwmlEwcjhvx680Fj+IGWZgDTsj2Q6xWaaWv/32rJPaLHkR7QSttbol1Kj"
    "78+k/BGVYUrtMLOxw4w3aXLzIEKoWVCUPBJa07YURpx4lvNgjwfGkuzRfuElYb2/THD73h"
    "LmCvprRPGNTPcyCXtuzGCChOdHE64V62y/aQZRbkgsjPozYglHJgLvBk8k+htHTp/gZ2Gg"
    "r6xfR0Nmu44YUKlPCmFS3OKPrmQTkeMK6xuEuDbIZUySUyny4SmmJhSnkY2kiAhENlaMlX"
    "QTY4E4xugVYCgb2UgOWQnW6zrirEulyEi4csoA4ODxSsx0H2pYUpBTHiEWdtwylPeHegIZ"
    "jQXIdkRkds/w3spLIKndM0qxaa0S5vy6S5sld9aqjSKkuUf5azc1S3m0ZTZ4y63m6qIN+r"
    "ze9cWnExT6Kle7q7vWzZd267fe+e2XExT6GryraENfNzFZFZ8t7gDtitctyYGrn/IaFl2y"
    "E+R+gAo8pxf/huo78k8JDYp8zMAVW+6jRCQH7zNmYYOmaOnj1BEe9SV5eeZZERr6s07nMq"
    "ScP2tHTev3n89acoooLshGRKQsa1COT8p+eQt/RcgqV++oedTIYn08aqRbH+FexProSIsO"
    "TDnAjtKVeRspk78liPt5nQCDNBXEeTdegOQvLI8TInHtXiGdhum0aLqpaJrbd6TCbiPHmQ"
    "b48YoBfqzdRl6oH8GQUMLHG/E5Qqr9RcrMZx1OXoJNqxROO5oVNaWn93XCuVmRQKxZUQ0H"
    "qrKxpHAPqsRNoQCcdRaFJISjpqctQa54jt2EdbVUlmEnnWeSZXiZ6HO9ZdhvutYy/BvYRP"
    "GTYc0g9TBHX2fmCEctuE5iMgjDP3GC/NUD0BTbfrO4Ybi4rsEu/PDAsXB/2sMDsvHUMgZY"
    "xeAH/Pg8c67XD+EIm0QB9CNc71JVsATxWX9ChBwG3guClx+HZAEPDxYbPKojx8NDHXEiZw"
    "uSE0H+KLAmDyE3AHO6Wj7W8zKk8idkNBlro3ApjcJaJbFuha3EUVWXQ3kRbF6u5Hm5HCLU"
    "Wqcy81grPEqj8PDWxg3UHTFSbbbalAtlU8O+EKlSq5vKoG7y15H9qUJKtupkxTe25D57Ns"
    "nqxn4k5JLMpCL16sDsQ0H6rOt0serRovVx/pBMVcyFRm32kNxsSjrIs7kkqSM+YJBW8+iH"
    "JkRGGPBvMFaX+MCwsBNgAcGxyzpgEBzB2QQnp/AsruvEkFdfHRkudKO1YWWQW+ortGG67k"
    "3xaYnyek5W2GtyJ96pwTeLwZyeYS5Ctsd4hNput9REJc8uUszNMcTNJYjdFjNSQPdJIngP"
    "gWZXiB+92VUKsxWQX3Tuzy5b6Pqmdd6+bXeuwoo0dRMu+TEFN63Ty1h1IdiLE7yB/3nbuU"
    "pGOEASVWOSgUD/jyzCD3FVXoE0gLF6cEfHcT2slYQOooNbijzL7Cl5Q2litHsMpPFkloMN"
    "pHGEx/zuU0GyKskhz6vJSqtbumGahwNkQ2Y/k+AAzOthUnglZ12nY8Pzf6BoccLRP1zSOP"
    "3U71dRXmQ/8NtYnsVNyGElm75BLacGsyp/wai1QPgJ0hiYZlJOhpz0Xj0OArkWhk6uBXn2"
    "Vy8MLjRGn82EX6ZDUlJkDIUqk8Gg8gWbq467dAQ+PK/AAWfoLAmSYgFVP4TLVciT9fAQCq"
    "B/eFDPQFNLcrVLnUVcJXFQnjwWG0EVDYtA1i71apAMTOHVx/xH58eo6QV5uJRjTlB17KYC"
    "43myOehiG6XcmOorVBVyjCee+LIFovvUZT5m127uz27a5z0pzF79BLHm4e/RVSBTXFeWeN"
    "zj9HDc41g0rk6rUQYjsImFQaxcR8UAyf6PirW/D2dUTUInkRCh/A089h/PoB3ZyQFSOxZu"
    "woqD80aSGwmzcy98QSq95h2o44vmwYn2xisRK9yKUL0Zx/lXpARiPSm0O9ihuYOpjbUAjK"
    "vtCRYUP1KcwNIWFo3tGmwTFtIMED9X1OyBgrzSKyyLJ+NOVcjYJoNxLUl97Nypr1Qd+23W"
    "aY3TYS04HPGlqDS39PlJV1Y+YZunaiuToQ2QlFlFuaEnUKPZzJI/rdlcUd+zGauoJydVDo"
    "Td5hVEdyd+Vm72xDwaxgCJdkbJqUuMnSf2uZl9/x9ryNtR"
)
