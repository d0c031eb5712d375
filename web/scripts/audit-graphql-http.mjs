// The graphql-http conformance audit of the GraphQL-over-HTTP specification,
// against a running server:
//
//   VECTOR_API_URL=http://127.0.0.1:8000/graphql node scripts/audit-graphql-http.mjs
//
// Fails when any MUST or SHOULD audit fails; MAY audits are reported.
import { auditServer } from 'graphql-http';

const url = process.env.VECTOR_API_URL;
if (!url) {
  console.error('Set VECTOR_API_URL to the GraphQL endpoint, e.g. http://127.0.0.1:8000/graphql');
  process.exit(2);
}

const results = await auditServer({ url });
let failed = 0;
for (const result of results) {
  const level = result.name.split(' ')[0];
  if (result.status === 'ok') {
    console.log(`ok      ${result.id} ${result.name}`);
    continue;
  }
  const body = await result.response.text().catch(() => '');
  const detail = `${result.reason} (${result.response.status} ${body.slice(0, 200)})`;
  if (level === 'MUST' || level === 'SHOULD') {
    failed += 1;
    console.log(`FAILED  ${result.id} ${result.name}: ${detail}`);
  } else {
    console.log(`notice  ${result.id} ${result.name}: ${detail}`);
  }
}
const musts = results.filter((r) => r.name.startsWith('MUST')).length;
const shoulds = results.filter((r) => r.name.startsWith('SHOULD')).length;
console.log(
  `${results.length} audits (${musts} MUST, ${shoulds} SHOULD): ` +
    `${results.filter((r) => r.status === 'ok').length} passed, ${failed} MUST/SHOULD failed.`,
);
process.exit(failed ? 1 : 0);
