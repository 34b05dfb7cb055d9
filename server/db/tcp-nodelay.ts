// neo4j-driver opens Bolt sockets with net.connect / tls.connect and leaves Nagle's algorithm
// on. A statement whose parameters span more than one TCP segment (any batched UNWIND) then
// waits for the server's delayed ACK: a flat ~40 ms per statement, measured here as 45 ms for a
// 25-row MERGE whose database work takes under 1 ms. The official Python and Rust drivers set
// TCP_NODELAY; this does the same for ours by wrapping exactly the two functions the driver
// calls (net.createConnection, which Node's HTTP agents use, is a separate property and untouched).
import { createRequire } from 'node:module';
import type net from 'node:net';
import type tls from 'node:tls';

const require = createRequire(import.meta.url);
const netModule = require('node:net') as typeof net;
const tlsModule = require('node:tls') as typeof tls;
const MARK = Symbol.for('news-knowledge-graph.tcp-nodelay');

function wrap<T extends (...args: never[]) => net.Socket>(original: T): T {
  if ((original as unknown as Record<symbol, boolean>)[MARK]) return original;
  const wrapped = function (this: unknown, ...args: Parameters<T>) {
    const socket = original.apply(this, args);
    socket.setNoDelay(true);
    return socket;
  } as unknown as T;
  (wrapped as unknown as Record<symbol, boolean>)[MARK] = true;
  return wrapped;
}

export function enableBoltNoDelay(): void {
  netModule.connect = wrap(netModule.connect);
  tlsModule.connect = wrap(tlsModule.connect);
}
