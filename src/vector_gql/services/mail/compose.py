"""Messages from templates, and the MIME message that goes over SMTP.

A message named ``invitation`` is three Jinja templates in ``templates/``:
``invitation.subject.txt`` (one line), ``invitation.txt`` (the plain-text
part) and ``invitation.html`` (the HTML part, which usually extends
``_layout.html``). HTML templates are autoescaped and the others are not; a
value the template does not receive is an error at render time, in the
request that sends the message, not a blank in someone's inbox.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from .addresses import MAX_SUBJECT, Recipient, one_line

# Lines end in CRLF on the wire; a header value with a line break in it raises.
# Headers are folded only past RFC 5322's hard limit of 998 characters: subjects
# and names are bounded well below it, and the standard library's folding of a
# long first word moves a whole subject onto a continuation line.
WIRE_POLICY = policy.SMTP.clone(raise_on_defect=True, max_line_length=998)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def template_environment(extra_dirs: Sequence[str | Path] = ()) -> Environment:
    """The package's mail templates, after any ``extra_dirs`` (searched first)."""
    loaders: list[Any] = [FileSystemLoader([str(d) for d in extra_dirs])] if extra_dirs else []
    loaders.append(PackageLoader("vector_gql.services.mail", "templates"))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        enable_async=False,
    )


def render(env: Environment, name: str, context: Mapping[str, Any]) -> Rendered:
    subject = env.get_template(f"{name}.subject.txt").render(context)
    text = env.get_template(f"{name}.txt").render(context)
    html = env.get_template(f"{name}.html").render(context)
    return Rendered(subject=one_line(subject, MAX_SUBJECT), text=text, html=html)


def new_message_id(sender: Recipient) -> str:
    """A Message-ID for a new message, in the sender's domain."""
    return make_msgid(domain=sender.email.rpartition("@")[2])


def mime_message(
    *,
    sender: Recipient,
    to: Recipient,
    subject: str,
    text: str,
    html: str,
    created_at: datetime,
    message_id: str | None = None,
) -> EmailMessage:
    """The message as it goes over SMTP: text and HTML alternatives, safe headers.

    ``message_id`` is the message's own Message-ID, the same on every attempt;
    without one, a new one is made.
    """
    message = EmailMessage(policy=WIRE_POLICY)
    message["From"] = sender.header()
    message["To"] = to.header()
    message["Subject"] = one_line(subject, MAX_SUBJECT)
    message["Date"] = format_datetime(created_at.astimezone(UTC))
    message["Message-ID"] = message_id or new_message_id(sender)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message
