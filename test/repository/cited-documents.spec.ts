import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The product carries its own references (docs/architecture.md "Principles"): what the code relies
// on is written in this repository's docs/, and comments cite those, never a file outside it.
const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['apps', 'libs', 'bench', 'scripts', 'test'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

const files = SOURCE_DIRS.filter((dir) => existsSync(join(ROOT, dir))).flatMap((dir) => sourceFiles(join(ROOT, dir)));

describe('the documents the code cites', () => {
  it('all exist in this repository', () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const [cited] of readFileSync(file, 'utf8').matchAll(/docs\/[A-Za-z0-9_./-]+\.(?:md|json|png)/g)) {
        if (!existsSync(join(ROOT, cited))) missing.push(`${relative(ROOT, file)} cites ${cited}`);
      }
    }
    expect(files.length).toBeGreaterThan(300);
    expect(missing).toEqual([]);
  });

  it('are never files outside it (the team’s shared notes, another checkout)', () => {
    const outside = files
      .filter((file) => file !== __filename)
      .flatMap((file) => (/\b(?:DESIGN|STYLE)\.md\b|\.\.\/shared\/|\/work\/shared/.test(readFileSync(file, 'utf8')) ? [relative(ROOT, file)] : []));
    expect(outside).toEqual([]);
  });
});
