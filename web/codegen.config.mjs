// graphql-codegen's client preset: TypeScript types and typed documents for the
// operations in src/operations, checked against ../schema.graphql.
//
//   npm run codegen            write src/gql/
//   npm run check:generated    fail if src/gql/ is not what codegen writes
//
// strictScalars makes codegen fail on a custom scalar that has no mapping here.
/** @type {import('@graphql-codegen/cli').CodegenConfig} */
const config = {
  schema: '../schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        strictScalars: true,
        scalars: {
          // RFC 3339 with an offset; answered in UTC as 2026-05-01T17:00:00.000000Z.
          DateTime: 'string',
          // Sizes in bytes: JSON numbers (exact in JavaScript up to 2^53 - 1).
          BigInt: { input: 'number | string', output: 'number' },
          // Sent by apollo-upload-client as a multipart request.
          Upload: { input: 'File | Blob', output: 'never' },
        },
        enumsAsTypes: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
