#!/usr/bin/env node
// Compiles apps/, libs/ and bench/ to dist/ with swc, one file at a time, keeping native
// modules (better-sqlite3) external: a bundler would break them. Type checking is `npm run typecheck`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'bench'];
const skip = /\.(spec|int-spec|e2e-spec)\.ts$|\.d\.ts$/;

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* walk(full); // bench/emmett-*: reference stores' own installs
    } else yield full;
  }
}

function isStale(src, dest) {
  try {
    return fs.statSync(src).mtimeMs > fs.statSync(dest).mtimeMs;
  } catch {
    return true;
  }
}

const options = (filename) => ({
  filename,
  sourceMaps: true,
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    baseUrl: root,
    paths: { '@vigil/*': ['libs/*/src'] },
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
});

let compiled = 0;
for (const dir of sourceDirs) {
  for (const src of walk(path.join(root, dir))) {
    const rel = path.relative(root, src);
    if (src.endsWith('.ts') && !skip.test(src)) {
      const dest = path.join(out, rel.replace(/\.ts$/, '.js'));
      if (!isStale(src, dest)) continue;
      const result = swc.transformFileSync(src, options(src));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, result.code + `\n//# sourceMappingURL=${path.basename(dest)}.map\n`);
      if (result.map) fs.writeFileSync(dest + '.map', result.map);
      compiled++;
    } else if (/\.(json|html|css|js|svg|png)$/.test(src) && !src.includes(`${path.sep}node_modules${path.sep}`)) {
      const dest = path.join(out, rel);
      if (!isStale(src, dest)) continue;
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src, dest);
      compiled++;
    }
  }
}
if (process.env.VIGIL_BUILD_VERBOSE) console.error(`build: ${compiled} file(s) written to dist/`);
