import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { appWithStaff } from './testing/app-with-staff';

// Gateway vendors build to the published document: the ingest endpoint must carry its wire schema
// (libs/ingest/src/gateway-reading.schema.ts), every reading kind with its fields and ranges.
describe('the OpenAPI document', () => {
  let app: NestFastifyApplication;
  let close: () => Promise<void>;
  beforeAll(async () => ({ app, close } = await appWithStaff()));
  afterAll(() => close());

  it('documents POST /api/v1/ingest/readings with the three reading kinds, their fields and ranges', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    const body = document.paths['/api/v1/ingest/readings'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['gatewayId', 'readings']);
    expect(body.properties.readings).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 });
    const kinds = body.properties.readings.items.oneOf;
    expect(kinds.map((kind: { properties: { kind: { enum: string[] } } }) => kind.properties.kind.enum[0])).toEqual(['oximetry', 'bloodPressure', 'gatt']);
    const [oximetry, bloodPressure, gatt] = kinds;
    expect(oximetry.additionalProperties).toBe(false);
    expect(oximetry.properties.spo2).toMatchObject({ type: 'number', minimum: 0, maximum: 100, nullable: true });
    expect(bloodPressure.properties.systolic).toMatchObject({ type: 'number', minimum: 40, maximum: 300 });
    expect(bloodPressure.required).toEqual(expect.arrayContaining(['kind', 'deviceId', 'measuredAt', 'systolic', 'diastolic']));
    expect(gatt.properties.value).toMatchObject({ type: 'string', maxLength: 512 });
  });
});
