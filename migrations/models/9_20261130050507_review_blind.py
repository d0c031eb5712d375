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
    "eJztXW1z2za2/isYf2kyo3piJ05z3c7OyLHS1a1jpZKc7m61I1EiZKGmQJWArGj39r9fHP"
    "CdBGVSomSKxkwmpkAckHwOCB6c1/+ezG0TW+z0xr4n9JNBrKWDTy7Rf0+oMYcD5fkGOjEW"
    "i/AsNHBjbEkCYzKxl5QPLaAYTiMkY8YdY8JFp6lhMSyaTMwmDllwYlMgbVJkcI7nC47kGN"
    "hExr1BKOPIQBaZE95AD1icJRR9sRm/d3Dv1xvEbMRnBhf/YbcXQzPbMuGapj0RFyX0vvzh"
    "B9SYODZjCD9iZ41WtvOAHWRQU5xl/HRAB3Q0YhN7gUcjxIw1Q6sZmcwu0WjkQSTaXxkIEB"
    "J3IuFC3mW8DqLrA16PRg00dew5jGeYpoMZG40ug0dYwFW9/nB1rwtaGMRpyJZIj9cNGGVi"
    "Eay8PFzGvQFvkOAGVgIBeNDo7bmDMXJPlws5GA1uZOJgA24ua8DXp8CdJSV/LvGQ2/dY9H"
    "EEj37/t2gm1MTfMIOfv59IBKGzoIM/3shDg5+Ivunz3oWSXWHcxcNwSrCYGNH5TeQ8ke1D"
    "vl7Itity36b8k+wLk2g8nNjWck7D/os1n9k0ICCUQ+s9ptiBS4o27ixhhtOlZXlvhj/p3a"
    "cOu7iPG6Ex8dRYWvCeALV7A2HbyXB42+kPe63+cHiSeod8isi895omNoX3T9wqkwDcwy18"
    "/z/n52/f/nD+5u37Dxfvfvjh4sObD6KvvN/0qR/+cm8mRMsdSmLW/rl924cbssVL7i4F0P"
    "CXpDG44VJJroboB9yLM+DjzHDU8AcECQ6IR0tywMd7Ewv8hpAH4dJ0CCbMjW9DC9N7PhM/"
    "P2yA92uz+/Hvze6rD6/jEN96J87hDGAdYuu9EHmR9brXENfzi3c5kBW9MrGV5+LoRtaZvA"
    "hHSA6H8snJQTB+nwfi99kIv08BHFm9UxhfizOczLEa5zhlAmrTIz31D8oB/qBLt3g+s0Ot"
    "tXfdDcj3259bvX7z8xe43JyxPy0JX7PfgjPnsnWdaH31PsGlYBD0W7v/dwQ/0b86ty2Jri"
    "snsVi//r9O4J6MJbeH1F4NxcQPIfJbfRj/gk/z9CHyeYCGsTF5WBmOOUydsc/trL7pU/Pz"
    "ebLFoMa9ZBmAC7fpSbhdPBXPMevbD5iqJODY+VwSsONSCPnGJ3lKAs6eAk+LSpkSzh+cpN"
    "+gu7v2tfrt8bonXpvlkpinQLTN6/K0oHPy03RJJ4ACkleC/979bV9L14YXRq5Tb903IDq3"
    "5aNvlmUIY8ut1qsY4WGWq4N+jY9kffIxSS1Q0a8S/rYgYrgtuByn1GyuNJuXbKs3OUJWAo"
    "O9VVLzt3z+MiGHi8cfqnb/2Z/GOFWZX8jqsvaJD2JKeEthnAb4k+1gck9/wWsJc1vcikEn"
    "ql29J3r1wpGOE9iwNXytHWMVCGuJmSUOxHNj7u4nm72PzevWyV/PIxb72Csk4ghbnhaGI7"
    "PhaUVwh2IEesXvCb309KtiHNAfgj7Tk6uRlKuRKz25mkZb0ElN5mlK+bv7kKDRvbHvxeE9"
    "spe8gWwHLQQVphyajMQgBmJY8N1EsNo3xMlH0cxAGTqgHhiuenZF+AwR7t2USwx4YDFlAw"
    "2qwSMPtsNmoNiCV/5C9zK2Aseluzisaq5eygu9N3hxsqO7km/zcscp9Q7hGLgsliumEmKz"
    "1fxpyq20/RXjbVzd//Y8h7r/7Xmmuh9O/ZXccTtDIYJSxVuVjXWcqnZWlbdv3uTB+c2bbK"
    "DhXMKwIq3/Q7IoAnSMqHY4l2+9khOzqG9BhOhpB4Mj+OofzsdggxoCQC1BB3HnDXNkLMir"
    "gIhMvaLah+g3M2LwUpjGrzz6T790sWVwovw6ZpjbaoL7X/vU1cg5qlDU+HP3aS2N/7I8j6"
    "VS+2I9py8W8F4eF5S/fJoaeg6dXeSRv0SvTMlAnkuLBnA8LOiglaQrB+/nnfj7RxvPDWIV"
    "gTkgqOF83osnnASs6GSOEdVuJu8F54XB2MoWMsLMYLMiWKcIazizz87zeM+KXtlrx3nKg5"
    "awoZCByKPik3hl2xY2aJZDT4QuAfZYEO4LbX/CH1a1d9Xp3MS0elfthOxxe/f5qiXQl9iL"
    "ToTHRJIQcFB9Dv+wCcUKSXCzbjVBWkMdes0sJwXcPlM+BTvuLevnTxB7ix6Jie0dIfoKYx"
    "yfljo/PsPlwrINswyY7uRINQVrjudj7LAZWewI1edgoLq+d+BPsgDjPaGPhEs4dsSs49wb"
    "lPxH9moHg9Z0pjFpYNDQbQGd7zUiTmPnkeDVjuC1/XFq+6oy8AWbixnHhnPDVAn4BeBqBq"
    "PVdH45GCbDMILaAQE7ygmGHw1rWcY61goGqitUQoSinHCC2ZBhrHC1KLRyuYOtezN7VVvE"
    "HLywnV3fwa4cpK4QLRem/CI6y7FDJrtCJQep6dpuLE3Cpb5q57WqCUO1KHfWtcaKLcd/4M"
    "nO38C6gzUxqEmkWi4i1A+Z0sOrCHAf/XFrKdbv0z/gCxbI0fuOnL4nCkeBeIfGJo+BOTaJ"
    "MVy4BEM7pMiT5cftjmyKIJvOylgjgYCNGLcdceduuAO10Wgk9SujERIfc4bWmKfjOnYaDU"
    "I6fnMI55iiMZ7aDpbJasZrjhkyxC8YA9IEURO5PjEmJAeCPuIhKXNXTfcKDp7YjskGFM5K"
    "FRN6ZTviribuoN5dEhaMJJMPvW5AgqEgvY7cwTnLBYe4lAF1lVRoZlhTeK5XBnogFuTrWT"
    "g2BK80gqeEPD4QhrKaESt5wTEWZwbUwXP7EZuvkYWNRxmKIs459kqcn4nXwI1GAcoJmDa+"
    "Xy68O2Wx4QSWYtKwXQNRnjM7SYUshRdneTxpRa9Mu5U8V6dwFJ1K49hTabjGA8X3JbAqPP"
    "VdeQw6Pv05gbVwLJZEd80Vy7O3JJ6irr1iCH8jDD4O1hqJBR5NxfLI3BUb7OLuUjoWc0Tx"
    "aSlzZO0Wd6RucZxwq5BPXEBQQzeL81wBCecbAhLO0wEJ3ltV1IUoQaZFg2zRIMQaFqmiTp"
    "5RmtqFfpxfXORy1brY4Kp1kQqxsSkX11MFHmwIsYkS1XDtKD9mDBADo6FEqSDSUboagn2W"
    "a6E+27BQnykWavIfPJSb42ICSZxOhzYVlE0i/nFLR+q7hm5qCQUbPlm2kcEFFXGCF1OgPk"
    "JubAD2unN3ddNCX7qtj+1eu3Mb36fJk9AUeiV2W82bBOwrYnKFx23mfA/612mqn5+9++Hd"
    "h7fv3wUzPGjZNLHTk3iGyf1MoYnIhDMk0Hgq8JyITfSk2OfPI6jhd698IcOxQxtDzgkbJT"
    "nclH1zJPOVzYzzi/eFdnoBRQ1nbPmx56BIxE7R7XScqn4pK/aynXbtM9vlioyT6oCFqivX"
    "o3y3I96lhdM8KIjrJNgceE8UvEfjdfGEGynarRhRtXWvEmk3QmgVu9Q9Zd+oGCNyJ99ITc"
    "NYDo6uWK267Y/9k8wlqASEO4nhjmztyQu1Yu3dPt9JxFapw4nyOYUtHHu+4MOprVCNF0Hq"
    "1yVmNfP8ijkaUrbCzq4ehnKQGiG0d58F79XL8lwI38xc/gvemiD753BjsAwH/LjAfQucJJ"
    "F8+PsZRxFfNkLRwnA4g3zCbDmHi8oGNF7LvyonhtLG1WmHD6Gw3iHtsHZV2LerwvGYzw+H"
    "874M6Nqyqy27td49x5P7OHy4LRcUxJoVu7FCpkMsYPKJE9UJ/fLsPtrN72B2CR80dwei1I"
    "s+jXiMuJZf0vM8tjfotuFbep6yvzFu8GVGZdgWXc5TGrkE+j71AX0tv7Rur9u3Pxfc7vhk"
    "l8g7GNCPnc9fblp92RgeB+2t66C5dT2gzatOV7Z5BwP6qdm+gQb3b3I3m4ur7/PwNGk7in"
    "D0fUrod2vYD8FvopDgn6Crn011Dy6dOlTp5VlTp4QSNtuK6wlSXVOlyjVV/Fd0C0ttilQb"
    "arfd34TR+IW5kCLVXNiWC9qDpDKscI01RXkQpdKvQUleI+Eyn2aGdhqJeTKkvohqPwb1yl"
    "8CurVOw5IEO/Xhexps7Z+zV/+c1AJeAsY1S3qcxDb6xYqBKm4A3d7d3DxXjelIamCF60U8"
    "cXC254WYOsN5vG+pVYx+T73SslrSvxM+EL8HFcdi3f+t0ztUMr2DY2e5TDytqvVpq6wbP+"
    "n8dtvqXiL5Z0C7rY/du3YfWoLDAW19bd7cNfsd0RocVkP3elz6QB1eUY5CUG+OK7M51oVM"
    "q7I31huKg20odM3YXGEr29eM3eduIjaxFfuJ5MTfvKNIvnW6MurL2yMU9fits7fvPryqtZ"
    "CfjX69hPyUeJMnzO6Q9cyqxv9c0WLPFoF4lGjpima5oXr+alxHCpsuw5ULKHvJx/a3HaeW"
    "HOMzZkxsB+pjvInnoNL1t3YoKuWXgtrhRdRVpXRVKYDooNWkjhIit0SSeF0cogxj21eFpK"
    "MES1kiaTfQtnPLORr0DqU4jKD3hAoxjvNmZWLcAStfqaSVYNx3DIWkkLcBCt03IDkDnhvE"
    "koV7wBitLo9UaAQoiQT6BmSgmcFmyJ665Y7sB0yhlpBbEeky2sgZtqZQEOlRPDOMLc4NqL"
    "wcxm4BJBh+ZTsPTP5s+MWWRiP8bUEc8ZE2+GiUM8lE2g9DPoIMENReFtXUoEoOFVGhBgR1"
    "1KFe5Ak7FL02ZExIBR2G70BRlMuNrK0/0tpjqNIeQ/KjNIRvV5E3IU5VuyDz8pMMa5tNNv"
    "T1stnEvjKBuFaU63HKGnL9SLjsY7KRzcZkghfbvd0JUh2QexR83iIiN02ro+B2Csndjg0p"
    "Us0FHZJ7lKzQrq9VcH0N15MSgK53BG5q6c0Iqsv44mp8n8A3LWFUKmox9M5QWAhirhvZRo"
    "HAU2RIYgT7dDJO68/jO3IBtaBQRDsuzBy9gpTC0EFr4yupjdd5ovft0Ry9sxTOffwtq0Rn"
    "nKwGxZY37ZZb/+jHNso+oq8+N//xOrZZvunc/ux3j3Dg403n6vhzL153m5/6BfF3iS6R/D"
    "OgnS+t20sE/w+oAKUn0yzKvwMKmLa/yiSL3lE19PRuiQvxxIZpEapYjp7QM6XJta6pyrqm"
    "KXEYH3ps2ybRX4pc87vK/NYGouyltb4GovgmoQjX45Sa61XhuuJlT/sxwhtrF88TEKfT+l"
    "Ktuj5OVmjVdRVU195qcji96rGiG192M2qN5onM/dOrwrijz3qBYo7HArkO39oJMfxoWMsy"
    "wiFawUB1hUqHbVU2Jqma2oUDhXzrQCTVF9MJgv/UyHYo7tvivxLDCI9lFhY0vwZCg8L6Gh"
    "Uo8hhf/4z236/tNWbnFdtworPDPvs+OttSGjAoxYNMBkRJ6rSNLq0OIMffFMrBbKOo378W"
    "tudD20P5jNCHIWhMhwyLe1HlB8qcympiPakVk9ozTG0JdAb14ZA+O39zJEA7mBsPKik+E9"
    "wIxQEBPRI4tZUuG+rjtNfksdJF3A4LhxvEKev0MXiWslMLx54v+JbVp2LEOvCjJJNNbIu2"
    "oyWhjincGik/+PiakLNgjzd7SwD5RdTtib3rhR3ho198IthFjB21e+4oNq297UYAQe9Ls0"
    "J05XB1Bcvdx+yqYpeD1AmivSatiqW/VOWqSubHzFaIymwwYU7Op/NTdShGc3dkyPtki58O"
    "npAFwZQ3xKHgg4NNtJrJNFFoZTDExKl0mqptB4JsVf0ZRmPbJJghw8HoAS84WlJOLJmjyh"
    "/Vwsaj6DFeo97n/heZkAp6cxhRTDKGzcsBlamwJoYDdiJkEfrA0IrwmbiW2O1wSKEFBPOG"
    "uBEymcnxQXU4FuSIzeylZSJq8wF9wHiBLJveY0d0MuQ9zwzIjXWKmujvrZvr4L6gK/NGHe"
    "OJsWTw6IYpgBlQaPYuily+QAqumb2CljX0E3dh0LXAa+vkWZF9nNZCV1MLzfF8IVbNYiE7"
    "EZpaaE4T8Qi5onbONkTtnKWjdsSOWeyhxTY7I4AkA+kYVQ2x3ksWLdBOFCyrESGpI8r7iE"
    "Njy/EfeKLYY2WjHCGpI8oXuVC+2IDyRXrdwN/4UIggipDuzWatgGgrpKu5nT2YaWvG51Zh"
    "1GNEGvUXEWD5613rzot6LBBh6VJdIvfvgPZat/1LBP8PKEjwl1KOH9BPzfYN9HP/Jnc2ed"
    "akDzlWpA+Z69GHVGAlB9lP5RGYbX+MkBxOo38sJkfLYHyIHUflWp79HY1T1WGpic/ai1zy"
    "ysUGeeVCVwLT5kj5NmDKt2B5hEyHAlcnOjDN30pEp1WMv5WwdD5vcFrFOFJ6bNrzpKX6dY"
    "md9dXSvMf8RO0aHZxubDIG/Akdh+Ow59PVKryCEOPl5AFztMAOmhiWJf68Go2gWPDlT8T8"
    "22jUQKNRGGbgNSLbEc2gSLv8yVOnidbXiooW+7gK2BFGIzkwE70IQ6uZ4doZLDzlSByLwY"
    "MI9dHoR6mT9+7BwVNiWWxAxdzhhC7tJbPWaOrYc9e+YNMGWi7AsEE4E3e7MCaEr0/RL2Cq"
    "IBR9cdfb3q83iEH1DIMPKJhAXPDRzBZ8R8bEsRlD+FGwRdbSEE8MVoyZIAargmOvxE3bLL"
    "irmSHuyL01bMIjwR0zMRuQeCpqA0EDridGh2PXerJwlhSbOY0JmeaCgmUISi1AUKGs6x/y"
    "SMgfsgXkD558vMEyIGesYum2bCNL7xSQJPCeAs0RCsYbML7u3F3dtNCXbutju9fu3MZFI3"
    "kSmkQD8cNfmzeJLYnOaPEiZFSxUIqPh0o2tW0LGzTLtzigSvB3LMj2xdKg5bA8vep0bmLs"
    "vGonFYZ3n69a3Vdnr+NvVYYc+jzyUSR4WiEexUOrs6WjVEh3ThGJIi+02YaSXNxgD5cgF3"
    "iNWHo+sOV4TriYMiioD9dAY0vMCGV9r50G9B0ogkHQAwVZAGSFoLMYRMgz47WQgRYML02b"
    "rucgYM0NE6OpDT4ORMgar4JBGiHta7QwiON6bsCgIWIgksAIl6FgImQhIcoJ4WcqpaDYo8"
    "l6ug0p8iyFWAO2bROeVApqNkgoYXfwDsn0iPj9JF6GLaBy/R9izhLhuUZUee0nP42d9htj"
    "7qOJwbVzReWcK4IZXURijRHV0Ez6Lo/k+i5bcn2XtkQfn93oS+v2un37c1HDkUd2ibyDAe"
    "3dXX1u9/tgJQoOtzEUlZ+EU+vbX4RwGwgA22jZE7Ra1V5lTrvi1ZYVfVK0WtG+bXBXIPcV"
    "5kKSUkfYbc0EHeZYCSb4m63talvptJQ6Q+jxs6KyRtiqsaR0K6zyg1ACzjqyN7N8WFlTud"
    "4p5NJgJ752T6Md0z/uCHbNc94mxeqnwY1shw4Hb8U2T3nRTW8dd4hQ18lfN0G/12jidFi/"
    "wkamjP1/0lQ28amKZVs8aSK/v2sTMlAwEhIXtSBUl9uNIDbYtDG4t3B5cg0WIsOykLQo4b"
    "nKnajM4cGcFhnRwXP7EZuBKxAKPqh+PLJ0CPIyMrixxoQP6KuJwSaGiV//GLsf6YokO0n3"
    "oPD24IZm4oGkdYwwxB7IYpHtxvP7STAm9Aj4kbR/aYtVJS1W4ZtUvN5GnFJv4rbeT/svTW"
    "EeJAg1C8raR8fWtB2lNTe58sfoiEfGkrySW3JJeFoujn6+d4S5hsmDkvgmXvcqeYpHxGOF"
    "lBcXnp8U73C8e67UMY/YYSDXCOnJiPsxhaN5J0O3IXXymO2GAnGt59o3QXqaQ57QYKizH5"
    "HMrwIPKBsM03Qdoyj+xoNuIHKBlMfAg3yydBwx8GjkOntL/2rXYxsbjhDWnIBMvBpr5jlP"
    "CVEOygqcot5EvEEMLRmWuV+QN5xPxKQj1ql0bPfkyKSfu5hm4uLinuBuAhhEk4MXWIi3cR"
    "es75i8Q0hQ4w8oEPNSXkl/cAg6G1BCXT8ycQ0c8EApWMYd4rz7VjhWxTRx3mNqF6mKCpza"
    "hFMJkdN/m1IMyM4SGlLUCffysh97C096Sm9y+o5QHdDp2192jsrnOwa2PZ8rwc7O1hEh0b"
    "XQC6fqcLCLn5lhj8nnepkepcK5DE56/a7AR3S5RMHhgMJP+PvPVu8Sif+E1OeelA3hcVK0"
    "fB6nzIp561XtI1A/dz1Y47b01ouQ1ukLr731Xh4TtLde9XSq8e38jtq+WpYtbSgt4ZFlWX"
    "slPb9XkvaTKdlPJo8bh86c/4yOHCncNmr4Q2yf1PM7YddcOv6z7y8QA7U2aN+l14JM749s"
    "V6UcmJ8ayFMyKzX5okGt9y93eKVKO27ZiFq/Qouj9pyojDTT2KDIljMlzYDe3LCsTBYERH"
    "USK9+e//A+gB5+bAK797l5c5MW2KmtSkmfrc3z+2tVXmFVnnb5qcAGNfwQbKsm0GzQnlfH"
    "yoINWoK4hLTj/qqWTtsN9S5Lu109q9uV8gtbAr7aezCvtmCfW+C2iSknfN2b2Sulh1u8Qy"
    "PH5pd4FEMWkOSIXwhyYX3HkD+CLAc2xpgiOZSMI0BzPB9jx82HNSUO4whMdODQL/3DsCr/"
    "V9mj50iYBVDgdLYsveet5J5XstqdsFvYk9PU2qJcaYuy9tWrxCZFp1uoDCvcz9UWFdYjZB"
    "r+svaKOtvFAbNd6FwMh8vF4EnFuyNdcwNzbF2t0n6xixe2o0wK7Z1p5DGPhl1z7AynxIJy"
    "DcTiboh4MhBHjgmJlw30hz1uBOFC7lYOyj0ggz2o94WljQ1BUm0IU7cFOeXIxAtMTYhFcn"
    "MvA5GDpcJF0M2NNSRfRq8AQwb1NsSEFWC9hkijASUy7TNEFQFwcHkZde9d1LBsimV1bQu7"
    "Ja5lJW15BXI/425UVe5S1/5d+Sk8dKnrSkgHjQ271WffvlQsAcvziMwP4mnT4OeLF/Bpq5"
    "wVW3xqbq/bsF8ffrn+dIliP8Vqd9tvdb+2W78NP/a+XqLYz+hZSRv7mVyHnymA4AXn2u62"
    "mtf/vETyTwWLs4ImzVcjE6xyjtsUeaagPmAE2vNo4EqMQGNcEN3jYcHyVAmy2pWpujg7zz"
    "HJRa/sSq5wLhntJ6VFF6YCYCfpqvwZ2RLvs1yVc882VM49S1fOBXFfHhfAOkpTQ5zPc+F8"
    "vgHn8zTOjPwHi+0EV67dG6TTOJ0WTbd2wipah7vGJbjf5prgbzdM8Le6BPcLtRNOCSVsth"
    "WfE6S6IEiV+ayjKivw0dLW4MqwIqoTLswKBbFmhbYMH6FlWEccFwG5eMRx0vSkbcKb8FWs"
    "q5WyDEt/7hOVZdg908hjGQ67PmkZ/i1W/JahP5bmPU5acN1IV4bG60sZ2epeAC2wE3ZLG4"
    "bLGxrswqMRw9x7NDfJpGVMsFc+OEhr7ptz/XEIQ9gkEqAfoX1AXX/ksE5xJGmnuABDo5Fl"
    "Tx7klgMyXjIi3pYgT6WDp+LGuO0OFVzWT7oOcb85TcbaKFxJo7BWSTy1wtZiq7pcmFuyOU"
    "6p2VxpNgcreVEuxwi11qnKPNYKj8ooPPy1cQt1R4pUm6225ULV1LAvRKrU6qYqqJvCdeRw"
    "qpCKrTp58U0tuTvU0fN3wor1pkAGtvoGsysSsOVSkXYo7tviv0MoSJ91nS5XPVq2Pi6ckp"
    "mKudiszV+hMJ+SrhPPLyfThJkyIZ2sCiP+TWayiU0MC7sBFlAr0E9NIYMjmC32LCklXblD"
    "K0P6Q3WkkP0J10nsKiW3NDZowwJ+pXiQyYAoSZ22UqUVAinqOVljr8m9eKdG7ywFc3bGwA"
    "SZThxYOHHgCkPcnELstmwjA/SQJIH3FGj2hfjZ6ZvDQ37dubu6aaEv3dbHdq/duY0r0uRJ"
    "aApjCrqt5k0CYfdbrPAG/t9e51aNcIQkqcYkE47+D1mEHeOqvAFpAGPz5E7O40ZcKwkDJC"
    "e3EHmCYtJFQ2lStLqUU/5AGld4LO4+FSWrkxzyvJqsUJTfUbUSejMcGRty+5lEJ+D2me03"
    "rTkFNCvB7rSG+Rjjy4WuBFBUEVWesqQJyf1alDvrE4WeJHK2sUlFIlMEDnHQMZd2BErHOS"
    "Y2RZ8JP0VwGYLdurJQyFZWxoWquqoEFgXpwRmpP8OIQGKKqZuYAvL7ww3LFIdje8kl5QNe"
    "gAMUpsiYQsIKMdeYuJS9kgMP6D04PL2SSRLd9VNQrBm4IXlchYK/6ZK7cA20sARXB9T94s"
    "mMF9LtybLvkbi8RR7F3ctbI5BGA/AaY/aj+zByLYIqxNKLKapnFzjIAsNFUl8krRs69UUl"
    "vuKNDXodMceV2+N8UfshdZV1Eifdu6tu++NQSP63P0Ngfvz3gLa+Nm/umv1Od9js9do/30"
    "KfdFvQT+zZhr27q8/tfj/SM9Ya69ttfW33Ej29tgFtX7du++3+P6FF7POgW6opuU7lCtPL"
    "E179Nju6+m0quFpnSamCTd/E3CBWoZ1/hOTwO/+Tn6ZLKpcJNy8UoewULvu3Z1B27UUfoP"
    "1Et2HF0TmXiU/dFpU6o1R6zTtSPybNg0vtXFkhVrDl+A884cMl2yLDsIJYvxTau+/YvPvk"
    "h7UEjOvt2BcVPzJ8+rIWFo3tE9gqFtIcED9XEPSRgrzRyS+PY+peldwyYPVEpeB2zzQ2Kb"
    "eDEjpDI+ydS8NtcI7nCy7+yjhZ3zB0ilqP2FkHpwmTaucf0Wg0WToOpnw0QnPDeXAjZYFU"
    "pkGe2EvBFbUyfD+X8oJ4ueFwL7oWRoCe4l0SA3/H3CpBK4ijhWb/umhlMK+60CtvABfq0e"
    "j1jwMKToreHa2IeGOWXNxQEN8bXEgMZVlojEHv7Wv785YhihZE866VcmHcROPBo/XhVdWH"
    "ezxNsSB7ix9S1GlPU5qXY/iaF9WPxSm1fqzS+rHoMluY0QlaHWZbZU77n7D0V2qT61uE6o"
    "BOb0HL0Xq9PbvVrWqLpq7//EJZ8EhMbG9RUS2k0orOkhSdusjXIYt86SLcRQAuXIRbrhAl"
    "YPvVH+e4FpS8uEYX0kqp4VTrh0Inl7HM5FHQxZe7nEG6PjWS1NiU9bClskrqwwLNZsMth2"
    "YR+iC1VuKY4YmDoe7YA6YZcbpljp6h9oool/HcIJZSzxXpFHdnERNFdE90Cav8wGmtAquk"
    "CkyHpe63mIf7MhUAOCCoI8IX7/IgfPEuG2E4F0dYLm3DmcFmRWCOU9Wu4NL7PEC/z8b5fQ"
    "rmI6z41r792u57DtUFHMg9Mqi7Jw8GtNdvdmWLdyBaQo/wqBv4P760u9L32z2AWnFfO79I"
    "L3T3IPl9z8PL8qv34W8L4mC2hfI2Tqm19NXW3Wpn5ZfA5grZ3Kq5260Hl7XJ7YVw2sGP9n"
    "bpi+OUmstV5jL+Jh5syGeEPgwZFg9qKoTrTCVIBvXhDE77SqVTtkOKC5SrLNsa5zS5BloN"
    "tIO58aAqXPoEwhE6DW3KqQqqFUtvygK4xok0qBULM6vahui5Yv2kPWObzPEpUm3v19F+R8"
    "kKHWNWhRiz54rVOVaQ82XkVi/2JUBc73Cz1Mdthxz9y4VlG6pNT5HUaNLd5U6OVB/U4zGm"
    "jIkJOMdAsxNUzWCgGr398RfZFA9HOMFsKMOzdsOr7Y627vlD1REyr9zljjMrCB2sC0R7Dd"
    "jEDpnMTlQBm+6ZxsZshGGfpzzAsmEouRzoS3GJ2nGPn+3s9ChewcwEeBke5SFJLR1yLnI5"
    "5FxscMi5SHoXwEtVAGGvew3R3UudA3FFrgzIyk4JFyHRyeALJn9Lbc4P6fb81/8DBQPBrg"
    "=="
)
