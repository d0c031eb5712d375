// Apollo Client (with apollo-upload-client) against a running `vector-gql serve`:
//
//   VECTOR_API_URL=http://127.0.0.1:8000/graphql VECTOR_TEST_VIDEO=clip.mp4 npm test
//
// The server should run with short-lived access tokens (VECTOR_ACCESS_TOKEN_SECONDS=2)
// so that the refresh path is exercised for real; the pytest suite starts it that way
// (tests/web/test_web_clients.py).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { CombinedGraphQLErrors } from '@apollo/client';

import {
  createApiClient,
  isUnauthenticated,
  memoryTokenStore,
  type ApiClient,
  type TokenStore,
} from '../src/client.js';
import {
  CreateInterviewDocument,
  InterviewsDocument,
  LoginDocument,
  LogoutDocument,
  SignupDocument,
  UpdateInterviewDocument,
  UploadVideoDocument,
  ViewerDocument,
  type ErrorCode,
  type InterviewsQuery,
  type UserError,
} from '../src/gql/graphql.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see the comment at the top of this file).`);
  return value;
}

const uri = required('VECTOR_API_URL');
const videoPath = required('VECTOR_TEST_VIDEO');
const accessSeconds = Number(process.env['VECTOR_ACCESS_TOKEN_SECONDS'] ?? '2');
const password = 'correct horse battery staple';
const username = `ann_${randomUUID().slice(0, 8)}`;

function codes(errors: ReadonlyArray<Pick<UserError, 'code'>>): ErrorCode[] {
  return errors.map((error) => error.code);
}

function graphqlCode(error: unknown): unknown {
  assert.ok(CombinedGraphQLErrors.is(error), `expected GraphQL errors, got ${String(error)}`);
  return error.errors[0]?.extensions?.['code'];
}

async function waitForExpiry(): Promise<void> {
  // Token times are whole seconds: after this long the access token has expired.
  await sleep((accessSeconds + 1.2) * 1000);
}

