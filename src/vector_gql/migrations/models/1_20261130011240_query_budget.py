from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "query_budget" (
    "key" VARCHAR(80) NOT NULL PRIMARY KEY,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "refused" BOOL NOT NULL
);
COMMENT ON TABLE "query_budget" IS 'A token bucket per caller (``user:<id>``, ``invitation:<id>`` or ``addr:<address>``).';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "query_budget";"""


MODELS_STATE = (
    "eJztXWtT4zgW/SuqfNnuKoaC0NAsOzVVCYSZbIeEDqFnapouYxIl0eBIaUsmzczy31eSHd"
    "vyI7HzIjH6Ao6sI9vn6nF175X0T2lEetCi+w0yQPjSRJZjw9IZ+KeEzZG4SLy/B0rmeBzc"
    "FQnMfLAkwOx2iYOZYQmE0Q9BHiizzS7jmfqmRSFP6kHatdGYIYIFtAJEdtgDErsHZEH85x"
    "jawCsWmNj93bUQFD97PRtSui8e0CNd/gSEB0uWdYfv8Cc4ZgBhcE0oG9jw5nMDUALY0GT8"
    "DwQWGiEGhsTqUV6aTSgF8Anaz2BC7EfxBF7ykEPlezkYfXegwcgAcqzN3+7rN56McA/+gF"
    "T8/FqiXTKWLD3CZ/Gva0OTv65hstI3kXn8aPQRtHqKbFBPZJXpBnsey7QqGtQxu5R5BScP"
    "RpdYzggH+cfPbEiwD0CYidQBxNAWj+RpzHaEdLBjWZ5UpwJzPyXI4n5DCNODfdOxhIwF2n"
    "2BIK1kGM1Wx7ipdQyjFJP/FBESo5fUJVjUHf6qVBIwEK/w07/L5aOjj+WDo5PT4w8fPx6f"
    "HpzyvPJ947c+vrgvE7DlFiU5q/9ab3bECxFeQd1qLBJeJMZkpouSogrY90WmCuB8aNrJ9P"
    "uAiAT4p0UlMOV7lgimCYEMgma1CSGMzB+GBfGADfnP0xn0fqm0z3+rtN+dvlcpbno3yuKO"
    "4Drg1msFWZn1sheQ1/LxhwzM8lyp3Mp7KruhziVG8gW/w9AIJhOtIiN89zzo/vRiNexvtG"
    "fh39drYevZe+4M7jv1q9pNp3J1LR43ovS7JemrdGriTlmmPkdS351ExOQXAn6vd34D4if4"
    "s9WsSXbdoYcq+Tp/lsQ7mQ4jBiYTg49ZAUXT1CmNL2Lk6D+Gei+R8GB2Hyem3TNid0iZpO"
    "WN3xqVR9EUE5sDKTJBrnhNT3lowz7/jmGHPEKcpFwo9zMpF7aL4GPqFDJPuUivAvOH59QB"
    "+C+G4i3o9rZ+kdx6vOyRZuM4qLcvQIs0l/njcOnnvoO7ggUgnyT+fPiltKYGNKPByJ7qyG"
    "0B4botP332UIsodRbqrxTgZrqrjQ4WO9I/TTmJdVDhUQn+GCNe3AJSVpFazFstZocu1JJD"
    "sBUI2OsltXxXL1/Kp9D8842kyWn60KiiVjlCbq9o5wyIMeUtxnGc4EtiQzTAn+CzpLnOX8"
    "XE3aRJp6d63QQl7SaxQWrQrG1z4itrkZrFL/h3Q+ZOKCs355WLWunlddTiKfcJGnFILPOV"
    "4VBtmG9ja2EIKK8iPyF85tmseDm8BGmz8vRqIPVq4GpPoG+TESAcJ01pcVPb8kUKi1uDDP"
    "jlABCH7QFigzFHQcxEkhkpxAQUcrn3gOjt9/jNJ55MhWHuDntk7MlnTxAbAsS8l3LBgg/I"
    "q6z3EtKkF3zYEpOBfB3e6ju6tzEV2C3bxWYtR8UyXui5wZvTHd2efJHGrSL1DGEXpMy7K5"
    "qkxKbb+ePIhUz+WyZb1eJ/VM5g8D8qp9r7xa2X6IzbNrgKihNaVTrXKmpzrpXSuvSRCM0H"
    "B1l4PjhIJ1rcizhWpCPZQOM8RCugwvF8ksV/dZLuvjqJea9kxczr+g6B5vu/d2DU35wLfI"
    "YZQpC6AhvErVfMjokgqwEiVPXyWh/CY2bI4UUT6r6Hv/zUhpbJUOLomOJuKwjvL+u01cg6"
    "mmComdbd+VaaaWN5HU+lDhV6zVAhIXt5nVP/mmIKGNhyeJxF/+K5UjUDeS+uGohrI2f8UB"
    "S3Gr5ft+Kvn204MpGVh2YfUMD6vJZALUlY3sqsgApXk9fC89ikdEK4jjA06TAP1zFgAWv2"
    "YTlLcCfPld53lGMBnogaXAdCTwlDYpUQC5o4LaAnhIuQ/cCB62J7WuE3a9qrtloNxapXrU"
    "d0j+btVbXG2Zfc80yIKSpJQLgwfRp/EYRhgiY427YagRbQhl4wz0mOsM9YTMGSc8vixRMo"
    "regJ9SBZkqIvooxCE2Q4Y4uYvVXwdCtLKipbIzh6gDYdovGSXF35BRWVKhFRMhbue4SfEJ"
    "N0LMlZyx6YGP0tc9X9QnfPfZSJPipdDJq6Baibxo3w29B+QnCyJHn1aTlFaqrrtL26A2aC"
    "8dUfSdOtryPYQ6bx5GfMsAZ1bJMH2AMSI5aAUsYVtwHcB20yoQD+QJQBwnVF0Cc26CNLRp"
    "6ZDIi5oFhgyuGcwqQVqSssWZuCd9QUzBCzctmBfUABTQvlTE748gwnfDnuhPdaVV6zWQRW"
    "OMPZ8WGWwBKeK5VreU/lWnRSeR0bYUzhwh3Kx8eZzJPHM8yTx7GwEoIZf16Ss31GWEkYVM"
    "C+Y/VxUoIxoSZLlnIyHcYVkOzDTB314YyO+jCho0Z/Q+PhmcEkhXqGQqLidDhPTt0kZBN2"
    "bDlXMdzlFAliuLSImSKFJHBEFn2B3kFpzCD2onVbbdTAdbt2Xr+pt5qqvVfeVC3x7VqlEa"
    "F9gnoswcuUWt/9/EWq6uXDDx8/nB6dfPBruJ8yq2LHK/EQosEwIbI1lc4AoPlM4LPLJ9Hd"
    "fMOfByjguLd6JcMmgbEsY4UNQzZXZQ92pL7SoVk+Psk10/MRBayxa4i3li6YxRbtq1DtOd"
    "52z3FY7iRk5M8db58ALtJou2FF3W9HD8/5Vz7EsFoQK1sAEXCbMHfS6yDUdRCxiqgsh2jz"
    "/qpdP++UUjuhFVDcihRXUKoTet/Fl56EXGivEdixiy7jsU1GY2b0SYLFNg9Tnx1IC+ZZX7"
    "uj2KtYae7ioN5lchp7NT6r79gy7QGUrlsgIi6A/PjBkAFGpt5e4fgdmzajYuMS6ozEQ2UC"
    "eHiW/5M8xysrV+9vsgkr4RL7m2j/8Lr9w7vjs9wcz+vyWmp3mnanFXpyqK4ispmxqBQSwF"
    "oUy4lCrrvOYWdXQUVif3XGdh1btbHYqilp7gwk0e43n3EFXMiRtJzF4SGyzRhLyzGnB2Um"
    "cxK6cMF4DTujmL0pwv4UvcEAt+ta86Le/DXndGcKOwPexR0+b11dN2odmRhc++m1Cz+5dn"
    "GHK9VWW6Z5F3f4slJviAT3f3Q2m0mqJ1lkGvWNhCR6ElP63XOIDOGszqX4R3B6v7EMcXQ7"
    "tUWnPl5kJd7CPsKIDheSegSqN2/c5s0bp010AU9kDFokFXvDExztnN8aUbh+grwyCKMWIn"
    "/L+rit8McHPYx2x8/zEcd642QPsXbGb8wZH+tUVsBx1s0mtqw3ycptuBdVSOUvAJq3jcZr"
    "ne0R2pAhwROtbteQ7ojmVccYqXlXunvk11iTlrtUfou4hL/6O70q2fXBtNu5xNgmaR7k+Z"
    "arKXabTYWl1u/NWvsMyH93uF07b9/WOyLFv7zDtS+Vxm2l0+Kp/uV2mKJ2yzyio6lXYx/R"
    "E7atmbDpDeS3Zb6mJxQbm1Dovfozxagvvlf/OmcTSsVOmE9EK/7sGUW01ekd6d/eHCFvAG"
    "SRgx/XEWSqlfx09oul5MfUmyxravQ+snof2RWypfeRzUzV6++BuqO06c1PX2VNW0o1mzMJ"
    "UCvk7OkAUvPOX+WGAZlwwf2LggAqFqKJIwL2xGozeQKJe/g3sWDCera8JYjzwYXGAEwgDt"
    "oApC8O+/aPFJdL4GDvLJzIKLR4Ltt84t8sypang8vHQQgIn+S6J4QT+5HKn/y5sM+LAff3"
    "wZnB9/cZV83FPSnBMSzaT7KdcyB9ftFbOb+o+Exrn99W+/zkoJT7dCkVVbhVM6vfqkpbXd"
    "KpL5bVRRllfHUtr9RVZAGlviNSzhR57p8Ak1/OEaheYbATcl5giUEcq2OrFw2TcOfKC4kh"
    "BtVS0As9dlIUOnhlG4JXgv5kBURnDGHZst4nK7+xrjclLD5lxNX8zuE3rmFs1bqDwL+S4C"
    "FQnC/pTgHf1xMceZfJM7BMmFDcfq7OyDnVHJGwXmHcy5DL3yNNZNDW+K20xuuN79YdkxR+"
    "sxjPHfgj7aAXFVaAI7tmzZZrf3SUifKU0XdXlT/eK5PlRqv56zR7SALnjVZ19zeTuWhXLj"
    "s5+XdBZ0D+u8Ot61rzDIi/d5iTciP3jZH/77DgtP5F7hrjXW2Hnd7EdAJt/sVmz0I4oTua"
    "Y2eKw7WtaZttTX1kU2Z4Yltk55IYXMt7m+WtHUTpXWtxHUTqJCGP1FWklvq2SD2hsSef20"
    "7yr/RTcdpeqk3XuykKbbreBtO115tszq66q+yq3W7K0UBZ1tZ89w5NWTJSPcfZK7tC+VoD"
    "1X2+EgzPYS6z2J2/h/Ov1+ysmLi5BoL01javrkKkG4l9AcVkkL6rewhSJA1iZXu6M/gjYV"
    "6Ubg+e5i+E2X3TpmA2RPjREJPF9EPXU6tyMlhX6oRK7dnkFiQ6Bb05pg/Lu3L8sg2Z+Zh0"
    "2EkquSHEBgndETq1gTKd6t00VWUxUIYiLnJHWqrIIg0Gr7KPs3d052LbOStgHfO6ImuVMk"
    "Vb0ohSxPXne7EQQLVPyLjbsFd7V0Dym9h0WGnrWxUD+NmB9nPV6Q0gKyUbY/zbe7PsMd9F"
    "RuMhyJnhAFx39f2D032EDIyhDbqmZfF/7+7vxd5qZz+j3i/393vg/j5Y+e8lAmLzZD5o8l"
    "ziL6SUp75POg53DU8RWwzc38uCKc+FKJgMTQYmJgUW7DPAr3nhvjvw/v4/crcB7x1s2EeW"
    "Re+wOLwSYYc41HoGfV5FRC4MCN4DzlhsQ4AY5W87NruIPe+DT3DMxMG9164+cfO5AajYqs"
    "Bkd5hgUbwgHwwJlzswuzahFMAnLha5cQH/YrGHwZCD90EF2GTCX5pQ/62GJn8j99VgT3yS"
    "eGPKawPgX4WJAOyJ5/HSxTV/gg3B2HYw7C17WHDONd9FPRjuNEsY32l6FN+pF8Q3I2xS1t"
    "iETtsiZpoZwYdE+O4LzO4OjEkcX7Ruq40auG7Xzus39VZTVf3lTZHEE9DU11BpRPeL1eED"
    "byE2iHeUfPBI0vsJsaCJ06wZPioi3wcOW5dI/ZTNyrTaajUUcVbrUZvn7VW11n53+F5tVS"
    "k6/uvoRxVoo+4wSTXy7szUiswgz9bsm/pWvE9LmtnSR1GuUtFEt1K6yhKCFMITsoET4UWj"
    "ysGwl72A7K7l/Hcx9YBJB17/96bVTLEZB5CocoK6DPwPWIgWTCEUZMz26kUdeBFVQxRQfe"
    "3B7OX/vEPg3g=="
)
