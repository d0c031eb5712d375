"""The interviews connection: keyset cursors, page sizes, filters, order, bad arguments."""

from __future__ import annotations

import base64
import json

import pytest
from tortoise import connections

from tests.fixtures.graphql import signup
from tests.fixtures.teams import create_interview, member, own_org
from vector_gql.models.interviews import Interview, Question

PAGE = """
query Page($org: ID, $first: Int, $after: String, $last: Int, $before: String,
           $filter: InterviewFilterInput, $orderBy: InterviewOrder) {
  interviews(organizationId: $org, first: $first, after: $after, last: $last,
             before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def pk(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().split(":")[1])


async def seed(org_pk: int, creator_pk: int, count: int) -> None:
    """Many interviews fast, with many equal creation times to test the tie-breaker."""
    await Interview.bulk_create(
        [
            Interview(
                organization_id=org_pk,
                creator_id=creator_pk,
                title=f"Interview {i % 97:03d}",
                description="",
            )
            for i in range(count)
        ]
    )
    await connections.get("default").execute_script(
        "UPDATE interview_interview SET created_at = now() - (id % 37) * interval '1 second'"
    )


@pytest.fixture
async def seeded(gql):
    user = await signup(gql, "olivia")
    token = user["accessToken"]
    org = await own_org(gql, token)
    await seed(pk(org), pk(user["user"]["id"]), 1000)
    return token, org


async def _expected(*order: str) -> list[int]:
    return [i.id for i in await Interview.all().order_by(*order)]


async def test_forwards_then_backwards_visits_each_once_in_order_despite_inserts(gql, seeded):
    token, org = seeded
    expected = await _expected("-created_at", "-id")
    seen: list[int] = []
    after = None
    pages = 0
    while True:
        body = await gql(PAGE, {"first": 100, "after": after}, token=token)
        connection = body["data"]["interviews"]
        seen += [pk(e["node"]["id"]) for e in connection["edges"]]
        pages += 1
        # A newer interview lands before the current page; the next page must not shift.
        await create_interview(gql, token, org, title=f"Inserted {pages}")
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert pages == 10
    assert seen == expected

    seen_back: list[int] = []
    before = None
    while True:
        body = await gql(PAGE, {"last": 100, "before": before}, token=token)
        connection = body["data"]["interviews"]
        seen_back = [pk(e["node"]["id"]) for e in connection["edges"]] + seen_back
        await create_interview(gql, token, org, title="Inserted going back")
        if not connection["pageInfo"]["hasPreviousPage"]:
            break
        before = connection["pageInfo"]["startCursor"]
    originals = [i for i in seen_back if i in set(expected)]
    assert originals == expected
    assert len(seen_back) == len(set(seen_back))


async def test_title_order_with_inserts_before_the_page(gql, seeded):
    token, org = seeded
    expected = await _expected("title", "id")
    order = {"field": "TITLE", "direction": "ASC"}
    seen: list[int] = []
    after = None
    while True:
        body = await gql(PAGE, {"first": 64, "after": after, "orderBy": order}, token=token)
        connection = body["data"]["interviews"]
        seen += [pk(e["node"]["id"]) for e in connection["edges"]]
        await create_interview(gql, token, org, title="AAA sorts first")
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert seen == expected


async def test_page_size_defaults_to_20_and_counts_all(gql, seeded):
    token, org = seeded
    body = await gql(PAGE, {"org": org}, token=token)
    connection = body["data"]["interviews"]
    assert len(connection["edges"]) == 20
    assert connection["totalCount"] == 1000
    assert connection["pageInfo"]["hasNextPage"] is True
    assert connection["pageInfo"]["hasPreviousPage"] is False
    body = await gql(PAGE, {"first": 100}, token=token)
    assert len(body["data"]["interviews"]["edges"]) == 100


WITHOUT_EDGE_CURSORS = """
query Page($first: Int, $after: String) {
  interviews(first: $first, after: $after) {
    edges { node { id } }
    pageInfo { startCursor endCursor }
  }
}
"""
EDGE_CURSORS_IN_A_FRAGMENT = """
query Page($first: Int, $after: String) {
  interviews(first: $first, after: $after) {
    edges { ...At node { id } }
    pageInfo { startCursor endCursor }
  }
}
fragment At on InterviewEdge { cursor }
"""


async def test_page_cursors_are_the_same_whether_or_not_edges_ask_for_theirs(gql, seeded):
    token, _ = seeded
    full = (await gql(PAGE, {"first": 7}, token=token))["data"]["interviews"]
    bare = (await gql(WITHOUT_EDGE_CURSORS, {"first": 7}, token=token))["data"]["interviews"]
    assert bare["pageInfo"]["startCursor"] == full["edges"][0]["cursor"]
    assert bare["pageInfo"]["endCursor"] == full["edges"][-1]["cursor"]
    assert [e["node"]["id"] for e in bare["edges"]] == [e["node"]["id"] for e in full["edges"]]
    # Asked for through a fragment: every edge has its own cursor, paging on from it.
    spread = await gql(EDGE_CURSORS_IN_A_FRAGMENT, {"first": 7}, token=token)
    edges = spread["data"]["interviews"]["edges"]
    assert [e["cursor"] for e in edges] == [e["cursor"] for e in full["edges"]]
    assert len(set(e["cursor"] for e in edges)) == 7
    after = (await gql(PAGE, {"first": 1, "after": edges[2]["cursor"]}, token=token))["data"]
    assert after["interviews"]["edges"][0]["node"]["id"] == full["edges"][3]["node"]["id"]


async def test_updated_at_order(gql):
    user = await signup(gql, "olivia")
    token = user["accessToken"]
    org = await own_org(gql, token)
    ids = [(await create_interview(gql, token, org, title=t))["interview"]["id"] for t in "abc"]
    await gql(
        "mutation($i: UpdateInterviewInput!) { updateInterview(input: $i) { errors { code } } }",
        {"i": {"interviewId": ids[0], "description": "touched"}},
        token=token,
    )
    body = await gql(PAGE, {"orderBy": {"field": "UPDATED_AT", "direction": "DESC"}}, token=token)
    assert [e["node"]["id"] for e in body["data"]["interviews"]["edges"]] == [
        ids[0],
        ids[2],
        ids[1],
    ]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 0}, "first must be between 1 and 100; got 0."),
        ({"first": 1000}, "first must be between 1 and 100; got 1000."),
        ({"last": 101}, "last must be between 1 and 100; got 101."),
        ({"first": -5}, "first must be between 1 and 100; got -5."),
        (
            {"first": 5, "last": 5},
            "Use either first (to page forwards) or last (to page backwards), not both.",
        ),
        (
            {"after": "garbage!"},
            "The after cursor is not valid. Use a cursor from a previous page, unchanged.",
        ),
        (
            {"before": base64.urlsafe_b64encode(b'["created_at", 5, 1]').decode()},
            "The before cursor is not valid. Use a cursor from a previous page, unchanged.",
        ),
        (
            {"after": base64.urlsafe_b64encode(b'["created_at", "x", "1"]').decode()},
            "The after cursor is not valid. Use a cursor from a previous page, unchanged.",
        ),
        (
            {"org": "VXNlcjox"},
            "This is not the ID of an Organization.",
        ),
        (
            {"org": "T3JnYW5pemF0aW9uOjk5OTk5"},
            "There is no organization with this ID.",
        ),
        (
            {"filter": {"search": "x" * 201}},
            "Search for at most 200 characters.",
        ),
    ],
)
async def test_bad_arguments_say_what_to_fix(gql, variables, message):
    user = await signup(gql, "olivia")
    body = await gql(PAGE, variables, token=user["accessToken"], expect_errors=True)
    assert body["data"] is None
    assert body["errors"][0]["message"] == message
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_cursor_of_another_order_is_refused(gql):
    user = await signup(gql, "olivia")
    token = user["accessToken"]
    org = await own_org(gql, token)
    await create_interview(gql, token, org)
    body = await gql(PAGE, {"first": 1}, token=token)
    cursor = body["data"]["interviews"]["edges"][0]["cursor"]
    assert json.loads(base64.urlsafe_b64decode(cursor + "=="))[0] == "created_at"
    body = await gql(
        PAGE,
        {"after": cursor, "orderBy": {"field": "TITLE", "direction": "ASC"}},
        token=token,
        expect_errors=True,
    )
    assert "made for another order" in body["errors"][0]["message"]


async def test_filter_by_status_and_search_ignoring_case(gql):
    user = await signup(gql, "olivia")
    token = user["accessToken"]
    org = await own_org(gql, token)
    a = (await create_interview(gql, token, org, title="Senior PYTHON dev"))["interview"]
    b = (await create_interview(gql, token, org, title="Go", description="some python too"))[
        "interview"
    ]
    await create_interview(gql, token, org, title="Rust", description="100% systems_work")
    await gql(
        "mutation($i: SetInterviewStatusInput!) {"
        " setInterviewStatus(input: $i) { errors { code } } }",
        {"i": {"interviewId": b["id"], "status": "OPEN"}},
        token=token,
    )

    async def titles(filter_):
        body = await gql(PAGE, {"filter": filter_}, token=token)
        connection = body["data"]["interviews"]
        assert connection["totalCount"] == len(connection["edges"])
        return sorted(e["node"]["title"] for e in connection["edges"])

    assert await titles({"search": "Python"}) == ["Go", "Senior PYTHON dev"]
    assert await titles({"search": "python", "status": "OPEN"}) == ["Go"]
    assert await titles({"status": ["DRAFT"]}) == ["Rust", "Senior PYTHON dev"]
    assert await titles({"status": ["DRAFT", "OPEN"], "search": "  "}) == [
        "Go",
        "Rust",
        "Senior PYTHON dev",
    ]
    # LIKE wildcards in the search are plain characters.
    assert await titles({"search": "%"}) == ["Rust"]
    assert await titles({"search": "s_w"}) == ["Rust"]
    assert await titles({"search": "0%"}) == ["Rust"]
    assert a["id"]


async def test_listing_without_organization_spans_the_viewers_organizations_only(gql):
    ann = await signup(gql, "ann")
    bob = await signup(gql, "bob")
    ann_org = await own_org(gql, ann["accessToken"])
    bob_org = await own_org(gql, bob["accessToken"])
    await create_interview(gql, ann["accessToken"], ann_org, title="Ann's")
    await create_interview(gql, bob["accessToken"], bob_org, title="Bob's")
    body = await gql(PAGE, {}, token=ann["accessToken"])
    assert [e["node"]["title"] for e in body["data"]["interviews"]["edges"]] == ["Ann's"]
    assert body["data"]["interviews"]["totalCount"] == 1
    assert await Question.all().count() == 6


async def test_total_count_is_the_whole_lists_on_every_page_even_past_its_end(gql, seeded):
    token, org = seeded
    first = (await gql(PAGE, {"first": 30}, token=token))["data"]["interviews"]
    assert first["totalCount"] == 1000
    end = first["pageInfo"]["endCursor"]
    middle = (await gql(PAGE, {"first": 30, "after": end}, token=token))["data"]["interviews"]
    assert middle["totalCount"] == 1000 and len(middle["edges"]) == 30
    back = (await gql(PAGE, {"last": 10, "before": end}, token=token))["data"]["interviews"]
    assert back["totalCount"] == 1000
    assert [e["cursor"] for e in back["edges"]] == [e["cursor"] for e in first["edges"][19:29]]
    oldest = (await gql(PAGE, {"last": 1}, token=token))["data"]["interviews"]
    past = await gql(PAGE, {"after": oldest["pageInfo"]["endCursor"]}, token=token)
    # No row to count with: the total still comes, counted on its own.
    assert past["data"]["interviews"]["edges"] == []
    assert past["data"]["interviews"]["totalCount"] == 1000
    none_open = {"org": org, "first": 5, "filter": {"status": ["OPEN"]}}
    filtered = await gql(PAGE, none_open, token=token)
    assert filtered["data"]["interviews"] == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
    }


WITH_RELATIONS = """
query Page($first: Int, $after: String, $last: Int, $before: String) {
  interviews(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { node { id title creator { id username } questions { id position text } } }
  }
}
"""
NODE_WITH_RELATIONS = """
query Node($id: ID!) {
  node(id: $id) {
    id ... on Interview { title creator { id username } questions { id position text } }
  }
}
"""


async def test_a_pages_questions_and_creators_are_those_each_interview_has(gql):
    """Read with the page, they are what each interview's own fields answer: none, or all
    in position order after a reorder, and each interview's own creator."""
    ann = await signup(gql, "ann")
    org = await own_org(gql, ann["accessToken"])
    rick = await member(gql, ann["accessToken"], org, "rick", "RECRUITER")
    ids = []
    for i, token in enumerate([ann["accessToken"], rick["accessToken"]] * 3):
        made = await create_interview(gql, token, org, title=f"I{i}")
        ids.append(made["interview"]["id"])
    await seed(pk(org), pk(ann["user"]["id"]), 2)  # without questions
    reordered = (await gql(NODE_WITH_RELATIONS, {"id": ids[2]}, token=ann["accessToken"]))["data"]
    new_order = [q["id"] for q in reversed(reordered["node"]["questions"])]
    body = await gql(
        """mutation($i: ReorderQuestionsInput!) {
          reorderQuestions(input: $i) { errors { code } } }""",
        {"i": {"interviewId": ids[2], "questionIds": new_order}},
        token=ann["accessToken"],
    )
    assert body["data"]["reorderQuestions"]["errors"] == []
    for token in (ann["accessToken"], rick["accessToken"]):
        for variables in ({"first": 8}, {"first": 3}, {"last": 5}):
            page = (await gql(WITH_RELATIONS, variables, token=token))["data"]["interviews"]
            assert page["totalCount"] == 8
            for edge in page["edges"]:
                node = await gql(NODE_WITH_RELATIONS, {"id": edge["node"]["id"]}, token=token)
                assert edge["node"] == node["data"]["node"]
        page = (await gql(WITH_RELATIONS, {"first": 8}, token=token))["data"]["interviews"]
        nodes = {e["node"]["id"]: e["node"] for e in page["edges"]}
        assert [q["id"] for q in nodes[ids[2]]["questions"]] == new_order
        assert {n["creator"]["username"] for n in nodes.values()} == {"ann", "rick"}
        assert sum(n["questions"] == [] for n in nodes.values()) == 2
