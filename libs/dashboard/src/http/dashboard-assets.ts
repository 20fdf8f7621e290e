import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundlePageScript } from './page-script-bundle';

export type Asset = { body: Buffer; contentType: string; etag: string; cacheControl: string };

/** The page's compiled files live beside this one in dist/ (scripts/build.js compiles .ts and copies .html/.css). */
const PAGE_DIR = join(__dirname, '..', 'page');
/** The root of the compiled tree (dist/), so the bundle can reach the shared view and phase modules. */
const DIST_ROOT = join(__dirname, '..', '..', '..', '..');

function packageDir(name: string): string {
  // package.json is exported by both packages, unlike their dist/ builds (socket.io-client's exports map).
  return dirname(require.resolve(`${name}/package.json`));
}

type AssetSource = () => { body: Buffer; contentType: string; immutable: boolean };

// A Map: the name comes from the URL, and /dashboard/constructor must be a 404, not Object's constructor.
const SOURCES = new Map<string, AssetSource>(Object.entries({
  'index.html': () => ({ body: readFileSync(join(PAGE_DIR, 'index.html')), contentType: 'text/html; charset=utf-8', immutable: false }),
  'styles.css': () => ({ body: readFileSync(join(PAGE_DIR, 'styles.css')), contentType: 'text/css; charset=utf-8', immutable: false }),
  'app.js': () => ({
    body: Buffer.from(bundlePageScript(join(PAGE_DIR, 'main.js'), (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined), DIST_ROOT)),
    contentType: 'text/javascript; charset=utf-8',
    immutable: false,
  }),
  'vendor/uPlot.iife.min.js': () => ({
    body: readFileSync(join(packageDir('uplot'), 'dist', 'uPlot.iife.min.js')),
    contentType: 'text/javascript; charset=utf-8',
    immutable: true,
  }),
  'vendor/uPlot.min.css': () => ({ body: readFileSync(join(packageDir('uplot'), 'dist', 'uPlot.min.css')), contentType: 'text/css; charset=utf-8', immutable: true }),
  'vendor/socket.io.min.js': () => ({
    body: readFileSync(join(packageDir('socket.io-client'), 'dist', 'socket.io.min.js')),
    contentType: 'text/javascript; charset=utf-8',
    immutable: true,
  }),
} satisfies Record<string, AssetSource>));

export const ASSET_NAMES = [...SOURCES.keys()];

/**
 * Serves the page and its vendor scripts from memory, read on first use. Nothing comes from a CDN:
 * the clinic network may have no internet.
 */
@Injectable()
export class DashboardAssets {
  private readonly cache = new Map<string, Asset>();

  get(name: string): Asset | undefined {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const source = SOURCES.get(name);
    if (!source) return undefined;
    const { body, contentType, immutable } = source();
    const asset: Asset = {
      body,
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      // The page and its script revalidate (cheap, by ETag) so a new build is picked up on reload.
      cacheControl: immutable ? 'public, max-age=86400' : 'no-cache',
    };
    this.cache.set(name, asset);
    return asset;
  }
}
