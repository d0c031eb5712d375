"""The candidate journey under `vector-gql serve`, with the job queue running inside it.

1. One candidate answers 5 questions with 30 s recordings (WebM, as a browser's
   MediaRecorder writes it): for each answer, startAnswer then submitAnswer
   (multipart), with the wall time and the server's CPU (every process of
   `serve`: the API, the probe's frame decoders, the queue worker).
2. 200 candidates invited in one inviteCandidates call: the request's time, and
   the time until all 200 emails reached a local SMTP server (aiosmtpd, in this
   process), sent by the queue's worker inside `serve`.

    python bench/candidate_bench.py [--answers 5] [--seconds 30] [--invitations 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from _common import ROOT, graphql, scratch_database, served_app

sys.path.insert(0, str(ROOT))

SIGNUP = """
mutation($input: SignupInput!) { signup(input: $input) { accessToken errors { code } } }
"""
VIEWER = "query { viewer { memberships { organization { id } } } }"
CREATE = """
mutation($input: CreateInterviewInput!) {
  createInterview(input: $input) { interview { id questions { id } } errors { code } }
}
"""
OPEN = """
mutation($id: ID!) {
  setInterviewStatus(input: {interviewId: $id, status: OPEN}) { errors { code } }
}
"""
INVITE = """
mutation($input: InviteCandidatesInput!) {
  inviteCandidates(input: $input) { invitations { id url } errors { code message } }
}
"""
SESSION = """
mutation($t: String!) { candidateSession(input: {token: $t}) { accessToken errors { code } } }
"""
START = """
mutation($q: ID!) { startAnswer(input: {questionId: $q}) { answer { id } errors { code } } }
"""
SUBMIT = """
mutation($input: SubmitAnswerInput!) {
  submitAnswer(input: $input) { answer { id video { durationSeconds } } errors { code message } }
}
"""
SUBMIT_INTERVIEW = "mutation { submitInterview { invitation { status } errors { code } } }"


class Counter:
    """An SMTP server's handler that counts the messages that arrive."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def start_smtp(counter: Counter) -> tuple[int, asyncio.AbstractEventLoop]:
    """aiosmtpd on a free port, in a thread of its own (the benchmark blocks)."""
    from aiosmtpd.smtp import SMTP

    loop = asyncio.new_event_loop()
    ready = threading.Event()
    port: list[int] = []

    def run() -> None:
        asyncio.set_event_loop(loop)

        async def serve() -> None:
            server = await loop.create_server(
                lambda: SMTP(counter, hostname="localhost", loop=loop), "127.0.0.1", 0
            )
            port.append(server.sockets[0].getsockname()[1])
            ready.set()

        loop.run_until_complete(serve())
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(30)
    return port[0], loop


def recording(seconds: float) -> Path:
    from tests.fixtures import media as mf

    path = Path(tempfile.mkdtemp()) / "answer.webm"
    return mf.make_video(
        path, seconds=seconds, fmt="webm", fps=25, size=(480, 360), audio=True, chrome_style=True
    )


def ok(body: dict, name: str) -> dict:
    assert "errors" not in body, body
    result: dict = body["data"][name]
    assert not result.get("errors"), result
    return result


