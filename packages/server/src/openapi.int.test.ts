import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { closeTestStores } from '@aftercare/store/testing';
import { requireAccessDeclarations, type RegisteredRoute } from './http/access.ts';
import { makeTestApp, type TestApp } from './testing/test-app.ts';
import { ACCESS_LEVELS } from './http/types.ts';

describe('routes and their declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
  });
  afterAll(async () => {
    await t.app.close();
    await closeTestStores();
  });

  it('every registered route declares its access', () => {
    expect(t.app.aftercareRoutes.length).toBeGreaterThan(30);
    for (const route of t.app.aftercareRoutes) {
      expect(ACCESS_LEVELS, `${route.method} ${route.url}`).toContain(route.access);
    }
    const patientRoutes = t.app.aftercareRoutes.filter((r) => r.url.startsWith('/api/v1/patients/:id'));
    expect(patientRoutes.every((r) => ['patient-record', 'team-record', 'record-owner'].includes(r.access))).toBe(true);
  });

  it('refuses to register a route that declares no access (or a made-up one)', async () => {
    const app = Fastify();
    const seen: RegisteredRoute[] = [];
    requireAccessDeclarations(app, seen);
    app.get('/declared', { config: { access: 'public' } }, () => 'ok');
    expect(() => app.get('/undeclared', () => 'no')).toThrow(/must declare config.access/);
    expect(() => app.get('/made-up', { config: { access: 'anyone' as 'public' } }, () => 'no')).toThrow(/must declare/);
    await app.ready();
    expect(seen.map((r) => r.url)).toContain('/declared');
    await app.close();
  });

  it('publishes an OpenAPI 3.1 document listing every API route', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const expected = t.app.aftercareRoutes
      .filter((r) => r.method !== 'HEAD' && r.url !== '/*')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(expected.length).toBeGreaterThan(30);
    for (const route of expected) {
      expect(documented, route).toContain(route);
    }
    const enrol = doc.paths['/api/v1/patients']?.post as { requestBody?: unknown } | undefined;
    expect(enrol?.requestBody).toBeDefined();
  });
});
