"""VECTOR_SMTP_URL and VECTOR_MAIL_FROM: parsed at start-up, refused with a reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from vector_gql.config import ConfigError, Settings
from vector_gql.services.mail.addresses import parse_sender
from vector_gql.services.mail.smtp import SmtpConfig, SmtpUrlError

PRODUCTION = Settings(
    env="production",
    jwt_secret="p" * 40,
    database_url="postgres://u:p@db:5432/vector",
    storage_backend="s3",
    s3_bucket="videos",
)


def test_url_forms_and_defaults():
    plain = SmtpConfig.parse("smtp://mail.internal")
    assert (plain.host, plain.port, plain.security, plain.username) == (
        "mail.internal",
        25,
        "none",
        None,
    )
    starttls = SmtpConfig.parse("smtp+starttls://ann%40acme.example:s%3Acret@smtp.acme.example")
    assert (starttls.port, starttls.security) == (587, "starttls")
    assert (starttls.username, starttls.password) == ("ann@acme.example", "s:cret")
    tls = SmtpConfig.parse("smtps://u:p@smtp.acme.example:2465?timeout=5&cafile=/etc/ca.pem")
    assert (tls.port, tls.security, tls.timeout, tls.cafile) == (2465, "tls", 5.0, "/etc/ca.pem")
    assert "p@" not in tls.describe() and "smtp.acme.example:2465" in tls.describe()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://mail", "unknown scheme"),
        ("smtp://", "name the server"),
        ("smtp://mail:99999", "port"),
        ("smtp://mail?tls=yes", "unknown option"),
        ("smtp://mail?timeout=0", "timeout"),
        ("smtp://ann@mail", "password"),
    ],
)
def test_bad_urls_say_what_to_fix(url, says):
    with pytest.raises(SmtpUrlError, match=says):
        SmtpConfig.parse(url)


def test_settings_refuse_a_bad_url_at_start_up():
    with pytest.raises(ConfigError, match="VECTOR_SMTP_URL: unknown scheme"):
        replace(Settings(), smtp_url="mailto:x").validate()


def test_production_refuses_a_clear_text_password_to_another_host():
    settings = replace(
        PRODUCTION, smtp_url="smtp://u:p@smtp.acme.example", mail_from="Acme <hr@acme.example>"
    )
    with pytest.raises(ConfigError, match="unencrypted"):
        settings.validate()
    replace(settings, smtp_url="smtp+starttls://u:p@smtp.acme.example").validate()
    replace(settings, smtp_url="smtp://u:p@127.0.0.1:25").validate()  # a local relay


def test_production_with_smtp_needs_a_sender():
    with pytest.raises(ConfigError, match="VECTOR_MAIL_FROM"):
        replace(PRODUCTION, smtp_url="smtps://u:p@smtp.acme.example").validate()
    PRODUCTION.validate()  # no SMTP: mail is held in the outbox


def test_sender_forms():
    assert parse_sender("Acme Hiring <hr@acme.example>").name == "Acme Hiring"
    assert parse_sender("hr@acme.example").email == "hr@acme.example"
    for bad in ("Acme\r\nBcc: x@y.z <hr@acme.example>", "a@b.c, d@e.f", "nobody"):
        with pytest.raises(ValueError):
            parse_sender(bad)