def run(database_url: str, answers: int, seconds: float, invitations: int) -> None:
    counter = Counter()
    smtp_port, smtp_loop = start_smtp(counter)
    clip = recording(seconds)
    print(f"recording: {seconds:.0f} s WebM 480x360 with audio, {clip.stat().st_size / 1e6:.2f} MB")
    with served_app(
        database_url,
        workers=1,
        VECTOR_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}",
        VECTOR_BCRYPT_ROUNDS="4",
        VECTOR_WORKER_IN_SERVE="true",
    ) as app:
        token = ok(
            graphql(
                app.url,
                SIGNUP,
                {
                    "input": {
                        "username": "bench",
                        "email": "bench@example.com",
                        "password": "correct horse battery",
                        "password2": "correct horse battery",
                    }
                },
            ),
            "signup",
        )["accessToken"]
        org = graphql(app.url, VIEWER, token=token)["data"]["viewer"]["memberships"][0][
            "organization"
        ]["id"]
        questions = [
            {"text": f"Question {i + 1}?", "thinkTimeSeconds": 30, "answerTimeSeconds": 60}
            for i in range(answers)
        ]
        interview = ok(
            graphql(
                app.url,
                CREATE,
                {"input": {"organizationId": org, "title": "Bench", "questions": questions}},
                token,
            ),
            "createInterview",
        )["interview"]
        ok(graphql(app.url, OPEN, {"id": interview["id"]}, token), "setInterviewStatus")
        expires = (datetime.now(UTC) + timedelta(days=7)).isoformat()

        # --- one candidate, N answers -------------------------------------------------
        invited = ok(
            graphql(
                app.url,
                INVITE,
                {
                    "input": {
                        "interviewId": interview["id"],
                        "candidates": [{"name": "Solo", "email": "solo@example.com"}],
                        "expiresAt": expires,
                    }
                },
                token,
            ),
            "inviteCandidates",
        )["invitations"][0]
        link = invited["url"].rsplit("/i/", 1)[1]
        candidate = ok(graphql(app.url, SESSION, {"t": link}), "candidateSession")["accessToken"]
        headers = {"Authorization": f"Bearer {candidate}", "Apollo-Require-Preflight": "true"}
        walls, cpus = [], []
        with httpx.Client(base_url=app.url, timeout=300) as http:
            for question in interview["questions"]:
                cpu_before = app.cpu_seconds()
                started = time.perf_counter()
                ok(graphql(app.url, START, {"q": question["id"]}, candidate), "startAnswer")
                operations = {
                    "query": SUBMIT,
                    "variables": {"input": {"questionId": question["id"], "file": None}},
                }
                with clip.open("rb") as handle:
                    response = http.post(
                        "/graphql",
                        data={
                            "operations": json.dumps(operations),
                            "map": json.dumps({"0": ["variables.input.file"]}),
                        },
                        files={"0": ("answer.webm", handle, "video/webm")},
                        headers=headers,
                    )
                assert response.status_code == 200, (response.status_code, response.text)
                ok(response.json(), "submitAnswer")
                walls.append(time.perf_counter() - started)
                cpus.append(app.cpu_seconds() - cpu_before)
            ok(graphql(app.url, SUBMIT_INTERVIEW, token=candidate), "submitInterview")
        print(f"answers:                        {answers}")
        for i, (wall, cpu) in enumerate(zip(walls, cpus, strict=True)):
            print(f"  answer {i + 1}: wall {wall * 1000:8.1f} ms   server CPU {cpu * 1000:8.1f} ms")
        print(
            f"per answer (mean):  wall {statistics.mean(walls) * 1000:8.1f} ms   "
            f"server CPU {statistics.mean(cpus) * 1000:8.1f} ms"
        )

        # --- N invitations in one call ----------------------------------------------------
        deadline = time.time() + 60
        while counter.count < 1 and time.time() < deadline:
            time.sleep(0.05)  # the first candidate's email, before the count starts
        before = counter.count
        people = [
            {"name": f"Candidate {i}", "email": f"candidate{i}@example.com"}
            for i in range(invitations)
        ]
        cpu_before = app.cpu_seconds()
        started = time.perf_counter()
        result = ok(
            graphql(
                app.url,
                INVITE,
                {
                    "input": {
                        "interviewId": interview["id"],
                        "candidates": people,
                        "expiresAt": expires,
                    }
                },
                token,
            ),
            "inviteCandidates",
        )
        requested = time.perf_counter() - started
        assert len(result["invitations"]) == invitations
        deadline = time.time() + 600
        while counter.count - before < invitations and time.time() < deadline:
            time.sleep(0.01)
        delivered = time.perf_counter() - started
        cpu = app.cpu_seconds() - cpu_before
        print(f"invitations in one call:        {invitations}")
        print(f"  inviteCandidates request:     {requested * 1000:8.1f} ms")
        print(
            f"  until all emails arrived:     {delivered * 1000:8.1f} ms "
            f"({counter.count - before} of {invitations})"
        )
        print(f"  server CPU (request + queue): {cpu * 1000:8.1f} ms")
    smtp_loop.call_soon_threadsafe(smtp_loop.stop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--invitations", type=int, default=200)
    args = parser.parse_args()
    with scratch_database() as url:
        run(url, args.answers, args.seconds, args.invitations)


if __name__ == "__main__":
    main()
