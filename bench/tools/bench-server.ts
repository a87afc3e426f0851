/**
 * The server the check-in benchmark loads: what `aftercare start` runs (buildApp over the store, escalation timer),
 * plus one bare route registered before listen, the floor the check-in write is compared to: the same access check
 * (session + patient lookup) and body parsing, then one durable insert (an audit event) and nothing else; and a second
 * one with two inserts, one commit each.
 * Run as `node --import tsx bench/tools/bench-server.ts`, with DATABASE_URL or AFTERCARE_DB; prints "listening <url>".
 */
import { openStore, resolveDatabase } from '../../packages/store/src/index.ts';
import { buildApp } from '../../packages/server/src/app.ts';
import { systemClock } from '../../packages/server/src/clock.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { createInProcessEventBus } from '../../packages/server/src/events/event-bus.ts';
import { recordPatient, signedInUser } from '../../packages/server/src/http/caller.ts';
import { startEscalationChecks } from '../../packages/server/src/services/escalation.ts';

/** The bare route's path: beside the check-in route, under the same patient. */
export const BARE_ROUTE = '/api/v1/patients/:id/bench-bare-insert';
export const TWO_INSERTS_ROUTE = '/api/v1/patients/:id/bench-two-inserts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const store = await openStore(resolveDatabase(process.env));
await store.migrate();
const events = createInProcessEventBus();
const app = await buildApp({ store, clock: systemClock, config, events });

app.post(BARE_ROUTE, { config: { access: 'patient-record' } }, async (request, reply) => {
  const patient = recordPatient(request);
  await store.appendAudit({
    at: systemClock.now().toISOString(),
    actorId: signedInUser(request).id,
    action: 'bench.bare-insert',
    patientId: patient.id,
    resourceType: 'bench',
    resourceId: null,
    ip: request.ip,
  });
  return reply.code(201).send({ ok: true });
});

// The same with two inserts, each its own commit: what a second commit costs (the check-in's audit event once had one).
app.post(TWO_INSERTS_ROUTE, { config: { access: 'patient-record' } }, async (request, reply) => {
  const patient = recordPatient(request);
  for (const action of ['bench.first-insert', 'bench.second-insert']) {
    await store.appendAudit({
      at: systemClock.now().toISOString(),
      actorId: signedInUser(request).id,
      action,
      patientId: patient.id,
      resourceType: 'bench',
      resourceId: null,
      ip: request.ip,
    });
  }
  return reply.code(201).send({ ok: true });
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
const stopEscalation = startEscalationChecks({ store, clock: systemClock, config, events }, app.log);
process.stdout.write(`listening ${address}\n`);

process.once('SIGTERM', () => {
  void stopEscalation()
    .then(() => app.close())
    .then(() => store.close())
    .then(() => {
      process.exit(0);
    });
});
