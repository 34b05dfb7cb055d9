// Structured logs (pino, one JSON object a line). Every line written while a request is being
// served carries its request id (`req`), through AsyncLocalStorage, so the lines of one slow,
// refused or failed request can be found together.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

export interface RequestScope {
  id: string;
  /** The peer address (and x-forwarded-for when present), for telling clients apart. */
  client: string | undefined;
  startedAt: number;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `request` as the current request scope. */
export function inRequest<T>(request: RequestScope, fn: () => T): T {
  return scope.run(request, fn);
}

export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}

/** A request id: the client's X-Request-Id when it is short and plain, otherwise a new one. */
export function requestId(header: string | null | undefined): string {
  return header && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const r = scope.getStore();
      return r ? { req: r.id } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
