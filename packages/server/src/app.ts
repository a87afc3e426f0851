/** buildApp: the whole HTTP server as one Fastify instance, built from what it is given (no module singletons). */
import type { Server } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AftercareError } from '@aftercare/core';
import type { Store } from '@aftercare/store';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createInProcessEventBus, type EventBus } from './events/event-bus.ts';
import { enforceAccess, requireAccessDeclarations, type RegisteredRoute } from './http/access.ts';
import { auditPatientData } from './http/audit.ts';
import { refuseCrossSiteWrites } from './auth/csrf.ts';
import { errorBody } from './http/error-body.ts';
import { handleError } from './http/error-handler.ts';
import type { App, ServerDeps } from './http/types.ts';
import { replanOnChanges } from './reminders/replan-hook.ts';
import { apiRoutes } from './routes/index.ts';
import { registerWebApp } from './web/serve-web.ts';
import { redactFeedSecret } from './calendar/feed-secret.ts';

export interface BuildAppDeps {
  store: Store;
  clock: Clock;
  config: Config;
  /** Live events for the care team; an in-process bus when not given (one server process). */
  events?: EventBus;
  /** A ready logger, false for silence, or undefined for JSON logs at config.logLevel on `logStream`. */
  logger?: FastifyBaseLogger | false;
  /** Where the JSON logs go when no logger is given: stdout by default. */
  logStream?: NodeJS.WritableStream;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, in registration order (for tests and the route table). */
    aftercareRoutes: RegisteredRoute[];
  }
}

/** Security headers for the answers Fastify's router gives before any hook runs (see frameworkErrors). */
const ROUTER_ERROR_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Cookies and credentials never reach the logs; neither do bodies (Fastify does not log them). */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'];

function loggerOptions(deps: BuildAppDeps): Pick<FastifyHttpOptions<Server>, 'logger' | 'loggerInstance'> {
  if (deps.logger === false) {
    return { logger: false };
  }
  if (deps.logger !== undefined) {
    return { loggerInstance: deps.logger };
  }
  return {
    logger: {
      level: deps.config.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { req: requestForLog },
      ...(deps.logStream === undefined ? {} : { stream: deps.logStream }),
    },
  };
}

/** The request as logged: the path without its query string, which can carry a searched-for patient name. */
function requestForLog(request: { method: string; url: string; ip?: string }): Record<string, string | undefined> {
  const path = redactFeedSecret((request.url.split('?', 1)[0] ?? '').replace(INVITE_SECRET_PATH, '$1[redacted]'));
  return { method: request.method, path, remoteAddress: request.ip };
}

/** An invite's link token or code in the path is a key to an account: never logged. */
const INVITE_SECRET_PATH = /^(\/api\/v1\/invites\/)(?!accept(?:[/?]|$))[^/?]+/;

/**
 * Builds the Aftercare server. Call `await app.ready()` (or `listen`) before use.
 * @example
 * const app = await buildApp({ store, clock: systemClock, config: loadConfig(process.env) });
 * await app.listen({ port: app.config.port });
 */
export async function buildApp(deps: BuildAppDeps): Promise<App> {
  const { config } = deps;
  const options: FastifyHttpOptions<Server> = {
    ...loggerOptions(deps),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Router errors (a path part too long, bad percent-encoding): our error body, never the address echoed back.
    frameworkErrors: (error, _request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'Part of this address is too long.' : 'This address is not valid.';
      // These answers come before routing, so helmet's hook has not run: the headers a JSON error needs, by hand.
      void (reply as FastifyReply)
        .code(400)
        .headers(ROUTER_ERROR_HEADERS)
        .send(errorBody('CARE_ERR_BAD_INPUT', message));
    },
  };
  const app: App = Fastify(options).withTypeProvider<ZodTypeProvider>();
  const serverDeps: ServerDeps = {
    store: deps.store,
    clock: deps.clock,
    config,
    events: deps.events ?? createInProcessEventBus(),
  };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  // JSON only: no text/plain parser (so other types get 415), and an empty JSON body counts as no body.
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'remove');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  });

  app.decorate('aftercareRoutes', [] as RegisteredRoute[]);
  requireAccessDeclarations(app, app.aftercareRoutes);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('patient', null);
  app.decorateRequest('auditNote', null);

  await app.register(cookie);
  await app.register(helmet, {
    global: true,
    hsts: config.secureCookies,
    frameguard: { action: 'deny' },
    contentSecurityPolicy: {
      useDefaults: true,
      // Nobody may frame any page (clickjacking); the default would allow our own origin.
      directives: { frameAncestors: ["'none'"], upgradeInsecureRequests: config.secureCookies ? [] : null },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AftercareError('CARE_ERR_RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Aftercare API',
        version: '1.0.0',
        description:
          'Care companion for recovery at home after a procedure. Errors: { error: { code, message, issues? } }.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'aftercare_session' } } },
    },
    transform: jsonSchemaTransform,
  });

  refuseCrossSiteWrites(app, serverDeps);
  enforceAccess(app, serverDeps);
  auditPatientData(app, serverDeps);
  // Writes that change what is reminded (medicines, visits, time zone, …) plan the patient's reminders again at once.
  replanOnChanges(app, serverDeps);

  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody('CARE_ERR_NOT_FOUND', 'There is nothing at this address.'));
  });

  for (const register of apiRoutes) {
    register(app, serverDeps);
  }
  registerWebApp(app, serverDeps);
  return app;
}