describe('Apollo Client against vector-gql serve', () => {
  let tokens: TokenStore;
  let api: ApiClient;
  let organizationId: string;
  let signedOut = 0;

  before(() => {
    tokens = memoryTokenStore();
    api = createApiClient({ uri, tokens, onSignedOut: () => (signedOut += 1) });
  });

  it('reads payload errors from signup, typed by the ErrorCode enum', async () => {
    const { data } = await api.client.mutate({
      mutation: SignupDocument,
      variables: {
        input: { username, email: `${username}@example.com`, password: '123', password2: '456' },
      },
    });
    assert.ok(data);
    assert.equal(data.signup.user, null);
    const found = new Set(codes(data.signup.errors));
    assert.ok(found.has('PASSWORD_MISMATCH'), [...found].join());
    const mismatch = data.signup.errors.find((e) => e.code === 'PASSWORD_MISMATCH');
    assert.deepEqual(mismatch?.field, ['password2']);
  });

  it('signs up', async () => {
    const { data } = await api.client.mutate({
      mutation: SignupDocument,
      variables: {
        input: { username, email: `${username}@example.com`, password, password2: password },
      },
    });
    assert.ok(data?.signup.accessToken && data.signup.refreshToken);
    assert.deepEqual(data.signup.errors, []);
    assert.equal(data.signup.user?.username, username);
    assert.ok(!Number.isNaN(Date.parse(data.signup.user?.dateJoined ?? '')));
  });

  it('logs in, and a wrong password is a payload error', async () => {
    const wrong = await api.client.mutate({
      mutation: LoginDocument,
      variables: { input: { username, password: 'not the password' } },
    });
    assert.deepEqual(codes(wrong.data?.login.errors ?? []), ['INVALID_CREDENTIALS']);
    const { data } = await api.client.mutate({
      mutation: LoginDocument,
      variables: { input: { username: `${username}@example.com`, password } },
    });
    assert.ok(data?.login.accessToken && data.login.refreshToken);
    tokens.set({ accessToken: data.login.accessToken, refreshToken: data.login.refreshToken });
    const viewer = await api.client.query({ query: ViewerDocument, fetchPolicy: 'network-only' });
    assert.equal(viewer.data?.viewer?.username, username);
    const membership = viewer.data?.viewer?.memberships[0];
    assert.equal(membership?.role, 'OWNER');
    organizationId = membership?.organization.id ?? '';
    assert.ok(organizationId);
  });

  it('refreshes once on UNAUTHENTICATED and retries, however many requests failed', async () => {
    const before = api.refreshes();
    const stale = tokens.get();
    await waitForExpiry();
    // Three requests fail with UNAUTHENTICATED together (no deduplication into one).
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        api.client.query({
          query: ViewerDocument,
          fetchPolicy: 'network-only',
          context: { queryDeduplication: false },
        }),
      ),
    );
    for (const result of results) assert.equal(result.data?.viewer?.username, username);
    assert.equal(api.refreshes(), before + 1);
    assert.notEqual(tokens.get()?.refreshToken, stale?.refreshToken); // rotated
  });

  it('creates interviews, and refused input comes back in the payload', async () => {
    const bad = await api.client.mutate({
      mutation: CreateInterviewDocument,
      variables: { input: { organizationId, title: '', questions: [{ text: '' }] } },
    });
    assert.equal(bad.data?.createInterview.interview, null);
    assert.deepEqual(
      bad.data?.createInterview.errors.map((e) => [e.field, e.code]),
      [
        [['title'], 'REQUIRED'],
        [['questions', '0', 'text'], 'REQUIRED'],
      ],
    );
    for (let i = 1; i <= 5; i += 1) {
      const { data } = await api.client.mutate({
        mutation: CreateInterviewDocument,
        variables: {
          input: {
            organizationId,
            title: `Interview ${i}`,
            questions: [{ text: `Question ${i}?`, retakes: 1 }],
            answerDeadline: '2040-05-01T19:00:00+02:00',
          },
        },
      });
      assert.deepEqual(data?.createInterview.errors, []);
      assert.equal(data?.createInterview.interview?.answerDeadline, '2040-05-01T17:00:00.000000Z');
    }
  });

  it('refuses a deadline without a zone offset with BAD_USER_INPUT', async () => {
    const page = await api.client.query({
      query: InterviewsDocument,
      variables: { organizationId, first: 1 },
    });
    const interviewId = page.data?.interviews.edges[0]?.node.id;
    assert.ok(interviewId);
    await assert.rejects(
      api.client.mutate({
        mutation: UpdateInterviewDocument,
        variables: { input: { interviewId, answerDeadline: '2040-06-01T10:00' } },
      }),
      (error: unknown) => {
        assert.equal(graphqlCode(error), 'BAD_USER_INPUT');
        assert.match((error as Error).message, /no zone offset/);
        return true;
      },
    );
  });

  it('pages with fetchMore, merged by relayStylePagination', async () => {
    const variables = {
      organizationId,
      first: 2,
      orderBy: { field: 'TITLE' as const, direction: 'ASC' as const },
    };
    const query = api.client.watchQuery({ query: InterviewsDocument, variables });
    // The cache tells watchers about merged pages a moment after fetchMore resolves.
    const waiters: Array<{ wanted: number; resolve: (data: InterviewsQuery) => void }> = [];
    const subscription = query.subscribe(({ data }) => {
      const page = data as InterviewsQuery | undefined;
      if (!page) return;
      for (const waiter of waiters.filter((w) => page.interviews.edges.length >= w.wanted)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(page);
      }
    });
    const showing = (wanted: number) =>
      new Promise<InterviewsQuery>((resolve) => waiters.push({ wanted, resolve }));
    try {
      const first = await showing(2);
      assert.equal(first.interviews.totalCount, 5);
      assert.equal(first.interviews.edges.length, 2);
      let pageInfo = first.interviews.pageInfo;
      while (pageInfo.hasNextPage) {
        const more = await query.fetchMore({ variables: { after: pageInfo.endCursor } });
        assert.ok(more.data);
        pageInfo = more.data.interviews.pageInfo;
      }
      const merged = await showing(5);
      assert.deepEqual(
        merged.interviews.edges.map((edge) => edge.node.title),
        ['Interview 1', 'Interview 2', 'Interview 3', 'Interview 4', 'Interview 5'],
      );
      assert.equal(merged.interviews.pageInfo.hasNextPage, false);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('uploads a video with the link set up as the README says', async () => {
    const bytes = readFileSync(videoPath);
    const file = new File([bytes], basename(videoPath), { type: 'video/mp4' });
    const { data } = await api.client.mutate({
      mutation: UploadVideoDocument,
      variables: { input: { title: 'Intro', file } },
    });
    assert.deepEqual(data?.uploadVideo.errors, []);
    const video = data?.uploadVideo.video;
    assert.ok(video);
    assert.equal(video.sizeBytes, bytes.length); // BigInt: a number
    assert.equal(typeof video.sizeBytes, 'number');
    assert.ok(video.durationSeconds > 0);
    const download = await fetch(video.url);
    assert.equal(download.status, 200);
    assert.equal(Buffer.from(await download.arrayBuffer()).length, bytes.length);
  });

  it('an upload without Apollo-Require-Preflight is refused: the header is not automatic', async () => {
    const bare = createApiClient({ uri, tokens, headers: {} });
    const file = new File([readFileSync(videoPath)], 'clip.mp4', { type: 'video/mp4' });
    await assert.rejects(
      bare.client.mutate({
        mutation: UploadVideoDocument,
        variables: { input: { title: 'Intro', file } },
      }),
      (error: unknown) => {
        assert.equal(graphqlCode(error), 'BAD_REQUEST');
        assert.match((error as Error).message, /Apollo-Require-Preflight/);
        return true;
      },
    );
  });

  it('a bad payload value is a payload error, not an exception', async () => {
    const file = new Blob([Buffer.from('not a video')], { type: 'text/plain' });
    const { data } = await api.client.mutate({
      mutation: UploadVideoDocument,
      variables: { input: { title: 'Notes', file } },
    });
    assert.equal(data?.uploadVideo.video, null);
    assert.deepEqual(codes(data?.uploadVideo.errors ?? []), ['UNSUPPORTED_MEDIA']);
  });

  it('logs out: the refresh token stops working and the client is signed out', async () => {
    const current = tokens.get();
    assert.ok(current);
    const { data } = await api.client.mutate({
      mutation: LogoutDocument,
      variables: { input: { refreshToken: current.refreshToken } },
    });
    assert.equal(data?.logout.ok, true);
    // The access token died with its sign-in: the link tries a refresh, which fails.
    await assert.rejects(
      api.client.query({ query: ViewerDocument, fetchPolicy: 'network-only' }),
      (error: unknown) => isUnauthenticated(error),
    );
    assert.equal(tokens.get(), null);
    assert.equal(signedOut, 1);
    await api.client.clearStore();
    const anonymous = await api.client.query({ query: ViewerDocument, fetchPolicy: 'network-only' });
    assert.equal(anonymous.data?.viewer, null);
  });
});
