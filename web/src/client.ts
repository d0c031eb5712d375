// The Apollo Client set-up the README recommends, as the test suite runs it.
//
// - UploadHttpLink (apollo-upload-client) is the terminating link: it sends a
//   GraphQL multipart request when the variables hold a File or Blob, and plain
//   JSON otherwise. It does NOT add a CSRF header by itself; the server refuses
//   multipart requests without 'Apollo-Require-Preflight' (or
//   'X-Apollo-Operation-Name'), so the header is set here for every request.
// - SetContextLink adds 'Authorization: Bearer <accessToken>'.
// - ErrorLink, on an UNAUTHENTICATED error, trades the refresh token for a new
//   pair once (one trade at a time, however many requests failed together: a
//   refresh token works once, and using one twice ends the whole sign-in) and
//   retries the operation with the new access token.
// - relayStylePagination merges the pages of `interviews` that fetchMore loads.
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { print } from 'graphql';
import { from, switchMap } from 'rxjs';

import {
  RefreshTokenDocument,
  type RefreshTokenMutation,
  type RefreshTokenMutationVariables,
} from './gql/graphql.js';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** Where the client keeps the signed-in user's tokens (memory, here). */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (value) => {
      tokens = value;
    },
  };
}

export interface ApiClientOptions {
  /** The API's GraphQL endpoint, e.g. https://api.example.com/graphql */
  uri: string;
  tokens: TokenStore;
  /** Headers for every request; by default the CSRF header uploads need. */
  headers?: Record<string, string>;
  /** Called once a refresh fails: the user must sign in again. */
  onSignedOut?: () => void;
}

export interface ApiClient {
  client: ApolloClient;
  /** How many times the refresh token was traded for new tokens. */
  refreshes(): number;
}

export const PREFLIGHT_HEADERS = { 'Apollo-Require-Preflight': 'true' };

export function isUnauthenticated(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED')
  );
}

export function createApiClient({
  uri,
  tokens,
  headers = PREFLIGHT_HEADERS,
  onSignedOut,
}: ApiClientOptions): ApiClient {
  let refreshes = 0;
  let refreshing: Promise<boolean> | null = null;

  // Outside the link chain, so a failing refresh cannot loop through ErrorLink.
  async function trade(refreshToken: string): Promise<boolean> {
    const variables: RefreshTokenMutationVariables = { input: { refreshToken } };
    const response = await fetch(uri, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query: print(RefreshTokenDocument), variables }),
    });
    const body = (await response.json()) as { data?: RefreshTokenMutation };
    const payload = body.data?.refreshToken;
    if (!payload || payload.errors.length || !payload.accessToken || !payload.refreshToken) {
      tokens.set(null);
      onSignedOut?.();
      return false;
    }
    refreshes += 1;
    tokens.set({ accessToken: payload.accessToken, refreshToken: payload.refreshToken });
    return true;
  }

  function refresh(): Promise<boolean> {
    const current = tokens.get();
    if (!current) return Promise.resolve(false);
    refreshing ??= trade(current.refreshToken).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  const auth = new SetContextLink((context) => {
    const current = tokens.get();
    if (!current) return {};
    return { headers: { ...context['headers'], authorization: `Bearer ${current.accessToken}` } };
  });

  const renew = new ErrorLink(({ error, operation, forward }) => {
    if (!isUnauthenticated(error) || operation.getContext()['retriedAfterRefresh']) return;
    const sentWith = operation.getContext()['headers']?.authorization as string | undefined;
    if (!sentWith) return; // not signed in at all: nothing to refresh
    return from(
      // Another request may have refreshed already while this one was in flight.
      sentWith === `Bearer ${tokens.get()?.accessToken}` ? refresh() : Promise.resolve(true),
    ).pipe(
      switchMap((renewed) => {
        if (!renewed) throw error;
        operation.setContext({ retriedAfterRefresh: true });
        return forward(operation);
      }),
    );
  });

  const http = new UploadHttpLink({ uri, headers });

  const client = new ApolloClient({
    link: ApolloLink.from([renew, auth, http]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            interviews: relayStylePagination(['organizationId', 'filter', 'orderBy']),
          },
        },
      },
    }),
  });
  return { client, refreshes: () => refreshes };
}
