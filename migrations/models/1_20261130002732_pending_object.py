from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "media_pending_object" (
    "key" VARCHAR(512) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_media_pendi_created_8b733c" ON "media_pending_object" ("created_at");
COMMENT ON TABLE "media_pending_object" IS 'An object on its way into storage that no ``Video`` owns yet.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "media_pending_object";"""


MODELS_STATE = (
    "eJztXW1z2rgW/isavtx2JttJSJN2M3fuDElIl7sUsoR0d7Z0HAMCtDEStUQouzf//UqysS"
    "2/gM1bjKMviZF1ZPs50tF5k/RPaUz60KLv6mSI8I2JrKkNSxfgnxI2x+Ii9v4RKJmTiX9X"
    "FDCza0kCs9cjU8wMS1AYgwBJlzLb7DFeaWBaFPKiPqQ9G00YIliQVoCoDvtA0h4B2RD/OY"
    "E2cJsFJnZ+9ywExc9+34aUvhMP6JMefwLCww3b6uAO/hVOGEAY3BLKhja8+60OKAFsZDL+"
    "BwILjREDI2L1KW/NJpQC+ATtOZgR+1E8gbc84qTyvaYYfZ9Cg5Eh5LQ2f7uv33gxwn34A1"
    "Lx82uJ9shEovQI5+Jfz4Ymf13DZKVvovLk0RggaPUV3qC+qCrLDTafyLJLNKxhdiPrCky6"
    "Ro9Y0zH260/mbESwR4AwE6VDiKEtHsnLmD0V3MFTy3K5umCY8yl+FecbAjR9ODCnluCxoH"
    "ZewC8rGUaj2Tbuqm3DKEX4v6AIsNEt6hEs+g5/VSoBGIpX+Onncvn09EP5+PT849n7Dx/O"
    "Ph5/5HXl+0ZvfXh2XsZHy2lKYlb7VGu0xQsR3kGdbiwKniWNyUyHSrLKR99jmcqAq5Fpx8"
    "PvEYQ4wD8tzIEF3stYsCjweeAPq30wYWz+MCyIh2zEf35cAu+XSuvql0rrzce3KsQN90ZZ"
    "3BFY+9i6oyAtsm71AuJaPnufAlleKxFbeU9FNyBcIiBf8zsMjWE80CplCO++S/pucbEd9P"
    "cqWfj39ZvYmrvPXYJ9u/a5eteufL4VjxtT+t2S8FXaVXGnLEvnodI35yE2eY2A32vtX4D4"
    "Cf5sNqoSXWfqoUq99p8l8U7mlBEDk5nB5ywfokXpAsZnMXMMHgPSSxR0zd7jzLT7RuQOKZ"
    "OkutFb4/I4XGJicyhZJsAVr+kqDy044N8xapNHiOOUC+V+KuXCdij4nLogWaVcJHeB1dNz"
    "4gT8F0PREXR/X7uOHz1u9dCwmU5R/50gWme4rJ6HS/8eTHFPoADkk8Sf9/8p7WgALRkwUl"
    "KdOiMg2Lflpy+fahGl07XklUK4H3G118niQOTTApOIgArOSvDHBPHm1uCySqnZnGs2T+la"
    "IzlAtgUGu1JS83f7/KXchOafb8QZp8lTo0q1zRkyv6xdMSFGlLcIxlGAb4gN0RD/CucS5h"
    "p/FRP34oxOV/W681s6TGD9Un9Y2+bMU9ZCPYtf8O+GzDEoK3dXletq6fll1OIF9jEacYAt"
    "q5XhQG9Y7WNrYggo7yI/IXzh+qx4O7wF6bNy9Wog9WrgaE9gYJMxIJxOutKirrbNmxQetz"
    "oZ8sshIFN2BIgNJpwKYiaKzFAjJqCQ870PhLQ/4jefeDEVjrkOdsE4ks+eITYCiLkv5RAL"
    "PCDvsu5LSJee/2EbGAPZBN72Bd3rMAUOy3exX89RsZwX2jZ4dbqjI8nXGdwqpbYQDoHLXF"
    "zROCU22c8fpVzL5Z8z3qoe/9NyCof/aTnR3y9uPYctbtvgKiiOGVXJWKtU+wutlHalj4Rg"
    "Pj5Og/PxcTLQ4l4osCIDyQaaZAFaISoczudp4lfnyeGr80j0SnbMrKHvANHq+PcBzPr7C4"
    "EvcUMIULfgg7h3mzkwFqR1QAS6XlbvQ3DODAS8aEzfd+lvfm1By2QodnZMCLcVBPfnXfpq"
    "ZB+NcdQs+u5qL81isLxMpFKnCr1kqpDgvbzOqH8taAqY2HJylkb/4rUSNQN5L6oaiGsjY/"
    "5QmG47eL9sx9892nBsIisLzB5BAfvzThK1JGBZO7NCVLievBOcJyalM8J1hJFJR1mwjhAW"
    "sGeflNMkd/JaybKjHEnwRNTgOhB6ipkSLwmxoImTEnoCdCGwu5xwV2gvOvx+XXuXzWZd8e"
    "pd1kK6R+P+82WVoy+x55UQU1QSH3Dh+jT+IgjDGE1wuW81RFpAH3rBIicZ0j4jOQUb2pbF"
    "yydQRtET6kOyIURfRBuFBsiYTixi9reB071sqahojeG4C206QpMNsfrsNVRUqERGyUSE7x"
    "F+QkzCsSFmTXtoYvS3rFXzGj288FEq+KgMMWjo1oBukTfCb0P7CcHZhuDVFu0Uaaju0vd6"
    "C3Gfv1Sz+xeUbtOIE1atcLTMGzuGfWQaE4fAID7F6sWpGDjVAcEAMQpm5hxwBAigjGt2Q+"
    "ikkmECHh7k1PXwAMgMUzCHLGZ56iatiXS5323EGMSgCwfEhnJRanfOIAUm/yXagH2ZAufE"
    "G/piLauowz8SU9PJAZNPsGGP26+0g8VdOXuDN8Tmb9VzGnXfElGvJXPIGf/2SKyHnfEWRG"
    "4dkGPDnk6YyPnrYGf+ByPTGojvemOCR2SJxbgTm4jEwCPvK8UiXZHiNxshK/zALuR3OtiG"
    "Y/IE+28BtwqfZJofv2eTGb8/4sPAyfQTlD1hNv40nbhvSpXmOJa809BNk/xecmFijrwwZy"
    "dpshR4rUSfgLxXpFQ/vUzx0JcpOoZZzPziWWyr5pUnr2KKvQ64LOxykejIXC6eXZH4DrTI"
    "jAL4A1ExOVhzwAU8GHDxSB2JLXyOjijt8j4St/PBFlvWIccDDTkyxKxM8UaPoIAu7HKqZK"
    "/ykmSvcjTZyx1VWcMzITKtGiSrBj7WQkhlDaAHaQqXVlc+O0sVBjtbEgY7i6QvEsz48+KS"
    "upakLwaJCig7tp+PKxAT7hiJUkakg3QFBPsklaA+WSKoT2IENfobGtI4zqaQqHQ6bTSjbh"
    "KIPU5t6RMznGV7MWy4sYiZwIU44hAvBoL6ALmxBNjr5v1lvQpuW9Wr2l2t2VDtNHlTjfi2"
    "qpV6CPYZ6rOYbIbE/u7VL1JXL5+8//D+4+n5e6+HeyXLOna0E48gGo5iPBGJcPoEGs8YPH"
    "vciO5lm/5cggLOe9tXMmziB2VSdtggyf667PGB9Fc6Mstn55ksPY+igD12B+t6ZNBgvc1h"
    "VFKdoZR3j2+Q7yQQTM68riuGuEiz7Z4VdW8cdefZV9hFaDUjtrbQzsc2xnbS6+3U9XaRjq"
    "gsu2txedWqXbVLiUJoCxA3Q80VFOoY6bv+EsdACO0lEggPMTVpYpPxhBkDEuOxzYLUb1NI"
    "C5bBtfNAsduxksLFfr9LFTR2e3za2LFl2iJ5RuTMiMw+ID9+OGIgkECEMJiYNqNigyw6HY"
    "uHygLQncv/cZHjrbWr99Hah5dwg320dHx41/Hhw4lZ7g/nXUUtdThNh9MKbRyqq1VtZqzL"
    "hRhizYrNWCH398jgZ1eJioT+9pztOrdqb7lVC9AcCyTW77cacYW4kDNpOU3AQ1RbMpeWI0"
    "EPykw2jRHhAvEqno4j/qYQ+gvqPSa43VYb17XGp4zmzoLsArgXHXzV/Hxbr7ZloX/tlVev"
    "veLqdQdXLpstWeZedPBNpVYXBc7/sDWbiqvnaXgajo0EOHoeUfqd8+4MEazOpPiH6PS+li"
    "ny6PT6kNcXLRwgjOhoLa6HSPUmwXneJHgxRNeIREZIi6Ri79nA0cH53LDCiRNk5UGQai3w"
    "cybjchGP9yWMDsevihFHpHF8hFgH4/cWjI8IlS1gnHZTo5xJk7TYBqWoAip/AdC4r9df6g"
    "ypwMY/MZFodVug5EA07zrGWK271V2Kv0aGtNwN+VsoJPzV21Fcqa4PQM/nEmObJEWQV3uu"
    "FrR5dhWWmr83qq0LIP91cKt61bqvtUWJd9nB1S+V+n2l3eSl3mU+XFGH5R7R2dTb8Y9ogy"
    "03Bps+qCQv9po2KPZmUOgzYVLlqK9/JswurQmlY8fYE+GOv9yiCI86ffLJ67MRsiZAFjn5"
    "cRdJplrJT0a/WEp+RL1Js6ZG71eu9yvfIlp6v/LUUL38XtsHCpveZPtF1rQldLMVRoDaIZ"
    "ebA0itm2rD7Rln3L8o8EnFQjRxFM2RWG0mT7qS2z8Ld3L8JtuZWhAbawuNAZhAHOgEyMDZ"
    "NFuclCl2pHb21b4IFjIKrYHYVvuJf7Nom9/rYPk4CJ1ttEXzM2I/UvnzaLFl98ODfzb9w0"
    "PKVXPRSIp/3JeOk+TTBtLn5L2Wc/KKj7SO+eU65icnpcynGKpUhVs1s/2tqrTXJRn6Ynld"
    "lFnGU9eycl2lLCDXD4TLqTLPvZPGsvM5RKpXGBwEn9dYYhCl1bnV66ZJOLbyWmyIkGou6I"
    "UeB8kKnbySh+QVX55sAeiUKSw5kz5p8Y2I3oS0+IQZV+O7At+ohpGrdQd+fCUmQqAEX5KD"
    "Al6sxz9aNVVkYJM0oaj/XLXIOdScIma9wqSfopa3R5qooL3xufTG643vdp2TFHyzCM5t+C"
    "PpoBeVrABHdi2zlqt/tBVDeYHom8+VP94qxnK92fi0qB7gwFW9eXn4m8lctyo37Yz4O0QX"
    "QP7r4OZttXEBxN8O5qDcyX1j5P8OFpjWvshdY9yrfPjpTUxn0OZfbPYthGPE0Qo/U5Rc+5"
    "ry7GsaIJsyw2XbOjuXRMg1v/PMbx0gShatxQ0QqUZCFq6rlJrreeF6zGCPpCzKEUuyr/RT"
    "6bS/VLuuD5MV2nWdB9e1K03251c9VHRVsZtwNFCatTXf3UNTNsxUz3D2yqFAvtNEdQ+vGM"
    "dzEMs0fufvwfq7dTsrLm6ugSC9tc2LqxDJTmKPQREeJO/qHiApkgaxtT3dGfwRYxcl+4MX"
    "9Qvhdt+3K5iNEH40hLGYfOh6YleOJ9adOqZTuz65NYFOoN4f0iflQzl+2YbMfIw77CQR3A"
    "DFHgE9EDi1gzIZ6sN0VaVxUAYyLjJnWqqURZoMXmQfZ/fozvW2c1aIdc7rlrxViom2oROl"
    "iOvPjyIpgKpMSLnbsNt7twDyq9h0WBnrucoBrEAb9UalGD+Me+domRfG9OvkZl+w1+Jd2V"
    "CNTPabPEGbxrpNktPrAiSFsPT3cOKpGFQZEHarFxDdnZxv6p4LG0X4v3fNRoJN5JOEDSLU"
    "Y+B/wEL0EBXkJeAKMJZ7rcIOqiPVnBENXMYpZPuczJ7/D1h+Bh8="
)
