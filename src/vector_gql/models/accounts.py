"""Accounts: users, their sign-in sessions, refresh tokens and failed logins."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class User(Model):
    id = fields.BigIntField(primary_key=True)
    username = fields.CharField(max_length=150)
    # Lower-cased copies carry the uniqueness, so that "Ann" and "ann" are one name.
    username_key = fields.CharField(max_length=150, unique=True)
    email = fields.CharField(max_length=254)
    email_key = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=128)
    is_active = fields.BooleanField(default=True)
    date_joined = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account_user"


class Session(Model):
    """One sign-in: every access and refresh token issued from one login.

    Logging out, or presenting a refresh token a second time, revokes the
    session, and with it every token descended from that login.
    """

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: int
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=32, null=True)
    user_agent = fields.CharField(max_length=300, default="")
    client_ip = fields.CharField(max_length=64, default="")

    class Meta:
        table = "account_session"


class RefreshToken(Model):
    jti = fields.UUIDField(primary_key=True)
    session: fields.ForeignKeyRelation[Session] = fields.ForeignKeyField(
        "models.Session", related_name="refresh_tokens", on_delete=fields.CASCADE
    )
    session_id: uuid.UUID
    issued_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "account_refresh_token"


class LoginFailure(Model):
    """An attempt counted against a limit, kept in PostgreSQL so that the limits hold
    across every worker and host.

    ``scope`` says which: ``account`` (a failed login at the account ``key``, from
    ``address``: counted per account and address pair, and per account),
    ``client`` (a failed login from the address ``key``, whatever the account),
    ``signup`` (an account created from the address ``key``).
    """

    id = fields.BigIntField(primary_key=True)
    scope = fields.CharField(max_length=8)
    key = fields.CharField(max_length=254)
    address = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "account_login_failure"
        indexes = (("scope", "key", "created_at"), ("scope", "key", "address", "created_at"))
