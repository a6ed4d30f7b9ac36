import type { Server, ServerOptions } from 'node:http';

/** What a server on loopback holds for any local process that reaches it. */
export interface LoopbackLimits {
  /** Connections at once: past them a new one is closed at once. */
  connections: number;
  /** How long a request's headers, and the whole request, may take to arrive. */
  headersMs: number;
  requestMs: number;
}

/**
 * The options of a server on loopback that any local process can reach: a slow or held
 * connection is closed once its request is late (checked every second, not Node's 30 s).
 */
export function loopbackOptions(limits: LoopbackLimits): ServerOptions {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersMs),
  };
}

/** Caps the connections a server holds at once. */
export function capConnections(server: Server, limits: LoopbackLimits): Server {
  server.maxConnections = limits.connections;
  return server;
}
