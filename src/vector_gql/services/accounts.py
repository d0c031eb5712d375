"""Accounts: sign up, log in, refresh and revoke tokens, authenticate requests."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from ..config import Settings
from ..models.accounts import LoginFailure, RefreshToken, Session, User
from ..models.organizations import Membership
from .errors import Collector, ErrorCode, Invalid, Problem, Unauthenticated
from .ids import parse_pk
from .organizations import OrganizationService
from .passwords import PasswordHasher, check_policy
from .tokens import TokenCodec, TokenInvalid

USERNAME_RE = re.compile(r"^[\w.@+-]+\Z")
# Pragmatic: one @, no spaces, a dot in the domain; the mailbox is what proves it.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+\Z")
MAX_USERNAME = 150
MAX_EMAIL = 254


@dataclass(frozen=True)
class ClientInfo:
    """Who is asking, for rate limits and the session record."""

    ip: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


@dataclass(frozen=True)
class SignedIn:
    user: User
    tokens: TokenPair


@dataclass(frozen=True)
class Viewer:
    user: User
    session_id: uuid.UUID


def now() -> datetime:
    return datetime.now(UTC)


class AccountService:
    def __init__(
        self, settings: Settings, organizations: OrganizationService | None = None
    ) -> None:
        self.settings = settings
        self.organizations = organizations or OrganizationService(settings)
        self.hasher = PasswordHasher(settings.bcrypt_rounds)
        self.tokens = TokenCodec(settings)

    # --- sign up -------------------------------------------------------------

    async def signup(
        self,
        *,
        username: str,
        email: str,
        password: str,
        password2: str,
        invitation_token: str | None = None,
        client: ClientInfo = ClientInfo(),
    ) -> SignedIn:
        """A new account, signed in, with its first organization.

        With an invitation token the user joins the inviting organization in
        the invited role; without one they get an organization of their own.
        """
        username = username.strip()
        email = email.strip()
        errors = Collector()
        if not username:
            errors.add(ErrorCode.REQUIRED, "Enter a username.", "username")
        elif len(username) > MAX_USERNAME:
            errors.add(
                ErrorCode.TOO_LONG,
                f"Use at most {MAX_USERNAME} characters for the username.",
                "username",
            )
        elif not USERNAME_RE.match(username):
            errors.add(
                ErrorCode.INVALID_FORMAT,
                "Enter a valid username. It may contain only letters, digits "
                "and the characters @ . + - _",
                "username",
            )
        if not email:
            errors.add(ErrorCode.REQUIRED, "Enter an email address.", "email")
        elif len(email) > MAX_EMAIL or not EMAIL_RE.match(email):
            errors.add(ErrorCode.INVALID_FORMAT, "Enter a valid email address.", "email")
        if password != password2:
            errors.add(ErrorCode.PASSWORD_MISMATCH, "The two passwords do not match.", "password2")
        errors.problems.extend(check_policy(password, username=username, email=email))
        if not errors:
            taken = await User.filter(username_key=username.lower()).exists()
            if taken:
                errors.add(ErrorCode.TAKEN, "A user with that username already exists.", "username")
            if await User.filter(email_key=email.lower()).exists():
                errors.add(ErrorCode.TAKEN, "A user with that email already exists.", "email")
        invitation = None
        if invitation_token is not None and not errors:
            try:
                invitation = await self.organizations.find_invitation(
                    invitation_token, email, "invitationToken"
                )
            except Invalid as exc:
                errors.problems.extend(exc.problems)
        errors.raise_if_any()

        password_hash = await self.hasher.hash(password)
        try:
            async with in_transaction():
                user = await User.create(
                    username=username,
                    username_key=username.lower(),
                    email=email,
                    email_key=email.lower(),
                    password_hash=password_hash,
                )
                await self.organizations.provision(user, invitation)
                tokens = await self._start_session(user, client)
        except IntegrityError:
            # Someone took the name between the check and the insert.
            raise Invalid.one(
                ErrorCode.TAKEN, "A user with that username or email already exists.", "username"
            ) from None
        return SignedIn(user, tokens)

    # --- log in ------------------------------------------------------------

    async def login(
        self, *, username: str, password: str, client: ClientInfo = ClientInfo()
    ) -> SignedIn:
        identifier = username.strip().lower()
        if not identifier or not password:
            errors = Collector()
            if not identifier:
                errors.add(ErrorCode.REQUIRED, "Enter your username or email.", "username")
            if not password:
                errors.add(ErrorCode.REQUIRED, "Enter your password.", "password")
            errors.raise_if_any()
        user = await self._find_login_user(identifier)
        # One bucket per account, whichever name it was typed as.
        account_key = f"user:{user.id}" if user else f"name:{identifier[:200]}"
        await self._begin_attempt(account_key, client.ip)
        if user is None:
            await self.hasher.verify_dummy(password)
            ok = False
        else:
            ok = await self.hasher.verify(password, user.password_hash)
        if not ok or user is None or not user.is_active:
            # The account's attempt stays recorded as a failure; the address gets one too.
            if client.ip:
                await LoginFailure.create(scope="client", key=client.ip[:254])
            raise Invalid.one(
                ErrorCode.INVALID_CREDENTIALS,
                "Please enter a correct username and password. Note that both fields may be "
                "case-sensitive.",
            )
        await LoginFailure.filter(scope="account", key=account_key).delete()
        return SignedIn(user, await self._start_session(user, client))

    @staticmethod
    async def _find_login_user(identifier: str) -> User | None:
        """The account an identifier names: an email address, else a username."""
        if EMAIL_RE.match(identifier) and len(identifier) <= MAX_EMAIL:
            user = await User.filter(email_key=identifier).first()
            if user is not None:
                return user
        # A username may contain "@" too.
        if len(identifier) <= MAX_USERNAME:
            return await User.filter(username_key=identifier).first()
        return None

    async def _begin_attempt(self, account_key: str, ip: str) -> None:
        """Refuse a login over either limit, and count it against the account up front.

        The account's attempt is written as a failure before the password is
        checked (and removed on success), under an advisory lock per key, so a
        burst of parallel guesses at one account cannot all slip under the
        limit while their passwords are being hashed. The client address
        counts failures once known: many people behind one address who log in
        at the same moment are not refused for it.
        """
        window = timedelta(seconds=self.settings.login_window_seconds)
        since = now() - window
        keys = [("account", account_key[:254])]
        if ip:
            keys.append(("client", ip[:254]))
        async with in_transaction() as connection:
            for scope, key in sorted(keys):
                await connection.execute_query(
                    "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                    [f"login:{scope}:{key}"],
                )
            for scope, key in keys:
                recent = LoginFailure.filter(scope=scope, key=key, created_at__gte=since)
                if await recent.count() >= self.settings.login_max_failures:
                    oldest = await recent.order_by("created_at").first()
                    retry_at = (oldest.created_at if oldest else now()) + window
                    retry_after = max(1, math.ceil((retry_at - now()).total_seconds()))
                    raise Invalid(
                        Problem(
                            ErrorCode.RATE_LIMITED,
                            f"Too many failed logins. Try again in {retry_after} seconds.",
                            None,
                            {"retry_after_seconds": retry_after},
                        )
                    )
            await LoginFailure.create(scope="account", key=keys[0][1])
            await LoginFailure.filter(created_at__lt=since).delete()

    # --- sessions and tokens ----------------------------------------------

    async def _start_session(self, user: User, client: ClientInfo) -> TokenPair:
        issued = now()
        session = await Session.create(
            id=uuid.uuid4(),
            user=user,
            expires_at=issued + timedelta(seconds=self.settings.refresh_token_seconds),
            user_agent=client.user_agent[:300],
            client_ip=client.ip[:64],
        )
        return await self._issue(user.id, session.id, issued)

    async def _issue(self, user_id: int, session_id: uuid.UUID, issued: datetime) -> TokenPair:
        access, _ = self.tokens.encode("access", user_id=user_id, session_id=session_id, now=issued)
        refresh, claims = self.tokens.encode(
            "refresh", user_id=user_id, session_id=session_id, now=issued
        )
        await RefreshToken.create(
            jti=claims.jti,
            session_id=session_id,
            issued_at=claims.issued_at,
            expires_at=claims.expires_at,
        )
        return TokenPair(access, refresh)

    async def refresh(self, refresh_token: str) -> SignedIn:
        """Exchange a refresh token for a new pair; a token works once.

        Presenting a used token again means it was copied: the whole session
        (every token descended from that login) is revoked.
        """
        claims = self._decode_or_invalid(refresh_token, "refresh")
        reused = False
        async with in_transaction():
            token = (
                await RefreshToken.filter(jti=claims.jti)
                .select_for_update(of=("account_refresh_token",))
                .select_related("session__user")
                .first()
            )
            if token is None or token.session_id != claims.session_id:
                raise _invalid_token("The refresh token is not recognised.")
            session = token.session
            if session.revoked_at is not None:
                raise _invalid_token("The refresh token has been revoked. Log in again.")
            if session.expires_at <= now():
                raise _invalid_token("This login has expired. Log in again.")
            if token.used_at is not None:
                await self._revoke_for_reuse(session.id)
                reused = True
            elif not session.user.is_active:
                raise _invalid_token("The account is disabled.")
            else:
                token.used_at = now()
                await token.save(update_fields=["used_at"])
                pair = await self._issue(session.user_id, session.id, token.used_at)
                # A login in use stays alive as long as its newest refresh token.
                await Session.filter(id=session.id).update(
                    expires_at=token.used_at
                    + timedelta(seconds=self.settings.refresh_token_seconds)
                )
        if reused:
            raise Invalid.one(
                ErrorCode.TOKEN_REUSED,
                "This refresh token was already used. Every token from this login has been "
                "revoked; log in again.",
                "refreshToken",
            )
        return SignedIn(session.user, pair)

    async def access_from_refresh(self, refresh_token: str) -> str:
        """A new access token for a refresh token, which stays valid.

        The original app's refresh endpoint worked this way (no rotation), and
        its clients keep sending the same refresh token; the token is still
        bounded by its expiry, by logout and by reuse detection elsewhere.
        """
        claims = self._decode_or_invalid(refresh_token, "refresh")
        token = (
            await RefreshToken.filter(jti=claims.jti, session_id=claims.session_id)
            .select_related("session__user")
            .first()
        )
        if token is None:
            raise _invalid_token("The refresh token is not valid.")
        session = token.session
        if token.used_at is not None and session.revoked_at is None:
            # Rotated away through refreshToken, yet presented again: copied.
            await self._revoke_for_reuse(session.id)
            raise _invalid_token("The refresh token is not valid.")
        if (
            session.revoked_at is not None
            or session.expires_at <= now()
            or not session.user.is_active
        ):
            raise _invalid_token("The refresh token is not valid.")
        access, _ = self.tokens.encode(
            "access", user_id=claims.user_id, session_id=claims.session_id
        )
        return access

    @staticmethod
    async def _revoke_for_reuse(session_id: uuid.UUID) -> None:
        await Session.filter(id=session_id, revoked_at__isnull=True).update(
            revoked_at=now(), revoked_reason="reuse"
        )

    async def logout(self, refresh_token: str) -> None:
        claims = self._decode_or_invalid(refresh_token, "refresh", allow_expired=True)
        updated = await Session.filter(
            id=claims.session_id, user_id=claims.user_id, revoked_at__isnull=True
        ).update(revoked_at=now(), revoked_reason="logout")
        if not updated and not await Session.filter(id=claims.session_id).exists():
            raise _invalid_token("The refresh token is not recognised.")

    def _decode_or_invalid(self, token: str, expected, *, allow_expired: bool = False):
        try:
            return self.tokens.decode(token, expected=expected)
        except TokenInvalid as exc:
            if allow_expired and exc.expired:
                return self.tokens.decode(token, expected=expected, verify_exp=False)
            raise _invalid_token(str(exc)) from None

    # --- authenticating requests ----------------------------------------------

    async def authenticate(self, access_token: str) -> Viewer:
        """The viewer an access token speaks for, or Unauthenticated."""
        try:
            claims = self.tokens.decode(access_token, expected="access")
        except TokenInvalid as exc:
            raise Unauthenticated(str(exc)) from None
        session = (
            await Session.filter(
                id=claims.session_id,
                user_id=claims.user_id,
                revoked_at__isnull=True,
                expires_at__gt=now(),
                user__is_active=True,
            )
            .select_related("user")
            .first()
        )
        if session is None:
            raise Unauthenticated("The token has been revoked. Log in again.")
        return Viewer(session.user, session.id)

    async def visible_users(self, viewer: Viewer, ids: list[str]) -> dict[str, User]:
        """The users among ``ids`` that the viewer may see: themself and co-members."""
        own = str(viewer.user.id)
        wanted = {pk for i in ids if i != own and (pk := parse_pk(i)) is not None}
        found = {own: viewer.user} if own in ids else {}
        if wanted:
            shared = Subquery(Membership.filter(user_id=viewer.user.id).values("organization_id"))
            rows = await User.filter(
                id__in=wanted, memberships__organization_id__in=shared
            ).distinct()
            found.update({str(u.id): u for u in rows})
        return found

    async def users_by_id(self, ids: list[int]) -> dict[int, User]:
        """No visibility check: for objects whose own visibility implies it."""
        return {u.id: u for u in await User.filter(id__in=ids)}

    def close(self) -> None:
        self.hasher.close()


def _invalid_token(message: str) -> Invalid:
    return Invalid.one(ErrorCode.INVALID_TOKEN, message, "refreshToken")
