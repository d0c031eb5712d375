// Copies GraphiQL and React, at the versions package-lock.json pins, into the
// Python package, so that the server serves GraphiQL from its own origin: no
// CDN, and a Content-Security-Policy of 'self' only.
//
//   node scripts/vendor-graphiql.mjs          write the files
//   node scripts/vendor-graphiql.mjs --check  fail if the files differ from what it would write
//
// Source-map comments are dropped (the maps are not shipped) and the fonts and
// images the GraphiQL stylesheet inlines as data: URLs become files of their own,
// so the page needs no data: sources either.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = dirname(here);
const target = join(web, '..', 'src', 'vector_gql', 'web', 'static', 'graphiql', 'vendor');
const require = createRequire(join(web, 'package.json'));

function packageFile(name, file) {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

function version(name) {
  return JSON.parse(readFileSync(packageFile(name, 'package.json'), 'utf8')).version;
}

const SOURCES = [
  ['react', 'umd/react.production.min.js', 'react.production.min.js'],
  ['react-dom', 'umd/react-dom.production.min.js', 'react-dom.production.min.js'],
  ['graphiql', 'graphiql.min.js', 'graphiql.min.js'],
  ['graphiql', 'graphiql.min.css', 'graphiql.min.css'],
  ['@graphiql/plugin-explorer', 'dist/index.umd.js', 'plugin-explorer.umd.js'],
  ['@graphiql/plugin-explorer', 'dist/style.css', 'plugin-explorer.css'],
];

const EXTENSIONS = {
  'font/woff2': 'woff2',
  'font/woff': 'woff',
  'font/ttf': 'ttf',
  'image/png': 'png',
  'image/svg+xml': 'svg',
  'image/gif': 'gif',
};

function stripSourceMaps(text) {
  return text
    .replace(/\n?\/\/# sourceMappingURL=[^\n]*\n?$/u, '\n')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/u, '\n');
}

// Every data: URL in a stylesheet becomes assets/<sha256>.<ext>, named by its content.
function extractDataUrls(css, files) {
  return css.replace(
    /url\((["']?)data:([a-z0-9.+/-]+)(?:;charset=[a-z0-9-]+)?;base64,([A-Za-z0-9+/=]+)\1\)/giu,
    (whole, _quote, mediaType, data) => {
      const extension = EXTENSIONS[mediaType.toLowerCase()];
      if (!extension) {
        throw new Error(`unexpected data: URL of type ${mediaType} in a stylesheet`);
      }
      const bytes = Buffer.from(data, 'base64');
      const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${extension}`;
      files.set(`assets/${name}`, bytes);
      return `url(assets/${name})`;
    },
  );
}

function build() {
  const files = new Map();
  const manifest = { note: 'Written by web/scripts/vendor-graphiql.mjs; do not edit.', packages: {}, files: {} };
  for (const [name, source, output] of SOURCES) {
    manifest.packages[name] = version(name);
    let text = stripSourceMaps(readFileSync(packageFile(name, source), 'utf8'));
    if (output.endsWith('.css')) {
      text = extractDataUrls(text, files);
    }
    if (/\b(?:https?:)?\/\/(?:unpkg\.com|cdn\.jsdelivr\.net|fonts\.googleapis\.com)/u.test(text)) {
      throw new Error(`${output} loads something from a CDN`);
    }
    files.set(output, Buffer.from(text, 'utf8'));
  }
  for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    manifest.files[path] = createHash('sha256').update(bytes).digest('hex');
  }
  files.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  return files;
}

function existing() {
  const found = new Map();
  if (!existsSync(target)) return found;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(relative(target, path), readFileSync(path));
    }
  };
  walk(target);
  return found;
}

const wanted = build();
if (process.argv.includes('--check')) {
  const have = existing();
  const problems = [];
  for (const [path, bytes] of wanted) {
    if (!have.has(path)) problems.push(`missing ${path}`);
    else if (!have.get(path).equals(bytes)) problems.push(`out of date ${path}`);
  }
  for (const path of have.keys()) if (!wanted.has(path)) problems.push(`not expected ${path}`);
  if (problems.length) {
    console.error(`GraphiQL assets in ${relative(process.cwd(), target)} differ from package-lock.json:`);
    for (const problem of problems) console.error(`  ${problem}`);
    console.error("Run 'npm run vendor-graphiql' in web/ and commit the result.");
    process.exit(1);
  }
  console.log(`GraphiQL assets match package-lock.json (${wanted.size} files).`);
} else {
  rmSync(target, { recursive: true, force: true });
  for (const [path, bytes] of wanted) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), bytes);
  }
  console.log(`Wrote ${wanted.size} files to ${relative(process.cwd(), target)}.`);
}
