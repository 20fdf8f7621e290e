import { FakeClock, FakeVigilServer } from '../testing/fake-vigil-server';
import type { IngestBatch } from '../wire/ingest-reading';
import { GatewayAuthorizationError, postReadings } from './ingest-api';

const batch: IngestBatch = {
  gatewayId: 'gw-1',
  readings: [{ kind: 'oximetry', deviceId: 'ox-1-1', measuredAt: '2026-03-14T09:00:00.000Z', spo2: 97, pulseRate: 70, seq: 1 }],
};
const target = { baseUrl: 'http://vigil.test/', token: 'secret', retry: { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 250 } };

function setup() {
  const server = new FakeVigilServer();
  const clock = new FakeClock(0);
  return { server, clock, ports: { http: server.http, sleep: clock.sleep } };
}

describe('postReadings', () => {
  it('posts with the bearer token and reads the server’s counts', async () => {
    const { server, ports } = setup();
    await expect(postReadings(ports, target, batch)).resolves.toEqual({ outcome: 'accepted', accepted: 1, duplicates: 0, rejected: [], attempts: 1 });
    expect(server.requests[0]).toEqual(
      expect.objectContaining({ url: 'http://vigil.test/api/v1/ingest/readings', headers: { authorization: 'Bearer secret' } }),
    );
  });

  it('retries the identical batch after 503s and network errors, backing off', async () => {
    const { server, clock, ports } = setup();
    server.ingestScript.push(503, 'network-error', 502);
    const outcome = await postReadings(ports, target, batch);
    expect(outcome).toEqual(expect.objectContaining({ outcome: 'accepted', attempts: 4 }));
    expect(server.ingestCalls).toHaveLength(4);
    expect(new Set(server.ingestCalls.map((call) => JSON.stringify(call))).size).toBe(1);
    expect(clock.nowMs).toBe(100 + 200 + 250);
  });

  it('gives up after the bounded number of attempts', async () => {
    const { server, ports } = setup();
    server.ingestScript.push(503, 503, 503, 503, 503);
    const outcome = await postReadings(ports, target, batch);
    expect(outcome).toEqual(expect.objectContaining({ outcome: 'undelivered', attempts: 4 }));
    expect(outcome.outcome === 'undelivered' && outcome.reason).toContain('HTTP 503');
    expect(server.ingestCalls).toHaveLength(4);
  });

  it('does not retry a batch the server refuses as invalid', async () => {
    const { server, ports } = setup();
    server.ingestScript.push(400);
    await expect(postReadings(ports, target, batch)).resolves.toEqual({ outcome: 'refused', status: 400, message: 'scripted', attempts: 1 });
    expect(server.ingestCalls).toHaveLength(1);
  });

  it.each([401, 403])('stops with a typed error on %i', async (status) => {
    const { server, ports } = setup();
    server.ingestScript.push(status);
    const attempt = postReadings(ports, target, batch);
    await expect(attempt).rejects.toBeInstanceOf(GatewayAuthorizationError);
    await expect(attempt).rejects.toMatchObject({ status, gatewayId: 'gw-1' });
    expect(server.ingestCalls).toHaveLength(1);
  });

  it('stops retrying once the run is stopped', async () => {
    const { server, ports } = setup();
    const controller = new AbortController();
    server.ingestScript.push(503, 503);
    const stoppingSleep = async () => controller.abort();
    const outcome = await postReadings({ ...ports, sleep: stoppingSleep, signal: controller.signal }, target, batch);
    expect(outcome).toEqual(expect.objectContaining({ outcome: 'undelivered', attempts: 1 }));
    expect(server.ingestCalls).toHaveLength(1);
  });
});
