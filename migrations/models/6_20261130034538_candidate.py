from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "candidate_invitation" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "submitted_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "extra_think_seconds" INT NOT NULL,
    "extra_answer_seconds" INT NOT NULL,
    "extra_retakes" INT NOT NULL,
    "sent_count" INT NOT NULL,
    "interview_id" BIGINT NOT NULL REFERENCES "interview_interview" ("id") ON DELETE CASCADE,
    "invited_by_id" BIGINT REFERENCES "account_user" ("id") ON DELETE SET NULL,
    "organization_id" BIGINT NOT NULL REFERENCES "org_organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_candidate_i_intervi_a132d3" UNIQUE ("interview_id", "email")
);
CREATE INDEX IF NOT EXISTS "idx_candidate_i_intervi_be70a9" ON "candidate_invitation" ("interview_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_candidate_i_intervi_042520" ON "candidate_invitation" ("interview_id", "status", "id");
COMMENT ON COLUMN "candidate_invitation"."status" IS 'INVITED: INVITED\nSTARTED: STARTED\nSUBMITTED: SUBMITTED\nEXPIRED: EXPIRED\nREVOKED: REVOKED';
COMMENT ON TABLE "candidate_invitation" IS 'One candidate invited to answer one interview, by a link with a secret token.';
        CREATE TABLE IF NOT EXISTS "candidate_answer" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "attempt" INT NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "submitted_at" TIMESTAMPTZ,
    "current" BOOL NOT NULL,
    "invitation_id" BIGINT NOT NULL REFERENCES "candidate_invitation" ("id") ON DELETE CASCADE,
    "question_id" BIGINT NOT NULL REFERENCES "interview_question" ("id") ON DELETE CASCADE,
    "video_id" BIGINT REFERENCES "media_video" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_candidate_a_invitat_36ba49" UNIQUE ("invitation_id", "question_id", "attempt")
);
CREATE INDEX IF NOT EXISTS "idx_candidate_a_invitat_407785" ON "candidate_answer" ("invitation_id", "question_id", "current");
COMMENT ON TABLE "candidate_answer" IS 'One attempt at one question. Every attempt is kept; ``current`` marks the one that counts.';
        ALTER TABLE "media_video" ALTER COLUMN "uploaded_by_id" DROP NOT NULL;
        ALTER TABLE "media_video_upload" ADD "invitation_id" BIGINT;
        ALTER TABLE "media_video_upload" ALTER COLUMN "created_by_id" DROP NOT NULL;
        ALTER TABLE "media_video_upload" ADD CONSTRAINT "fk_media_vi_candidat_6dd8aced" FOREIGN KEY ("invitation_id") REFERENCES "candidate_invitation" ("id") ON DELETE CASCADE;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "media_video_upload" DROP CONSTRAINT IF EXISTS "fk_media_vi_candidat_6dd8aced";
        ALTER TABLE "media_video" ALTER COLUMN "uploaded_by_id" SET NOT NULL;
        ALTER TABLE "media_video_upload" DROP COLUMN "invitation_id";
        ALTER TABLE "media_video_upload" ALTER COLUMN "created_by_id" SET NOT NULL;
        DROP TABLE IF EXISTS "candidate_invitation";
        DROP TABLE IF EXISTS "candidate_answer";"""


MODELS_STATE = (
    "eJztXXtz2za2/yoY/dNkRs3ETpzmup2d8UPpautYrh9p71YdihIhCzUFqARlR7s33/3igG"
    "8SlEiJkikaM5lYInFA6nfwODjP/7amzMI2f3PB7gn9ZBJ77uDWMfpvi5pT+KC830YtczaL"
    "7sIF1xzaksAcjdicuoYNFMY4RjLkrmOOXNFobNoci0sW5iOHzFzCKJCeIGiOLSRp20h2JL"
    "7OsIP8bpFJve8jm2D4alkO5vwNPMBiI/EEQu837KtP+/QXPHMRoeiKcffewTe/XiDOkDsx"
    "XfEfRjaZEhdNmG1x0ZvDOEf4ETsL9MScB3iC6HkiSOV7zSn5e44Nl91jQeuIt/vjT3GZUA"
    "t/xRy+/tHiIzaTKD3gBfwZOdgUr2uYbutPaDx7MMYE21aCN8SCpvK64S5m8topue9S95Ns"
    "C5gMjRGz51MatZ8t3AmjIQGhLly9xxQ78EhxzXXmwB06t22fqwHDvJ8SNfF+Q4zGwmNzbg"
    "OPgdp7gehayzAue7fGTefWMFoZ/gcUMTb6l0aMwtgRr8olAPfwCt//z+Hhu3c/HL599+Hj"
    "0fsffjj6+PajaCvfN3vrh2/ey0RoeV1JzLo/dy9v4YWYGKDeMIYL3ySN6ZoelWRVhH7Isi"
    "QDziamo4Y/JEhxQPy0NAcCvJexILgQ8SCaVrtgwtT8atiY3rsT8fXjEni/nFyf/fPk+tXH"
    "10mIL/0bh3AHsI6w9WdBUWT95g3E9fDofQFkRatcbOW9JLqxxSUD8rm445IpVgOdpEzhbf"
    "mkb4IP1aC/05VF/D6rR+2F/9wl2N92P3dubk8+X8Hjppz/bUv4Tm47cOdQXl2krr76kGJT"
    "2An6rXv7TwRf0b97lx2Jrrf18ES723+34J3MucsMyp4MsWdFEAVXAxi/wc4xfoitXnBhaI"
    "4enkzHMjJ32CHLa5u9NT2cpq+Y1LyXLANw4TV94eEaj8XvmNyyB0xVwkXifiHhwvEoxJ4a"
    "kKwSLvKHwOrtOXcD/ssl2Rl0d9c9V88ev3lq2sznxHoDROtMl9X7cOun8ZyOAAUknwT/vf"
    "9Ha0sTaMmEkSvVO28GxMe2/OnLt1rC+Xyt9SpBuJvlaqebxZ6sTwEmmQUqvivhrzMiuluD"
    "y0lKzeZas3nO15rJMbIKGOyvkpq/1fOXiyO0+PmG6nCavzUmqarcIevL2hUbYkZ4y2CcBf"
    "gTczC5p7/ghYS5K17FpCPVodMXvW6invYT2OhqNK0d8ykU1lIjS3wQvxu73oHy5Obs5LzT"
    "+vY8YnGAvUIijrFltTAcGw2rdWw9ihEXQ+R7Qo99nZXoR/QgdVa+XI2kXI086QmNHTZFTN"
    "BJVVpW1bZ5l6Bxu2D34uM9YnO3jZiDZoIKUxcumalOTMSx4LuFYLVvi5uP4jIHxVyf+mC0"
    "5bOfiDtBxPVfyiMGPLAYsv5LSJVe9MM2OAyUW/CqX+hexlFgv3QXu9UcNUt5oc8GL0529F"
    "bydSZ3klKfEPaBy2K54iohNl/Pn6VcS+VfM94mNf7vDgso/N8d5ur74da39InbMYQIShWz"
    "Kh/rJNXuTCutbckjKZjfvi2C89u3+UDDvZRhRRqSDTIrA3SCqHE4fyhiv/qQb776kLFeyY"
    "FZ1vQdI1pt/96DXX93JvAlaggAtQIdxJ3fzZ6xoKgCIjb0ymof4ntmzODFFWPfp//0yzW2"
    "TZcod8ccc1tDcP+2TV2NHKMKRU0wdldraYLJ8jyWSu0q9JyuQsB7+bmk/BXQNNCx5eCoiP"
    "wlWuVKBvJeVjSAz0ZJ/6E0XTV4P+/A3z7aeGoSuwzMIUEDx/NWHLUkYGUHc4KocSN5KzjP"
    "TM6fmJARJiaflME6Q9jAkX1wWMS5U7TKXzsOMw6ehBtCBiKPii3xlDEbmzTPoSdGlwJ7KA"
    "i3hXYw4Her2jvt9S4SWr3Tbkr2uLz7fNoR6EvsRSPiJkSSCHBQfRp/MUKxQhJcrltNkTZQ"
    "h94wy0kJt8+MT8GGZ8vm+RMkZtEjsTDbEKIv0Mf+aamL42PMZzYzrSpgupM9NRSsKZ4Osc"
    "MnZLYhVJ/Djpo678CfZAbGe0IfiSvh2BCznnNvUvIf2aobdtrQkcalgUFDtwZ0gdeIuI2d"
    "R4KfNgSvG/TT1Knq4Blz3I1V1NBJUyGazyw5ppz50CGjTaGSnTR09plzi7jyxLfxqnUCXX"
    "Wo6ywajRWfD//Co03nX+PBGpnUIvJgG9sWDa70kSgD3FnQbyM3xm1a2K6wQI7e9+TwbSlM"
    "bckG7WU2tym2iGnMPAKDRRSrUxBQ5DVHjCLicvRkLpBAgCHuivP7PfYchilDg4E8oQwGiD"
    "1RjhbYVSQh2KQ3cIr+zSGuiyka4jFzsEw9MFy4mCNTfIM+sCUdnT2rsgUZC6CN+JGUe6um"
    "9wQHj5hj8T6Fu/KQhl4xR7zVyOvUf0vCw57Me8H4123IevAkegAPaiRlIGc+c8Gzu0+9Yx"
    "6amPYYftcrEz0QG1IuzBwG7t/t8FdCKgZw5H6aEDv9wCEWd/rUwVP2iK3XyMbmo3TmFvcc"
    "9iTuT8Q08Py5gXIEysHv5zP/TXmiO4GlGDR8U1fu5ww/r5Gu/eigiC+aaJWr+ZX3muTQrY"
    "PR9z0Y3VO/KfaXUC+3al95DBsWyGgj1sKhWBK9NVcsz/6S+AZdsyeO8FfCYXOwF0gs8Ggs"
    "lkfurdhgWfKW0qEYI6r8NhX2rB1L9tSxxCWuXcqrJCRooKHysJBL7+ESl97DrEuvP6vKGu"
    "FTZFo0yBcNIqxhkSrrJhWnaZzz9OHRUSFnh6Mlzg5HGSd1Rl3xPJXr7hIn9ThRA9eO6qMu"
    "ADFQu0uUSiIdp2sg2AeFFuqDJQv1gWKhJv/BhjwclxNIknQ6OKCkbBLzMJk7Ut9leMHZCj"
    "Z8spmZwwUVcYoXY6DeQ24sAfa8d3d60UFX152z7k23d5k8p8mbcCny67nunFykYH8ilqvw"
    "Wcsd72H7Jg31w4P3P7z/+O7D+3CEh1eWDezsIJ5gcj9RaCJy4YwINJ4KPEfiED0qt/35BA"
    "3c96oXMhwW2RgKDtg4ye6G7Ns9Ga98Yh4efSh10gspGjhitxC9KY0G66UAS5JqP9S6a3zj"
    "fGcxp6HS0bsK4ibttjsW1MN5NFyUj6PO0K7FiJoZvOsRTR1Bqzg6bSmoumaMKBxTnRmGid"
    "Dqa7FaXXfPblu5S1AFCPdS3e3Z2lMUasXau34Ye8yApr3Ei3kqzRw2nbnGmCn0tWWQ+nWO"
    "ecPckRLeb5Q/YWdTtzfZSYMQ2roh3Z96eeb0aGYWMqr7a0JR27ptOuBcBD5F4LmH5I+/n7"
    "go5mBFKJqZjsshTSSfT+Gh8gIaLuRflWW9sn51NsldaFE3yCap7efbtp/vj013dzhvy6qr"
    "zY3a3Njo03MyZ4PjGutyQUGsWbEZK2SWqxJ2iCRRk9Cvzhihfc925nsWgOadQJR60dWIJ4"
    "gbuZMeFjEIQbMle+lhxijEXdOdK5ZwQLxD59OMRi6FfkC9QwfAq87leffy55LHnYDsGPkf"
    "+vSs9/nqonMrL0afw+ud8/By57xPT0571/Ka/6FPP510L+CC9zd9mi3E1Q9FeJq2HcU4+i"
    "Ej9HtVXw0w5pcS/FN0OrtzAT9DHT/z8qypY0IJn6zF9RSpTpVf51T5wRRdw1KbIdWG2nXP"
    "N1GIeGkuZEg1F9blgvYgqQ0rPGNNWR7EqfQ0qMhrJFrms8zQTiMJT4bMjqj2Y1Cv/BWg2+"
    "jcIGmwMxvfarC1f85W/XMyC3gFGDcsl2Ua2/iOlQBVvAC6vLu4eK7SobGMjwrXi2Q+yHzP"
    "CzF0jGmybaXFKf7ITGlZBOPPlA/EH2EhmUTzP3XOgVrmHHBYnsvEalVtQFtn3Xir99tl5/"
    "oYyT99et05u77r3sKV8GOfdr6cXNyd3PbE1fBjPXSv+6UP1OEV1SgE9eG4NodjXZ+uLmdj"
    "faDY2YFClwIsFLayfinAbZ4mEgNbcZ5ID/zlJ4r0rNMF717eGaGsx2+TvX234VWthfx89J"
    "sl5GfEmyJhdrssU1M3/heKFnu2CMS9REsXqikM1fMXWdlT2HR1lUJAsbk7ZF83HFqyj8+Y"
    "c3EcaI7xJpkYSVehWQnRTqvP7CVEXkkVTEVXygijbVVU2UuwlCVVNgNtPY+JvUFvVzqdGH"
    "ortDtJnJfreZK+McVKqzwJxn3HUUQKIfVQWrYNcfOycrUs9AF2QnU5lVI9QAkVOAoiE0GB"
    "ZsTGXnkU9oAp1B7xKqgcxy+6HNtjKKDyKH4z9C3u9al8HMZewRTo/ok5D1x+bQfFWQYD/H"
    "VGxGlPnK0Hg4Lx/1kTeVS+WxvA66nc0nXvX0rd++YjrZ05au3MITclA/auMjMhSdW4+N/q"
    "k5JqdXo+9M1Spyd2mVBcK8v1JGUDub4nXA4wWcrmsHZ4eT6nSHWs5F7weY1gySytDlDaKF"
    "pyPTZkSDUXdLTkXrJCeyXWwSsxWk8qALrZwZGZpTcn3ilnx9X4rsA3K2HUKqAsMpwrLAQJ"
    "q3q+USA04hskQbBN/8+s/jx5IhdQCwpFINrMKtAqzPYKDbQ2vpbaeJ3Cd9vOpvE3y+B8i7"
    "/mlfRLkjWgOOuy03Ln99vEQTlA9NXnk99fJw7LF73Ln4PmMQ6cXfRO9z8t3vn1yafbkvh7"
    "RMdI/unT3lXn8hjB/30qQLmRGfDk3z4FTLtfZP47/1M99PRe9QHxi03LJlSxHK3QM2XJta"
    "6pzrqmMXG4a/hsWycHW4Zc87vO/NYGovyltbkGouQhoQzXk5Sa63XhumKyZ/0YYcay8iHc"
    "STqtL9Wq6/1khVZd10F17a8mu9Or7iu6yWU3pwxkkaDJv/0CeRv6rJeos7cvkOvImv0IG6"
    "nnAXBHAZM6VkS1qDlhfJYa2R7Ft0z8V2Gk176MwpIWsnBdVxjI4mt+EfvY3/H22zWPJUxx"
    "4qREdG7FZz/q5BuzQgZleJDLgDhJk046lVXRcvFXhf4m324VtG+EeXDXJit3QuiDAUotg2"
    "PxLqrsGrlDWU2sB7ViUPu2gzWBzqHeHdIHh2/3BGgHu+aDSorPBTdGsUNA9wRObUjJh3o/"
    "VepFDCkxz7DSHuFJyiZtBs9StGXmsOnMXbN2S4JY++ZXpFVPHNE2VPY2MQFSO+OqnFwTCp"
    "a78EdvBSC/iKoXible2lc5vuMTwS5ibqjd83phtOnqdU8031RrLDtpEkRbTZWTyIemypCT"
    "TpiWr+OTOSiiJG2rs+L0KEZTr2fINsPEVwePyIxg6rbFR8EHB1voaSKT06AnkyMubmWT46"
    "zbEeTIuZ1gNGQWwRyZDkYPeOaiOXWJLTPjBL3a2HwULYYLdPP59kqmwYHWLvQoBhnH1nGf"
    "ygQ8I9MB0weyxXmeoyfiTsSzhADvQuIeIJi2xYuQ0UT2D9qwoSBHfMLmtoUoc/v0AeMZsh"
    "m9x45oZMp3npiQkecNOkH/7Fych+8FTbnf6xCPzDmHn25aApg+hcv+Q5HHF0j8M2FPcGUB"
    "7cRbmHQh8Fo7ZU/saKIVq/VUrLp4OhOrZrlAgRhNI5SB6WLuRWIFDpbEChxkYwXEIVAcC8"
    "XJMcdtPQfpBFUDsd5K7h44cJfMsx4jaSLK24h+4fPhX3ikODbkoxwjaSLKR4VQPlqC8lF2"
    "3cBfXUOIIIpA0uWWmpBoLaTreULbmbVm4k7t0qgniDTqLyKs69e7zp0fa1UirsujOkbe3z"
    "696VzeHiP4v09Bgj+WcnyffjrpXkA772/6ZFNkTfpYYEX6mLsefcyEc7kg+6mc3PJNajGS"
    "3Smp98WKZpvcNbDjqBxa8/fRJFUTlprkqD0qJK8cLZFXjnRpGG1hk7MBU3cNlsfIdABifW"
    "KSsvytRUxMzfhbC+Pd84bE1IwjlUfEPE8ynF/n2Fmczq177LbU3r7h7fYyY8Df0NAYRi1X"
    "58j309AP56MH7KIZdtDItG3x59VgANUjj38i1j8GgzYaDCLPef8iYo64DIq04598dZq4+l"
    "qRR38bTwE7wmAgO+aiFeHoaWJ6dgYbj10kPovOw7jYweBHqZP338HBY2LbvE/F2HEJnbM5"
    "txdo7LCpZ19gtI3mMzBsEJeLt52ZI+Iu3qBfwFRBKLry1tubXy8Qh5z9ptunYALxwEcTJv"
    "iOzJHDOEf4UbBFZvAXvxisGBNBDFYFhz2Jl2Y8fKuJKd7IezVswU+CN+ZiNCDxqygDgjY8"
    "T/QOnz3rycyZU2wVNCbkmgtKJj+vNO15jXI9fywiIX/MF5A/+vLxEsuAHLGKpdtmZp7eKS"
    "RJ4T0Gmj0UjJdgfN67O73ooKvrzln3ptu7TIpG8iZcEhdIEHR3cpGuiK3j6F+CjCoWSrF5"
    "qGRTxmxs0jx32ZAqxd+hINsWS8Mru+Xpaa93kWDnaTetMLz7fNq5fnXwOjmrcuTQ55GPss"
    "44CilJ6bGTLys5WHp0jQKqcjFSQqQJ2svNH5ko7AmJh9rgjeCyduj+YDEMO7grby5ArhAC"
    "kF8faKqSmKrsHkSlWI8OnrJHIV8E0g4KHdwClwsp8/h+VJ47BRHyzauRyUemhV//mHgfKW"
    "3JRlICil4PXmgifpCUeaD60QOZzfIllT9aYZ/QIuTHn0VFGO3x8JweD9FMKp/IJEmpfa7X"
    "9rkOJk1pHqQINQuq0tck1rQNlTVeSPRZvMc9Y0nxJBvJJWG1y3V8+94Q5ga6/KbxTU33Oi"
    "nD/FQdCgkvSuKxUqxzoqYFRLkxsUEFQ2zXk4nA+zMQib7jyOsT/FBN9BcbttGYOb6jKpQX"
    "BxUOMvmDL9mk5LjK+gYhrgtyGRPkVIh8eIapBTUhPcUXEDlYMlbQTc0F4hijV4AhBx2aGL"
    "ICrNegP+pTITISLp1WATh4vBQz/YeathDkpMesjT23VekdK59A7ieupxYr7L4avFWQt127"
    "r9Zi01omzEVa2PVqqmjTTxXS3IP4tWql7Gq3nYC2zg6BYqu5PO+CLsm4Ov90jBJfxWp3ed"
    "u5/tLt/Gac3Xw5Romv8buSNvE1vQ4Xck+uPEnzHvpdXXUEBy5/bpXko092jPwPUPjy5Px/"
    "oeil+FNDhys+YRDNJ/ZR4qpzZi1TISqod6hKfB7t8IaaxOS8EET3uGy93RRZ40xPRweHRb"
    "yzDg7zvbPgXso7y5MWPZhKgJ2mq/M2Uqd4FBD3ywZJxGkaiPN2oiTIf7A4TrjKtXuJdJqk"
    "06LpuqJpad/aBrvVvis0wN8tGeDvtFvtC7VhjwklfLIWn1Ok2p+2znzWGYlqsGnVwqlZs6"
    "Il9fSRTrg0KxTEmhXNcDCvG0sq9zBXbgoV4KwTcakQTpueNgS54aUtFOtqrSzDXkZ4lWU4"
    "zBW/2jIcNV1pGf4NbKL40bTnUPGDo7/AuT9twfUTaKHh4thLgiQfIIMcwmZZw3B1XXtxEB"
    "y7/k8bDJCDZ7Y5wl74QOTHF5hzg34IR9giEiAZG9Gnsk4g4vPhlLhiGAQvCF5+HJIpDQY2"
    "Gz348RRtxImYLUhMBPGjwJo8htxJzOsqfGw8pmLTIAVtFH5eDz+tkngBR1UdPfEi2Byu5G"
    "W5nCDUWqc681grPGqj8AjWxjXUHRlSbbZalwt1U8O+EKlSq5vqoG6K1pHdqUJqtuoUxTez"
    "5D57QvLmxn4ocm0XUpEGpQR3oSB91nW6WvVo1fq4aEjmKuYSo7Z4SG4xJR3kIQ9J2oiPGK"
    "QdP/j+CCIjTPg3mshLfGTa2AuwgODYsPwuBEdwNsXqFOfVda0MeY3UkclaiVobVge5pb1E"
    "G6ZLJ1aftrGs52SDvSa34p0af7MMzPkZeFNkO4xHaG13S1UqebaRgvcJQ9ycQuzOT/oTke"
    "wy6c/Bm22leN1yzh9vL1Z4A//rpnepRjhGklZjkpGL/g/ZhO/jqrwEaQBj+eBOj+N2UisJ"
    "HaQHtxB5wuwpZUNpMrQ7DKQJZJa9DaTxhMfy7lNxsibJIc+ryYpE+Q1VK5E3w56xobCfSX"
    "wAlvUwyaZ82LB4WaNLvW3TH+dkbhG3Q11n0VIc/WN328tO/Sa0M3DYsNCB38HiLG5BDivR"
    "9A2CxwTFxBi1FzLlJjItS5WToSR9UK+MQK6FsZdrQZz95QuDC405ZHM3KmMmKCkyx64sIw"
    "apPYM8nX16Dz48r8ABZ+wtCYJiAVXRXJ+rkCcrngFVzBAvs6mJZrbgKmQrhUVcJnGQnjw2"
    "u4cqYzaBrF3y1SAZmMRriPmP3o+R0wvycEnHnLjq2E8Fxstkc9DFyGq5MbWXqCrEGFee+I"
    "oFokfUdT5mt67vTq+7Z4YQZi9/hljz5Pf0KlAorqtIPO67/HDcd5loXJ1Wow5GYAu7JrFL"
    "HRVjJLs/KrZ+Gs+pnIReIiFC+Rt47D+eQTuylQOkdixchxV7540kNhLmlF744lR6zdtTxx"
    "fNg2PtjVcjVvgVMw0oPlGaFQpiPSm0O9i+uYPJjbUCjJvtCRYXP3KcwPIWFo3tCmwVC2kB"
    "iJ8ranZPQV7qFVbEk3GrKmQZ4dhSqY+9O+1lquORSS0ChzvDjFoX0h/71VOhSBQoZQNLwh"
    "vUkbWagtuES6Xuj2gwGM0dB1N3MEBT03nwQiuBVObNHbG54Ipa1bydR/lRn67pBOWtwnJR"
    "gtvY+U58ESder0AEXA6rP0CBLEhgSKH4luzAg3oweP1jn4JXm/9GUNIBVNuiVRAQGj5IdG"
    "XbaIhBqxzo0vOd3CLdFTRJFNrwnpXxeVtG48Ojtc111Tb7PM2wIP+IH1E06UxTmVtcNM3L"
    "6seSlFo/Vmv9WHyZLc3oFK2Oy6wzp4MtLLtLLfOVilHpymUl3KSe3epWt0VT1yZ6oSx4JB"
    "ZmpfGPU2lFZ0WKzuT5ZkM1xllwEO4met2zOVFco5FalHV1qGoBLlQdKrOuVIDtl6Cf/VpQ"
    "iuIaX0hrpYZTrR8KnVzOMlNEQZdc7gpGdQbUSFJjS9Y1lcoqqQ8LNZttr36WTeiDV4jURB"
    "yPHOx6dedzAjur7D1H7RVTLuOpSWylnivWKOnOIgaKaJ5qEpWFgdtaBVZLFZiOY9xu9Qdv"
    "MpUAOCRoIsJH74sgfPQ+H2G4l0RYLm3GxOSTMjAnqRpXoedDEaA/5OP8IQPzHpYI615+6d"
    "76DtUl3LN9MijUJj/06c3tybW84n8QV+5OP3dvvWvBxz7t/H7VvYZr/gcoLval94v08fY+"
    "pPf3Irysvtwb/jojDuZrKG+TlFpLX2/drXZWfglsrpHNrZ6n3WZwWZvcXginHfzI1st3m6"
    "TUXK4zl/FX8cMMd0Log8Gx+KGWQrjOVYLkUO/O4LSt3CtVO6R4QHnKsrVxzpJroNVAO9g1"
    "H1SVLlcgHKPT0GacqqC8rfSmLIFrkkiDWrMws7odiJ4r1k/aM9ZJNZ4h1fZ+He23l6zQMW"
    "Z1iDF7rlidfQW5WApn9WJfAcTNDjfLbG4bJHWfz2xmqg49ZTKPSXeXO9lTc1BPxph6Few2"
    "gykKBWvIrN9uVjbskNGkpQqp8+60l2Zji9qs8tHJh6HiCn8vxWllw1NYvjvKo5iCuQnAcn"
    "x+I5JGukwcFXKZOFriMnGUtv/CpCqBsN+8gehuJXW5eKKrDJnJT9oVI9H5nUum58ocn3bp"
    "mPrt/wFsn5G0"
)
