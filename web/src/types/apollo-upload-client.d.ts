// apollo-upload-client 20 ships JavaScript with JSDoc types only, which TypeScript
// does not read from node_modules; these are the types of the part used here,
// taken from the JSDoc of UploadHttpLink.mjs.
declare module 'apollo-upload-client/UploadHttpLink.mjs' {
  import { ApolloLink } from '@apollo/client/link';

  export interface UploadHttpLinkOptions {
    /** GraphQL endpoint URI; "/graphql" by default. */
    uri?: string;
    useGETForQueries?: boolean;
    isExtractableFile?: (value: unknown) => boolean;
    FormData?: typeof FormData;
    fetch?: typeof fetch;
    fetchOptions?: RequestInit;
    credentials?: RequestCredentials;
    /** Merged into every request's headers. */
    headers?: Record<string, string>;
    includeExtensions?: boolean;
    includeUnusedVariables?: boolean;
  }

  export default class UploadHttpLink extends ApolloLink {
    constructor(options?: UploadHttpLinkOptions);
  }
}
