"""The candidate journey's operations, as a front end sends them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.graphql import GraphQLClient

INVITATION_FIELDS = """
id name email status expiresAt url startedAt submittedAt
extraThinkSeconds extraAnswerSeconds extraRetakes answeredQuestions
"""

INVITE = f"""
mutation Invite($input: InviteCandidatesInput!) {{
  inviteCandidates(input: $input) {{
    invitations {{ {INVITATION_FIELDS} }}
    errors {{ field message code }}
  }}
}}
"""

RESEND = f"""
mutation Resend($input: InvitationInput!) {{
  resendInvitation(input: $input) {{
    invitation {{ {INVITATION_FIELDS} }} errors {{ field message code }}
  }}
}}
"""

EXTEND = f"""
mutation Extend($input: ExtendInvitationInput!) {{
  extendInvitation(input: $input) {{
    invitation {{ {INVITATION_FIELDS} }} errors {{ field message code }}
  }}
}}
"""

REVOKE = f"""
mutation Revoke($input: InvitationInput!) {{
  revokeInvitation(input: $input) {{
    invitation {{ {INVITATION_FIELDS} }} errors {{ field message code }}
  }}
}}
"""

GRANT = f"""
mutation Grant($input: GrantAccommodationInput!) {{
  grantAccommodation(input: $input) {{
    invitation {{ {INVITATION_FIELDS} }} errors {{ field message code }}
  }}
}}
"""

SESSION = """
mutation Session($token: String!) {
  candidateSession(input: {token: $token}) {
    accessToken expiresAt
    invitation { id name status }
    errors { field message code }
  }
}
"""

ANSWER_FIELDS = (
    "id attempt startedAt submittedAt current question { id position } "
    "video { id durationSeconds uploadedBy { id } url }"
)

MINE = f"""
query Mine {{
  candidateInvitation {{
    id name email status expiresAt
    interview {{
      id title description answerDeadline
      questions {{
        id position text thinkTimeSeconds answerTimeSeconds retakes
        videoPrompt {{ id url }}
      }}
    }}
    answers {{ {ANSWER_FIELDS} }}
  }}
}}
"""

START = f"""
mutation Start($questionId: ID!) {{
  startAnswer(input: {{questionId: $questionId}}) {{
    answer {{ {ANSWER_FIELDS} }} errors {{ field message code }}
  }}
}}
"""

SUBMIT = f"""
mutation Submit($input: SubmitAnswerInput!) {{
  submitAnswer(input: $input) {{
    answer {{ {ANSWER_FIELDS} }} errors {{ field message code }}
  }}
}}
"""

SUBMIT_INTERVIEW = """
mutation Done {
  submitInterview {
    invitation { id status submittedAt }
    errors { field message code }
  }
}
"""

INVITATIONS = f"""
query Invitations($id: ID!, $status: InvitationStatus) {{
  node(id: $id) {{
    ... on Interview {{
      invitations(first: 20, status: $status) {{
        totalCount
        edges {{ node {{ {INVITATION_FIELDS} }} }}
      }}
      invitationCounts {{ invited started submitted expired revoked }}
    }}
  }}
}}
"""

ANSWERS_OF = f"""
query Answers($id: ID!) {{
  node(id: $id) {{ ... on CandidateInvitation {{ id status answers {{ {ANSWER_FIELDS} }} }} }}
}}
"""

SET_STATUS = """
mutation Open($input: SetInterviewStatusInput!) {
  setInterviewStatus(input: $input) { interview { id status } errors { code } }
}
"""


LOGIN = """
mutation Login($input: LoginInput!) { login(input: $input) { accessToken errors { code } } }
"""


async def login(gql: GraphQLClient, username: str) -> str:
    """A fresh access token for a user made by ``signup`` (after the clock moved on)."""
    body = await gql(LOGIN, {"input": {"username": username, "password": "correct horse battery"}})
    token: str = body["data"]["login"]["accessToken"]
    return token


def later(**parts: float) -> str:
    """A time from now (the wall clock; the test clock may be ahead of it)."""
    return (datetime.now().astimezone() + timedelta(**parts)).isoformat()


async def open_interview(gql: GraphQLClient, token: str, interview_id: str) -> None:
    body = await gql(
        SET_STATUS, {"input": {"interviewId": interview_id, "status": "OPEN"}}, token=token
    )
    assert body["data"]["setInterviewStatus"]["errors"] == []


async def invite(
    gql: GraphQLClient,
    token: str,
    interview_id: str,
    people: list[tuple[str, str]],
    expires_at: str,
) -> dict[str, Any]:
    body = await gql(
        INVITE,
        {
            "input": {
                "interviewId": interview_id,
                "candidates": [{"name": n, "email": e} for n, e in people],
                "expiresAt": expires_at,
            }
        },
        token=token,
    )
    result: dict[str, Any] = body["data"]["inviteCandidates"]
    return result


async def session(gql: GraphQLClient, link_token: str) -> dict[str, Any]:
    body = await gql(SESSION, {"token": link_token})
    result: dict[str, Any] = body["data"]["candidateSession"]
    return result


def token_of(url: str) -> str:
    return url.rsplit("/i/", 1)[1]


async def start(gql: GraphQLClient, token: str, question_id: str) -> dict[str, Any]:
    body = await gql(START, {"questionId": question_id}, token=token)
    result: dict[str, Any] = body["data"]["startAnswer"]
    return result


async def submit_file(
    http: httpx.AsyncClient, token: str, question_id: str, path: Path
) -> dict[str, Any]:
    """submitAnswer with the recording, as in the GraphQL multipart request spec."""
    operations = {
        "query": SUBMIT,
        "variables": {"input": {"questionId": question_id, "file": None}},
    }
    with path.open("rb") as handle:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (path.name, handle, "video/webm")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]["submitAnswer"]
    return result


UPLOAD_VIDEO = """
mutation Upload($input: UploadVideoInput!) {
  uploadVideo(input: $input) { video { id } errors { field message code } }
}
"""


async def upload_prompt(http: httpx.AsyncClient, token: str, org: str, path: Path) -> str:
    """A recruiter's video, for a question's prompt; returns its id."""
    operations = {
        "query": UPLOAD_VIDEO,
        "variables": {"input": {"title": "Prompt", "file": None, "organizationId": org}},
    }
    with path.open("rb") as handle:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (path.name, handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )
    result = response.json()["data"]["uploadVideo"]
    assert result["errors"] == [], result["errors"]
    video_id: str = result["video"]["id"]
    return video_id


async def mine(gql: GraphQLClient, token: str, *, expect_errors: bool = False) -> dict[str, Any]:
    return await gql(MINE, token=token, expect_errors=expect_errors)


async def submit_interview(gql: GraphQLClient, token: str) -> dict[str, Any]:
    body = await gql(SUBMIT_INTERVIEW, token=token)
    result: dict[str, Any] = body["data"]["submitInterview"]
    return result


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["errors"]]
