// A TCP proxy on 127.0.0.1 that fault tests put between the server and Neo4j, so they can cut
// and restore the database connection without touching the shared Neo4j instance. `cut` is a
// database that went away (connections reset, new ones refused); `freeze` is one that hangs
// (connections stay open and accepted, but no byte goes through), as a stopped process would.
import net from 'node:net';

export interface FaultProxy {
  /** bolt://127.0.0.1:<port>, to give the server or driver instead of the real address. */
  uri: string;
  port: number;
  /** Destroys every open connection and refuses new ones until `restore`. */
  cut(): void;
  /** Stops forwarding in both directions and holds new connections open without forwarding them, until `restore`. */
  freeze(): void;
  restore(): void;
  /** Connections currently piped through. */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let down = false;
  let frozen = false;
  const held = new Set<net.Socket>();

  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    if (frozen) {
      held.add(client);
      client.pause();
      client.on('error', () => client.destroy()).on('close', () => held.delete(client));
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as net.AddressInfo).port;

  const cut = () => {
    down = true;
    for (const [a, b] of pairs) {
      // resetAndDestroy sends RST, as a dropped network would, rather than a polite FIN.
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    pairs.clear();
  };

  const freeze = () => {
    frozen = true;
    for (const [a, b] of pairs) {
      a.unpipe(b);
      b.unpipe(a);
      a.pause();
      b.pause();
    }
  };

  return {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    cut,
    freeze,
    restore: () => {
      // Connections frozen mid-exchange cannot be trusted to resume cleanly: they are reset, and
      // clients reconnect as after a cut.
      if (frozen) {
        frozen = false;
        for (const s of held) s.resetAndDestroy();
        held.clear();
        cut();
      }
      down = false;
    },
    get openConnections() {
      return pairs.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of held) s.destroy();
        cut();
        server.close(() => resolve());
      }),
  };
}
