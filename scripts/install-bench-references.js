#!/usr/bin/env node
// Installs Emmett's event stores for `npm run bench:store` into their own folders (bench/emmett-*):
// their peer versions conflict with each other, and the app needs neither. Once per machine.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
for (const folder of ['emmett-sqlite', 'emmett-postgresql']) {
  const dir = join(root, 'bench', folder);
  if (existsSync(join(dir, 'node_modules'))) continue;
  const env = { ...process.env };
  // sqlite3 compiles from source where its prebuilt binary is unreachable: use the machine's Node headers.
  if (existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, env, stdio: 'inherit' });
  if (result.status !== 0) process.stderr.write(`bench references: installing ${folder} failed; the benchmark reports it as not available\n`);
}
