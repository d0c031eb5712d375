"""Organization rules called on the service directly: owners under concurrency, signup."""

from __future__ import annotations

import asyncio

import pytest

from tests.fixtures.random_objects import (
    add_member,
    create_member,
    create_organization,
    create_user,
)
from vector_gql.models.accounts import User
from vector_gql.models.organizations import Membership, Organization, Role
from vector_gql.services.errors import Invalid


async def test_two_owners_demoting_each_other_at_once_leave_one_owner(
    services, organization, owner
):
    org = organization.id
    ann, bob = owner, await create_member(organization, Role.OWNER)
    results = await asyncio.gather(
        services.organizations.change_member_role(
            ann, organization_id=org, user_id=bob.user_id, role=Role.EVALUATOR
        ),
        services.organizations.change_member_role(
            bob, organization_id=org, user_id=ann.user_id, role=Role.EVALUATOR
        ),
        return_exceptions=True,
    )
    assert await Membership.filter(organization_id=org, role=Role.OWNER).count() == 1
    assert sum(isinstance(r, Exception) for r in results) == 1


async def test_two_owners_leaving_at_once_leave_one_owner(services, organization, owner):
    org = organization.id
    ann, bob = owner, await create_member(organization, Role.OWNER)
    await asyncio.gather(
        services.organizations.remove_member(ann, organization_id=org, user_id=ann.user_id),
        services.organizations.remove_member(bob, organization_id=org, user_id=bob.user_id),
        return_exceptions=True,
    )
    assert await Membership.filter(organization_id=org, role=Role.OWNER).count() == 1


async def test_an_invitation_cannot_be_used_twice_at_once(services, organization, owner):
    org = organization.id
    invited = await services.organizations.invite_member(
        owner, organization_id=org, email="bob@example.com", role=Role.RECRUITER
    )
    bob = await add_member(await create_organization(), await create_user(username="bob"))
    results = await asyncio.gather(
        services.organizations.accept_invitation(bob, token=invited.token),
        services.organizations.accept_invitation(bob, token=invited.token),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Invalid) for r in results) == 1
    assert await Membership.filter(organization_id=org).count() == 2


async def test_signup_with_a_bad_invitation_creates_no_user(services, database):
    with pytest.raises(Invalid) as caught:
        await services.accounts.signup(
            username="bob",
            email="bob@example.com",
            password="correct horse battery",
            password2="correct horse battery",
            invitation_token="made-up",
        )
    assert caught.value.problems[0].field == ("invitation_token",)
    assert await User.all().count() == 0
    assert await Organization.all().count() == 0
