// Fails when src/gql/ is not what graphql-codegen writes from ../schema.graphql and
// src/operations/: the schema or an operation changed and 'npm run codegen' was not run.
import { generate } from '@graphql-codegen/cli';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import config from '../codegen.config.mjs';

const web = dirname(dirname(fileURLToPath(import.meta.url)));
const outputs = await generate({ ...config, cwd: web, silent: true }, false);
const problems = [];
const expected = new Set();
for (const { filename, content } of outputs) {
  const path = resolve(web, filename);
  expected.add(path);
  if (!existsSync(path)) problems.push(`missing ${relative(web, path)}`);
  else if (readFileSync(path, 'utf8') !== content) problems.push(`out of date ${relative(web, path)}`);
}
for (const target of Object.keys(config.generates)) {
  const dir = resolve(web, target);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    if (!expected.has(join(dir, name))) problems.push(`not generated ${relative(web, join(dir, name))}`);
  }
}
if (problems.length) {
  console.error('The generated client code differs from schema.graphql and src/operations:');
  for (const problem of problems) console.error(`  ${problem}`);
  console.error("Run 'npm run codegen' in web/ and commit src/gql/.");
  process.exit(1);
}
console.log(`Generated client code is current (${outputs.length} files).`);
