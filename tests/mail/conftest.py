"""Fixtures of the mail tests: a real SMTP server (aiosmtpd) and an organization."""

from __future__ import annotations

import pytest

from tests.fixtures.smtp import LocalSmtp
from vector_gql.models.organizations import Organization


@pytest.fixture
async def smtp_server():
    server = await LocalSmtp().start()
    yield server
    await server.stop()


@pytest.fixture
async def org(database):
    return await Organization.create(name="Acme")
