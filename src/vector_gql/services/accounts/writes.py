"""Signing up and logging in, with the failed-login limits."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import TYPE_CHECKING

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ...config import Settings
from ...models.accounts import LoginFailure, Session, User
from ..auth import Principal, require_member
from ..clock import Clock
from ..errors import ErrorCode, Invalid, Problem
from ..events import EventBus
from ..validation import Collector, is_email
from .passwords import PasswordHasher, check_policy
from .rows import UserRow
from .rules import MAX_USERNAME, check_signup
from .sessions import ClientInfo, Sessions, SignedIn

if TYPE_CHECKING:
    from ..organizations import OrganizationService


class AccountWrites(Sessions):
    settings: Settings
    clock: Clock
    events: EventBus
    hasher: PasswordHasher
    organizations: OrganizationService

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
        errors = Collector()
        username, email = check_signup(
            errors, username=username, email=email, password=password, password2=password2
        )
        if not errors:
            if await User.filter(username_key=username.lower()).exists():
                errors.add(ErrorCode.TAKEN, "A user with that username already exists.", "username")
            if await User.filter(email_key=email.lower()).exists():
                errors.add(ErrorCode.TAKEN, "A user with that email already exists.", "email")
        invitation = None
        if invitation_token is not None and not errors:
            try:
                invitation = await self.organizations.find_invitation(
                    invitation_token, email, "invitation_token"
                )
            except Invalid as exc:
                errors.extend(exc.problems)
        errors.raise_if_any()

        # Each signup costs a password hash and makes an account: limited per address.
        await self._count_signup(client.ip[:64])
        password_hash = await self.hasher.hash(password)
        try:
            async with self.events.unit():
                user = await User.create(
                    username=username,
                    username_key=username.lower(),
                    email=email,
                    email_key=email.lower(),
                    password_hash=password_hash,
                    date_joined=self.clock.now(),
                )
                await self.organizations.provision(user, invitation)
                tokens = await self.start_session(user.id, client)
        except IntegrityError:
            # Someone took the name between the check and the insert.
            raise Invalid.one(
                ErrorCode.TAKEN, "A user with that username or email already exists.", "username"
            ) from None
        return SignedIn(UserRow.of(user), tokens)

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
        address = client.ip[:64]
        attempt = await self._begin_attempt(account_key, address, user)
        if user is None:
            await self.hasher.verify_dummy(password)
            ok = False
        else:
            ok = await self.hasher.verify(password, user.password_hash)
        if not ok or user is None or not user.is_active:
            # The account's attempt stays recorded as a failure; the address gets one too.
            if address:
                await LoginFailure.create(scope="client", key=address, created_at=self.clock.now())
            raise Invalid.one(
                ErrorCode.INVALID_CREDENTIALS,
                "Please enter a correct username and password. Note that both fields may be "
                "case-sensitive.",
            )
        # The owner is in: this address's failures at the account are forgiven (others'
        # stay counted against the account, so that its guesses stay bounded).
        await LoginFailure.filter(scope="account", key=attempt.key, address=address).delete()
        return SignedIn(UserRow.of(user), await self.start_session(user.id, client))

    async def _count_signup(self, address: str) -> None:
        """Refuse a new account past ``signup_max_per_address`` from one address in the
        window, and count this one (under a lock per address, so a burst counts whole).
        Every path that creates an account (the API, the original REST path, the
        signup page) comes through ``signup``, and so through this."""
        if not address:
            return
        window = self._signup_window()
        now = self.clock.now()
        async with in_transaction() as connection:
            await connection.execute_query(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [f"signup:{address}"]
            )
            recent = LoginFailure.filter(scope="signup", key=address, created_at__gte=now - window)
            if await recent.count() >= self.settings.signup_max_per_address:
                oldest = await recent.order_by("created_at").first()
                retry_at = (oldest.created_at if oldest else now) + window
                retry_after = max(1, math.ceil((retry_at - now).total_seconds()))
                raise Invalid(
                    Problem(
                        ErrorCode.RATE_LIMITED,
                        f"Too many new accounts from this address. Try again in {retry_after} "
                        "seconds.",
                        None,
                        {"retry_after_seconds": retry_after},
                    )
                )
            await LoginFailure.create(scope="signup", key=address, created_at=now)

    async def change_password(
        self,
        principal: Principal,
        *,
        current_password: str,
        new_password: str,
        new_password2: str,
        client: ClientInfo = ClientInfo(),
    ) -> UserRow:
        """Set a new password; every other login of the account ends at once.

        The current password is checked like a login (it counts against the same
        limits), so a stolen access token cannot be used to guess it.
        """
        member = require_member(principal)
        user = await User.get(id=member.user_id)
        address = client.ip[:64]
        errors = Collector()
        if not current_password:
            errors.add(ErrorCode.REQUIRED, "Enter your current password.", "current_password")
        if new_password != new_password2:
            errors.add(
                ErrorCode.PASSWORD_MISMATCH, "The two passwords do not match.", "new_password2"
            )
        for problem in check_policy(new_password, username=user.username, email=user.email):
            errors.add(problem.code, problem.message, "new_password")
        errors.raise_if_any()
        attempt = await self._begin_attempt(f"user:{user.id}", address, user)
        if not await self.hasher.verify(current_password, user.password_hash):
            raise Invalid.one(
                ErrorCode.INVALID_CREDENTIALS,
                "Your current password is not correct.",
                "current_password",
            )
        await LoginFailure.filter(scope="account", key=attempt.key, address=address).delete()
        password_hash = await self.hasher.hash(new_password)
        async with self.events.unit():
            user.password_hash = password_hash
            await user.save(update_fields=["password_hash"])
            await self.revoke_sessions(user.id, "password_changed", keep=member.session_id)
        return UserRow.of(user)

    async def logout_everywhere(self, principal: Principal) -> int:
        """End every login of the account, this one included; how many there were."""
        member = require_member(principal)
        return await self.revoke_sessions(member.user_id, "logout_everywhere")

    @staticmethod
    async def _find_login_user(identifier: str) -> User | None:
        """The account an identifier names: an email address, else a username."""
        if is_email(identifier):
            user = await User.filter(email_key=identifier).first()
            if user is not None:
                return user
        # A username may contain "@" too.
        if len(identifier) <= MAX_USERNAME:
            return await User.filter(username_key=identifier).first()
        return None

    async def _begin_attempt(
        self, account_key: str, address: str, user: User | None
    ) -> LoginFailure:
        """Refuse a login over a limit, and count it against the account up front.

        The limits, after OWASP's authentication guidance, keep guessing bounded
        without letting anyone lock the owner out:

        - per account and address pair: ``login_max_failures`` in the window, then
          that pair waits for the window; other addresses are not affected;
        - per account, from every address together: past
          ``login_account_free_failures`` in the window, each attempt waits a backoff
          that doubles with every further failure (from ``login_backoff_seconds``,
          at most the window), except from an address the account has signed in
          from before; so the guesses at one account stay bounded, by about the
          free failures plus log2(window / backoff) each window, however many
          addresses they come from;
        - per address, over every account: ``login_address_max_failures``.

        The account's attempt is written as a failure before the password is
        checked (and removed on success), under an advisory lock per account, so a
        burst of parallel guesses cannot all slip under the limits while their
        passwords are being hashed. The address's own failures count once known:
        many people behind one address who log in at the same moment are not
        refused for it.
        """
        settings = self.settings
        window = timedelta(seconds=settings.login_window_seconds)
        now = self.clock.now()
        since = now - window
        account_key = account_key[:254]
        async with in_transaction() as connection:
            await connection.execute_query(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                [f"login:account:{account_key}"],
            )
            account = LoginFailure.filter(scope="account", key=account_key, created_at__gte=since)
            pair = account.filter(address=address)
            if await pair.count() >= settings.login_max_failures:
                oldest = await pair.order_by("created_at").first()
                _refuse(((oldest.created_at if oldest else now) + window - now).total_seconds())
            if address:
                by_address = LoginFailure.filter(scope="client", key=address, created_at__gte=since)
                if await by_address.count() >= settings.login_address_max_failures:
                    oldest = await by_address.order_by("created_at").first()
                    _refuse(((oldest.created_at if oldest else now) + window - now).total_seconds())
            failures = await account.count()
            over = failures - settings.login_account_free_failures
            if over >= 0 and not await self._known_address(user, address):
                latest = await account.order_by("-created_at").first()
                wait = min(
                    settings.login_backoff_seconds * 2 ** min(over, 30), window.total_seconds()
                )
                retry_at = (latest.created_at if latest else now) + timedelta(seconds=wait)
                if retry_at > now:
                    _refuse((retry_at - now).total_seconds())
            attempt = await LoginFailure.create(
                scope="account", key=account_key, address=address, created_at=now
            )
            await LoginFailure.filter(
                created_at__lt=min(since, now - self._signup_window())
            ).delete()
        return attempt

    def _signup_window(self) -> timedelta:
        return timedelta(seconds=self.settings.signup_window_seconds)

    async def _known_address(self, user: User | None, address: str) -> bool:
        """The account has signed in from this address before (its owner, most likely)."""
        if user is None or not address:
            return False
        return await Session.filter(user_id=user.id, client_ip=address).exists()


def _refuse(seconds: float) -> None:
    retry_after = max(1, math.ceil(seconds))
    raise Invalid(
        Problem(
            ErrorCode.RATE_LIMITED,
            f"Too many failed logins. Try again in {retry_after} seconds.",
            None,
            {"retry_after_seconds": retry_after},
        )
    )
