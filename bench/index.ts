import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// `npm run bench`: every built *.bench.js beside this file, one after another, each in its own
// process so one bench's heap, open files and child servers cannot skew the next one's figures.
const PREFERRED_ORDER = ['store.bench.js', 'ingest.bench.js', 'dashboard.bench.js'];
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 10 * 60_000);

function benchFiles(): string[] {
  const found = readdirSync(__dirname).filter((name) => name.endsWith('.bench.js'));
  return [...PREFERRED_ORDER.filter((name) => found.includes(name)), ...found.filter((name) => !PREFERRED_ORDER.includes(name)).sort()];
}

function run(file: string): Promise<string | undefined> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(__dirname, file)], { stdio: 'inherit' });
    const timer = setTimeout(() => child.kill('SIGTERM'), TIME_LIMIT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done(code === 0 ? undefined : `${file} ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`);
    });
  });
}

async function main(): Promise<void> {
  const failures: string[] = [];
  for (const file of benchFiles()) {
    process.stdout.write(`\n== ${file.replace(/\.js$/, '')}\n`);
    const failure = await run(file);
    if (failure) failures.push(failure);
  }
  if (failures.length > 0) {
    process.stderr.write(`\nbench failures:\n  ${failures.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

void main();
