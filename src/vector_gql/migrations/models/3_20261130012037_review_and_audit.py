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
        DROP TABLE IF EXISTS "review_criterion";
        DROP TABLE IF EXISTS "review_rubric";
        DROP TABLE IF EXISTS "review_criterion_question";
        DROP TABLE IF EXISTS "audit_entry";
        DROP TABLE IF EXISTS "review_report";"""


MODELS_STATE = (
    "eJztXWtzGjnW/isqvmymypOKcUjyera2yhcyw45jPDbO7G6Ywg0tQHEjMS1hx7Nv/vvqqO"
    "836IYGN21VpWLo1lE3z9Hl6Fz/25gxE1v89QWbEPrRINbCxo1j9N8GNWbwIfX+AWoY83lw"
    "Fy4IY2gpAmM0YgsqBhZQDMYhkiEXtjESstHYsDiWl0zMRzaZC8IokJ4gaI5NpGgPkOpIfp"
    "1jG7ndIoM630cWwfDVNG3M+Wt4gMlG8gmETjbsq0/79Fc8F4hQdMW4mNj45rcLxBkSU0PI"
    "/zCyyIwINGWWyWVvNuMc4QdsP6FHZt/DE2TPU0mq3mtByZ8LPBBsgiWtLd/uyx/yMqEm/o"
    "Y5fP3S4CM2Vyjd4yf4M7KxIV93YIjGH9B4fj8YE2yZEd4QE5qq6wPxNFfXTsmkQ8VH1RYw"
    "GQ5GzFrMaNB+/iSmjPoEhAq4OsEU2/BIeU3YC+AOXViWy1WPYc5PCZo4vyFEY+KxsbCAx0"
    "DtvEBwrTEYXHZ7g5t2bzBoJPjvUYTY6F4aMQpjR74qVwBM4BV+/L9m8+joffPN0bsPrbfv"
    "37c+vPkg26r3Td56/915mQAtpyuFWefnzmUPXojJAeoMY7jwXdEYwnCoFKsC9H2WRRlwNj"
    "XsdPh9ghgH5E+Lc8DDexkLvAsBD4JptQsmzIxvAwvTiZjKrx+WwPv55Prsl5PrVx9+iEJ8"
    "6d5owh3AOsDWnQV5kXWb1xDXZuttDmRlq0xs1b0ouqHFJQHyubwjyAynAx2ljOFtuqSvvQ"
    "/loL/TlUX+PrNLrSf3uUuw73U+tW96J5+u4HEzzv+0FHwnvTbcaaqrT7Grr97F2OR3gn7v"
    "9H5B8BX9p3vZVug6Ww+PtOv9pwHvZCwEG1D2OJB7VgCRd9WD8TvsHOP70OoFF4bG6P7RsM"
    "1B4g5rsqy2yVuz5ix+xaDGRLEMwIXXdIWHazyWv2PaY/eYpgkXkfu5hAvboZB7qkeySrjI"
    "HgKrt+fMDfirIMkZdHvbOU+fPW7z2LRZLIj5GojWmS6r9+HG38cLOgIUkHoS/Pf2H40tTa"
    "AlE0atVEfODAiPbfXTl2+1hPPFWutVhHA3y9VON4s9WZ88TBILVHhXwt/mRHa3BpejlJrN"
    "lWbzgq81k0NkJTDYXSU1f8vnL5dHaPnzB2mH0+ytMUpV5g5ZXdau2BATwlsC4yTAH5mNyY"
    "T+ip8UzB35KgYdpR06XdHrJuhpP4ENrgbT2jYefWEtNrLkB/m7sXAOlCc3Zyfn7cb35xGL"
    "PexTJOIQW1YLw6HRsFrH1qUYcTlEfiT02NVZyX5kD0pn5crVSMnVyJGe0NhmM8QknVKlJV"
    "Vtm3cJGrcLNpEfJ4gtxAFiNppLKkwFXDJinRiIY8l3E8FqfyBvPsjLHBRzfeqCcaCe/UjE"
    "FBHhvpRDDHhgOWTdl1AqveCHbXAYKLbglb/QvYyjwH7pLnarOaqX8kKfDV6c7Ois5OtM7i"
    "ilPiHsA5flcsXThNhsPX+Sci2Vf8V4G9X4HzVzKPyPmpn6frj1PX7itgdSBKUpsyob6yjV"
    "7kwrjW3JIzGY37zJg/ObN9lAw72YYUUZkgdkXgToCFHtcH6Xx371Ltt89S5hvVIDs6jpO0"
    "S02v69B7v+7kzgS9QQAGoJOohbt5s9Y0FeBURo6BXVPoT3zJDBi6eMfZf+46/X2DIESd0d"
    "M8xtNcH9+zZ1NWqMpihqvLG7WkvjTZbnsVRqV6HndBUC3qvPBeUvj6aGji2HrTzyl2yVKR"
    "moe0nRAD4PCvoPxenKwft5B/720cYzg1hFYPYJajiet+KopQArOpgjRLUbyVvBeW5w/sik"
    "jDA1+LQI1gnCGo7sw2Ye507ZKnvtaCYcPAkfSBmIPKRsiaeMWdigWQ49IboY2ENJuC20vQ"
    "G/W9Xeabd7EdHqnXZissfl7afTtkRfYS8bERERSQLAQfU5+MoIxSmS4HLdaoy0hjr0mllO"
    "Crh9JnwKNjxb1s+fIDKLHoiJ2YYQfYY+ag3QYDG3mGGWgdOt6qmuaM3wbIhtPiXzDbH65H"
    "dUV6jAo2QO5ntCH4hQcGyIWdeeGJT8pVp1/E73z3yUCz6uTAwaujWg8/xG5G1sPxD8uCF4"
    "Ha+fuk5VG8+ZLTZWUkMndYVoMTfVmLIXQ5uMNoVKdVLT2WcsTCLUmW/jVesEumpTYT/VGi"
    "u+GH7Fo03nXy3B2qaFyBHrU0xEvryfbSOaYZMYgwe/YY5I+bnNhthEigYC1bmQx8sJfo2u"
    "2SNH+BvhAjF5okVjZqMxsZR/rCEQaKwgDF6SSwjT4uZL7FkbrPbUYCWIsApZq3yCGipAm7"
    "lchZpLXIWaSVchd1YVVe7HyGqn3m8d5nF/k60ysVb3oljDIlXU/BqmqZ1TVrPVymVEaS0x"
    "orQSzm+MCvm8NJegJc5vYaIarh3le3MCYnCYVygVRDpMV0OwD3Mt1IdLFurDlIWa/IUHwy"
    "eB0wTqJQJJlE47HRaUTUKWq4WtzioDJ+grhQ0fLWZkcCGNOMaLMVDvITeWAHvevT29aKOr"
    "6/ZZ56bTvYxapdTNqL3wun1yEYP9kZgixRaeOd799nUa6s3Dt+/ffjh699Yf4f6VZQM7OY"
    "inmEymKf73mXAGBBrPFDxH8hA9Krb9uQQ13PfKFzJsFqj0cw7YMMnuhuybPRmvfGo0W+8K"
    "nfR8ihqO2C1EhShD8XqpRaKk2r+l6v4tYb6zkCmycFRQCnGddtsdC+r+PBo+FY/PStBqRp"
    "QWphVgm3J20tFa0WitxECMBG1dy/XqunPWa2QuQiVA3I11V1OoU1bf9QPkQia053A/2xcL"
    "aMTr3WazuRiMWYrGtghSvy0wr5n/z9YNxe7AyjIXB+Mul9HYHfF5bceWYU+wMt0i8AtD6s"
    "dPpgIJ5ll7wfA7N2zBIb0SX8zgoeoCGj6pv2mW49L61VmYdqEl3CALk7YPb9s+vD82y93h"
    "vC2rpTanaXNarQ+H0VhHWwzW5UIKsWbFZqxQ2SEK6NmjRHVCvzxlu/at2plvlQeacwJJ1f"
    "utRjxCXMudtJnH4AHNluylzYTRgwtDLFKWcEC8TRezhL4phr5HvUMHt6v25Xnn8ueCxx2P"
    "7Bi5H/r0rPvp6qLdUxeDz/719rl/uX3epyen3Wt1zf3Qpx9POhdwwfkbP83m4uq7PDyN20"
    "ZCHH2XEPqdamkDMFYXEvxjdDorYg4/ur1KJKyLIJViLRwTSvh0La7HSHWK2SqnmPWm6BqW"
    "yARpnUTsHR9wtHG+Mqxw7ARFeRCmWgv8iq1xlbDHByuMNsevshEnVuN0C7E2xu/MGJ9YVE"
    "rAOG9KnIqtJnmxDa+iEVDlC6DL24uL56pAFEobk2KJjiaVyTZEy6EzmEXblprj9ktiSqtc"
    "un/ETMJf/HzUkea6fHY1Q4xtlmVBXq258mirrCpsdH+/bF8fI/WnT6/bZ9e3nR5c8T/2af"
    "vzycXtSa8rr/ofq6GK2i/1iPamLkc/og9slTmw6TIXVTmv6QPFzg4UuqJILh/19SuKbPM0"
    "ERnYKeeJ+MBffqKIzzpdN+PlnRGKOkDW2flxG06mWsjPRr9eQn5CvMkTU6OzXets1yWipb"
    "Nd54bq+TM17ylsOkVzLqDYQgzZtw2HlurjE+ZcHgfqY7yJ5kHRqaxXQrTTFNZ7CZGTlxlT"
    "2VVqwMW20jLvDVi70kqEdsAV+onoXrlcU0GibVcH4FLEHiXj/sZRQAoxslBj6QACYVUJN2"
    "RQE4GlKyXUtmgPfdqncJhBBoJKZYiNkZhipKrJIsJVdC42j8MXBceWbGUbD/I3Q9/yXp+q"
    "x2GMGB1h1f0js++5+iqfi8eyG3R3h7/NiTyvyNPh3V3OgN6kkTeoY6dNuNVUz+gCkC+lAG"
    "T9kdbuCJV2R1CbUuHynFGq2gX0lZ9FTyuEs6Gvl0I4ssv44lpRrkcpa8j1PeFyrqAYv4Re"
    "cT7HSHXw017weY3opyStDvtY14PLOSuvxYYEqeaCjkHbS1Zov7oq+NUF60kJQOf0rqvY6p"
    "MX38TSmxGxk7HjanxX4JuUMCoVEhWYflMsBBG7cLZRwDdDBzWDc1kGNvFgTOrPoydyCbWk"
    "SAmlcivRLm/lp2+EBlobX0ltvM7JuW13yfCbJXDu4W9ZNaiiZDWoJrjstNz+Vy9yUPYQff"
    "Xp5F8/RA7LF93Ln73mIQ6cXXRP9z/P1fn1ycdeQfwdomOk/vRp96p9eYzg/z6VoNyolFbq"
    "b58Cpp3PKqGV+6kaenqD8kdsy19smBahKcvRCj1TklzrmqqsaxoTm4uBy7Z1kiolyDW/q8"
    "xvbSDKXlrrayCKHhKKcD1KqbleFa6nTPaE26Kasax4EHKUTutLtep6P1mhVddVUF27q8nu"
    "9Kr7im502c2oWpYn7O9Pt57Thq7qBcpC7QvkOjZkPwIfqnkA3DDuIR5yk41nl+Iek/+VGH"
    "ezT4gWsPb4a1SKsSe8fuWx9fwZbr9dU0/ErCSlfqIz3T272J5tmPEZlOBBdpGXEEmdpPbS"
    "SrwI/C1FF5Ftg/Ha18LUtWvzi5gSej8ABc2AY/kuabkOModyOrEe1CmD2tWDrwl0BvXukD"
    "5svtkToG0sjPs0iTQT3BDFDgHdEzi1USAb6v1UD+cxCoS8nAp7N0cp67QZPEtZB7eS93rV"
    "HSLE2s+8JA1x5Ii2oeKyjuloDhJut9E1IWfxAXf0lgDyi6hBEJnrhf1uwzs+kewixmY6vT"
    "OnF0brqCreak6TSOqltFQm8dxM2QoslSwgyAe1On1Jl2I0c3qGtCBMfrXxiMwJpuJAfpR8"
    "sLGJHqcqiwh6NDji8lYyi8m6HUEyk94UoyEzCebIsDG6x3OBFlQQS6Uw8Xq1sPEgWwyf0M"
    "2n3pXKVwKtBfQoBxnH5nGfqkwpI8MGHTWy5GGVo0cipvJZUjoVkGEFCGYH8kXIaKr6B1XP"
    "UJIjPmULy0SUiT69x3iOLEYn2JaNDPXOUwNSp7xGJ+iX9sW5/17QlLu9DvHIWHD46YYpge"
    "lTuOw+FDl8gQwtU/YIV56gnXwLgz5JvNbOrRKSu7XWsJpaQ4Fnc7mAFvPoDtHUQtO1g4L0"
    "8oQjzzzyWJThX5yBdISqhlhvJckKnCYLpnQOkdQR5W2EKfDF8CsepcjESwpxByR1RLmVC+"
    "XWEpRbyXUDfxMDKYKkRPwtN0P4RHWo0rxrU8RUzKzCqEeINOovIv7mt9v2rRsUUyAAx6E6"
    "Rs7fPr1pX/aOEfzfpyDBHys5vozi8R9yrEgfMtejD4m4GwGyX5o3Ura9KESyOw3svpiILI"
    "OLAbbtNM/D7H00SlWHpSY6alu55JXWEnmlpatQaPORmg2YijVYHiLTkWLVCR5J8rcSwQsV"
    "428lLFPPG7tQMY6UHrrwPFlLkpaUFKNAqrkl2zBgY2WOG3lUxRxcGyfIaw/acIEM5PeE5E"
    "Mt0LYLduCr900mL1Am1M0nMAgYluUmKp+lpEAvtXswKYR6tPGMPWATjW02U3p43zrpmRSI"
    "4N4DDcdcQESfvhoZfGSY+IefIu9j4bFwGlEwcgSvBy80lT9IWSYgDfs9mc+xmaXW/9Lw+4"
    "QWPj/ilbC1Rr+SGv1gJhWPqIxSaoeZtR1mvElTmAcxQs2CsuSRyJq2oTDixLOchXvcM5bk"
    "j/aLLgmr/WXC2/eGMNfQXyOOb2y6V0nYc2MGUyS8IJpwpVhnB01ziHJjYmE0XBBLODIReD"
    "d4ItHfOHL6BD8LA31lwwM0ZrbriAGV+qQQJsUtfu9KNjE5rrS+QYjrgFzGJDmVIh+eY2pC"
    "cRrZSIqIQGRjxVhJNzOeEMcYvQIMZSMbySErwfrhAHHWp1JkJFw5ZQBw8HglZroPNSwpyC"
    "mPEAs7bhnK+0M9gUymAmQ7InK7Z3hv5SWQ1O4Zldi0lglzQd2l9ZI7a9VGGdLcvfy165ql"
    "PNoqG7zlVnN53gF93uDq/OMxinyVq91lr339udP+fXB28/kYRb6G7yrayNd1TFblZ4vbQ7"
    "viVVty4PLnooZFl+wYuR+gAs/J+b+h+o78U0GDIp8ycMWW+ygR6cH7jFnYoBla+iR1jEdD"
    "SV6deVaGhv60272IKOdPO3HT+u2n07acIooLshERGcsalOOTsl/Rwl8xstrVO2odNvNYHw"
    "+b2dZHuBezPjrSogNTAbDjdFXeRqrkbwniflEnwDBNDXHejhcg+QvL44RIXbuXSKdROi2a"
    "riuaFvYdqbHbyFGuAX60ZIAfabeRF+pHMCaU8OlafI6Ran+RKvNZh5NXYNOqhNOOZkVD6e"
    "kDnXBhVqQQa1bUw4Gqaiwp3YMqdVMoAWedRSEN4bjpaUOQa55jN2VdrZRl2EnnmWYZ9hN9"
    "rrYMB01XWoZ/B5sofjCsBaQe5ujrwpzguAXXSUwGYfjHTpC/egCaYztoljQMl9c12IXv7j"
    "gW7k+7u0M2nlvGCKsY/JAfn2fO9fohHGGTKIB+gut9qgqWIL4YzoiQw8B7QfDy45As4O7O"
    "YqN7deS4uztAnMjZguREkD8KrMljyA3AnK78x3pehlT+hJwmY20UrqRRWKskVq2wtTiq6n"
    "IoL4LN/kpelMsRQq11qjKPtcKjMgoPb21cQ92RINVmq3W5UDU17AuRKrW6qQrqpmAd2Z0q"
    "pGKrTl58E0vus2eTrG/sR0ouyVwqUq8OzC4UpM+6TperHi1bHxcMyUzFXGTU5g/Jzaekgz"
    "ybPskB4iMGaTUPf2xBZIQB/0ZTdYmPDAs7ARYQHOvXAYPgCM5mOD2FZ3ldp4a8BurIaKEb"
    "rQ2rgtxysEQbpuvelJ+WqKjnZI29JrfinRp+swTM2RnmYmQ7jEdobHdLTVXybCPF3COGuL"
    "kUsdtiRgboAUkM7zHQbAvxw9fbSmG2BPLz7u3pRRtdXbfPOjed7mVUkaZuwqUgpuC6fXKR"
    "qC4Ee3GKN/A/b7qX6QiHSOJqTDIS6P+RRfg+rspLkAYwlg/u+Dg+iGoloYP44JYij589pW"
    "goTYJ2h4E0nsyyt4E0jvBY3H0qTFYnOeR5NVlZdUvXTPOwh2zI7WcSHoBFPUxKr+Ss63Ss"
    "ef4PFS1OOfpHSxpnn/qDKspP+Q/8NpZncRNyWMmmr1HbqcGsyl8waj0h/ABpDEwzLSdDQX"
    "qvHgeBXAtjJ9eCPPurFwYXGmPIFiIo0yEpKTLGQpXJYFD5gj2qjvt0Aj48r8ABZ+wsCZLi"
    "Cap+CJerkCfr7i4SQH93p56B5pbkap86i7hK4qA8eSw2gSoaFoGsXerVIBmYwmuI+U/Oj1"
    "HTC/JwKcecsOrYTQXGi2Rz0MU2KrkxHSxRVcgxnnriyxeIHlBX+ZjduL49ve6cDaQwe/kz"
    "xJpHv8dXgVxxXXnicY+yw3GPEtG4Oq1GFYzAJhYGsQodFUMkuz8qNv4+XlA1CZ1EQoTy1/"
    "DYfzyDdmQrB0jtWLgOK/bOG0luJMwuvPCFqfSat6eOL5oHx9obr0KscCtCDRYcF1+RUoj1"
    "pNDuYPvmDqY21hIwrrcnWFj8yHACy1pYNLYrsE1ZSHNA/FxRs3sK8lKvsDyejFtVIWObjK"
    "aNNPWxc+dgqeo4aLNKa5wNa8nhiC9Fpbmhz0+2svIB2zxTW5kObYikyirKNT2Bmq1Wnvxp"
    "rdaS+p6tREU9OakKIOw2ryG6W/GzcrMnFtEwhki0M0pBXWLiPLHLzez7/wDF6LqY"
)
