import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@vigil/platform';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './create-app';

describe('HTTPS with VIGIL_TLS_CERT and VIGIL_TLS_KEY', () => {
  let dir: string;
  let app: NestFastifyApplication;
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over TLS with the configured certificate', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'pipe' });
    const config = loadConfig({ VIGIL_DATA_DIR: dir, LOG_LEVEL: 'silent', VIGIL_TLS_CERT: cert, VIGIL_TLS_KEY: key, VIGIL_ADMIN_PASSWORD: 'tls-admin-password' }, dir);
    app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const answer = await new Promise<{ status: number; body: string; hsts: unknown }>((resolve, reject) => {
      // Trusting exactly this certificate: a plain-HTTP server or another certificate fails here.
      get({ host: '127.0.0.1', port, path: '/api/v1/auth/session', ca: readFileSync(cert) }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, hsts: response.headers['strict-transport-security'] }));
      }).on('error', reject);
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 401 });
    expect(answer.hsts).toBe('max-age=31536000; includeSubDomains');
  });
});
