from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "mail_outbox" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "template" VARCHAR(100) NOT NULL,
    "to_address" VARCHAR(254) NOT NULL,
    "to_name" VARCHAR(200) NOT NULL,
    "subject" VARCHAR(250) NOT NULL,
    "text_body" TEXT,
    "html_body" TEXT,
    "status" VARCHAR(8) NOT NULL,
    "attempts" INT NOT NULL,
    "last_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "organization_id" BIGINT REFERENCES "org_organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_mail_outbox_organiz_b972b8" ON "mail_outbox" ("organization_id", "created_at");
COMMENT ON COLUMN "mail_outbox"."status" IS 'QUEUED: QUEUED\nSENT: SENT\nHELD: HELD\nFAILED: FAILED';
COMMENT ON TABLE "mail_outbox" IS 'One message to one recipient, rendered when it was sent.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "mail_outbox";"""


MODELS_STATE = (
    "eJztXW1z4rYW/isavtx2Jt1JyJJNM3fuDElIyy2BlJBtp0vHa7AANUZiLRGS9ua/X0k2fr"
    "exeYtx9CUBWY9sniNLR+ccHf1TmRIDmvRDi4wRvtGRObdg5QL8U8H6VHyIvX4EKvps5l0V"
    "BUwfmBKgD4dkjplmCoQ28kEGlFn6kPFKI92kkBcZkA4tNGOIYAGtA1EdGkBij4BsiH+dQQ"
    "s4zQId29+HJoLiq2FYkNIP4gYGGfI7IDzesK0+7uNf4IwBhMEdoWxswftfW4ASwCY6438g"
    "MNEUMTAhpkF5axahFMAnaL2ABbEexR14yxMOlc81x+jbHGqMjCHHWvzpvvzJixE24DOk4u"
    "uXCh2SmWTpEb6If0ML6vxxNZ1V/hSVZ4/aCEHTCMgGGaKqLNfYy0yWXaJxE7MbWVdwMtCG"
    "xJxPsVd/9sImBLsAhJkoHUMMLXFLXsasuZAOnpumI9WlwOyf4lWxf4MPY8CRPjeFjAXafg"
    "CvrKJp7U5Pu2/0NK0Skf8S4ROjUzQkWPQd/qhUEjAWj/DDj9Xq6emn6vHp2Xnt46dPtfPj"
    "c15XPm/00qdX+2E8tuymJGfNn5rtnnggwjuo3Y1FwavE6Ey3UVJUHvuuyIICuJroVjz9Li"
    "AkAf7TwhJY8p0mgmWBJwPvtdqHEKb6s2ZCPGYT/vU8hd7P9e7Vz/Xud+ffByluOxeq4org"
    "2uPWeQuyMutULyGv1drHDMzyWoncymtBdn2DS4Tka36FoSmMJzqIDPFtONAPyw/bYX+vIw"
    "v/fUYHmy/OfVO47zVvG/e9+u2duN2U0m+mpK/ea4grVVn6Eir97iwkJrcR8Fuz9zMQX8Ef"
    "nXZDsmtPPTRQr/dHRTyTPmdEw2Sh8TnLo2hZuqTxVcwco0ff6CUKBvrwcaFbhha5QqokqW"
    "700rQ6DZfoWB9LkQlyxWM6ykMXjvjvmPTII8RxykXgeiblwrIRfE5dQlYpF8ldYPX0nDgB"
    "/8VQ9A16eGhex789TvXQazOfI+ODAK3zuqyehyv/Hs3xULAA5J3En4//qezoBUp5YeRIdW"
    "q/Af6+LX96+lSLKJ2vNV4FgPsZrvY6WRzI+LTkJDJA+Wcl+DxDvLk1pBxEKjEXWsxzutab"
    "7INtQcDOKKnku335Ur6E5j9fi1ucJk+NQdQ2Z8jiinbFhBhR3iIcRwm+IRZEY/wLfJE0N/"
    "mj6HgYt+h0VK97r6XDJNYr9V5rS1+4ylqoZ/EP/HdDZi8o6/dX9etG5fVt1OIl9zEasU8s"
    "q5VhX29YbWPrYAgo7yI/IHzh2Kx4O7wFabNy9Gog9Wpga09gZJEpIBwnTWlRU9vmTQqLW4"
    "uM+ccxIHN2BIgFZhwFMRNFeqgRHVDI5W4AMdof8YtPvJgKw1wfO2QcyXsvEJsAxJyHssGC"
    "D8i7rPMQ0qTn/bANFgP5BrztD3TvYylwWLaL/VqOymW8UGuDd6c72iP5Oi93EKlWCIcgZT"
    "5c0TglNtnOH0WuZfIvmGyDFv/TagaD/2k10d4vLr2GV9yWxlVQHPNWJXMdRO3PtVLZlT4S"
    "ovn4OAvPx8fJRItrIceKdCRraJaH6ACodDyfZfFfnSW7r84i3ivZMfO6vn2g1f7vA5j19+"
    "cCTzFDCFK3YIN4cJo5MBFkNUD4ul5e64N/zvQ5vGhM33fwN790oakzFDs7JrjbSsL76y5t"
    "NbKPxhhqln13tZVm+bK8jadShQq9ZaiQkL38nFP/WmJKGNhyUsuif/FaiZqBvBZVDcRnLW"
    "f8UBi3Hb7ftuPvnm041ZGZh2YXUML+vJNALUlY3s4cAJWuJ++E55lO6YJwHWGi00keriPA"
    "Evbsk2qW4E5eK3nsqEYCPBHVuA6EnmKmxEtCTKjjpIAeHy5E9oADd8X2ssPv17R32em0Al"
    "a9y2ZI92g/3F42OPuSe14JsYBK4hEuTJ/aXwRhGKMJpttWQ9AS2tBL5jnJEfYZiSnYcG1Z"
    "vniCwFv0hAxINqTos2ij1ARp85lJdGMbPD3IlsrK1hROB9CiEzTbkKtbt6GyUiUiSmbCfY"
    "/wE2KSjg0561hjHaO/Za2m2+jhuY8y0Ueli0FRtwZ1y7gRfhlaTwguNiSvuWynTK/qLm2v"
    "9oQZY3x1Z9Jk6+sUGkjXntyKGfagziwygAaQGLEFlDKuuI3hB9AlCwrgM6IMEK4rghGxwA"
    "iZMvJMZ0CsBcUGUw7nFMbtSN1iy8oUfKCmYIaYmcsO7AJKaFqoZnLCV1Oc8NWoE955q/Ka"
    "zUKw0hnOaidZAkt4rUSu5bUg12KQyuvY8GNKF+5QrdUymSdrKebJWiSshGDG7xfnbE8JK/"
    "GDSjh2bD9OSjAm1GTJUk6m/bgSkn2SaaA+SRmoT2IGavQ31AYvDMYp1CkKSRCnwnly6iY+"
    "m/DckmsVzd5OESOGG5PoCVKIA4dkMRLoA5RGCrHXnYfLVgPcdRtXzftmpx2098qLQUt8t1"
    "FvhWhfIIPFeJkS+7tbv0xdvXry8dPH89Ozj24Pd0vSOna0E08gGk9iIlsT6fQAis8YPod8"
    "ET3MN/05gBLOe9tXMiziGcsydlg/ZH9d9vhA+iud6NXaWa6VnosoYY/dQby1dMGst2k/CF"
    "We46J7jv1yJz4jf+54+xhwmWbbPSvq7ns0eMm/8yGCVYLY2gYIj9uYtZPaBxHcBxHpiIHt"
    "EF0+XnWbV71K4iC0BYo7oeZKSnXM6Lv+1hOfC+0tAjsO0WU8s8h0xrQRibHY5mHq1zmkJf"
    "Os79xR7HSsJHex1+8yOY2dHp/Vd2zq1hhK1y0QERdA/vjxhAFGlt5e4fid6RajInEJnU/F"
    "TWUBGLzI/3Ge4621q/Kb7MNKuEF+E+Uf3rV/+HB8lvvjeVdeS+VOU+60Ui8Og7uILKatK4"
    "UYsBLFZqKQ+65z2NmDoDKxvz1ju4qt2lts1ZI0ewUSa/dbzXgAXMqZtJrF4SGqpcyl1YjT"
    "gzKdzWOGcMF4A8+nEXtTiP0leo8BbneN9nWz/VPO5c4SdgGcD3181bm9azV6stD77JY3rt"
    "3ixnUf1y87XVnmfOjjm3qzJQrs/+HVbCapnmWRadg34pPoWUTpt88h0oSzOpfiH8KpfGMZ"
    "4ugOKkWnOl5kK97CEcKITtaSegiqkjcWOXnj8hVdwxMZgZZJxd7zAkc55wsjCttPkFcGft"
    "Ra5BdsjCuEP94bYZQ7fpWPODIax3uIlTN+b874yKCyBY6zJpso2GiSlVv/KBoglT8AaD+0"
    "Wm91tocvIUOMJzqYriHZEc27jjYN1t1q9sgvkVdaZqn8M+QS/uJmeg1UVwfTFnOLsUWSPM"
    "irLVdLbJFNhZXOb+1G9wLIf33cbVx1H5o9UeJ+7OPG53rrod7r8FL3YzFMUYdlHlHR1Nux"
    "j6gFW2EWbCqBfFHWa2pBsbcFhcrVnylGff1c/btcTQQ6dsx6Itzx01cU4bdOZaR/f2uEvA"
    "GQZQ5+3EWQqVLyk9kvl5IfUW+y7KlReWRVHtktsqXyyGam6u1zoB4obSr5aSaiyJwNyPOG"
    "XUu2cQsp5cuB8jhvdrr3L+F1XLFYCr646csmFKy7ejcgBmTB5fYvCjyo2LAnjlI4Ervy5E"
    "kt9iHpxIQx+/7ytiDOUReaFdCBOJAEkJE4FN09el1uFYTGhb+QUWjyWpb+xH+zaFueoi5v"
    "ByEgeAjtk9SJ9UjlV35fOOLNgK9fvbOVv37NuLsw6nHyjqtR/qRirhXVOU/v5Zyn8jOtfK"
    "OF9o3KSSn3KVxBVOl2F20/pZeyTiVTXy7rVGCWcdW1vFIPIkso9QORcqYIffeknPxyDkHV"
    "ToyDkPMaWzGiWBWDvm44ib1WXksMEaiSgtoQc5CiUEE+RQjy8caTLRCdMdSnYKNPVn4jQ2"
    "/C9oGEGVfxu4LfqIZRqP0Znh8qxkMQcFIlOwVcn5h3NGAmz8Am4VRR+3lwRc6p5oiYfR0z"
    "I0MtN5ecqKCs8YW0xqsEgbuO3fI/WYTnHnxOOhAnCCvB0WZpq+XG773AQnnJ6He39d+/Dy"
    "yWW532T8vqPglctTqXh59057pbv+nl5N8GXQD5r487d432BRB/+5iTci/z68j/fSw4bX6W"
    "2XWcT8Ww0+uYLqDFf7FumAjHDEcr7ExRuLI1FdnWNEIWZZojtnUyvETgSt5FlrdyECUPre"
    "V1EAUXCXmkHkQqqRdF6jEve/z59iT/jsggTtlLlen6MEWhTNdFMF07o8n+7KqHym5w2E04"
    "QinLHqRvzuEyG0b05zij5lAo32mgustXjOHZz2UWu/M3f/3dmp0DJm6ugSCVAujNVYhkI7"
    "EroIgMkrPf+yBl0iC2lvueweeYdVGyPXhZvxRm932bgtkE4UdNLBaTD6dP7MrxYNWpYzq1"
    "Y5Nbk+gE9P6YPqkeyjHVFmT6Y9yhMInk+hB7JPRA6FQGymSqD9NUlcVA6Yu4yB1pGUSWaT"
    "J4k3zXzhGn66W9DoBVzOuWrFWBJdqGRpQy7tM/ioQABseEjFmZnd67BZLfRXLmwLteqBjA"
    "YJqFuEwB4TwMKUcGi724Xu6H1dkBOhiCqd2y2HVP+FcLDtEMQczECb5ctBY0wGIiN+mDhU"
    "7lyb/RJAHrNiRyBfQmEAyIgSAFugXBI5wxMMcMmTJDwLJVE+pPvMbgBdzf9u5kOgBRm4kW"
    "ebel0LjoY5mIYKhblmjM5OsvChaITfi9uMLFRAIDAZge8QdBw4lsX1gvBhwO6ITMTQNgwv"
    "r4EcIZMAkeQ4tX0uUzT3SRmeADqIOfG61r97lEVeq0OoBDfU7FT9cNTkwfi2LnpsCWi0iA"
    "MCELUfIi6vGn0PEL52vt1AU+VVIZwoppCGNwOjM5Y1EZpARM+jClMN7s4fBZrrRzNZ5r+g"
    "nhe0kbt/2oEnK9kxwGYoGUM32jD1JGlncRBUzng7/gMEbNSzl004OUkeVaJpZrKSzXouMG"
    "fGYaV0FiNtSkW9ZdUBlOZNy3dX3CpmZu1gMgxfq7CG//9aHx4MSc54hvt1EXwP7fx/eNdu"
    "8CiL99LDT4C6nHb+Og2PMMI9J54nh0HglrZ0L3Y7lcID7I/oyKh+L1MHXKNGhZcYE9yfNo"
    "EFWGoSZ0XHgmfaWWoq/UVMZp5RGRbwPEbA2R+2BqI0ZxYrOj8i1EbHDB5FsIZ8vbhgYXTC"
    "Jbjwx+G4dAHVpoOKnEeAKcK0dpLgDdq1OYA1Xei5V5Q4U12X78BC0a+4Yna68+SCmtQLVM"
    "VqBaihWoFll3zWZ5GHaql5Ddndjm+R0ZxDE64n/vO+2EJYEHCeuHaMjA/4CJ6CFGzKSQK8"
    "hIN/mErTshdU80cBmnNOxzMnv9P9PX/zQ="
)
