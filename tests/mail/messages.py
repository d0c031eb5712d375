"""What the mail tests send: the "welcome" template's values, and messages made from them."""

from __future__ import annotations

from typing import Any

from vector_gql.services.mail import Mail, Recipient

CONTEXT = {"organization_name": "Acme", "name": "Ann", "url": "https://app.example/i/abc123"}


def welcome(n: int) -> Mail:
    return Mail(Recipient(f"c{n}@example.com", f"C {n}"), "welcome", CONTEXT)


async def send_welcome(services: Any) -> Any:
    """Queue the "welcome" message to Ann through ``services``; the outbox row it made."""
    return await services.mail.send(
        to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
    )
