// A TCP proxy on 127.0.0.1 that fault tests put between the server and Neo4j, so they can cut
// and restore the database connection without touching the shared Neo4j instance.
import net from 'node:net';

export interface FaultProxy {
  /** bolt://127.0.0.1:<port>, to give the server or driver instead of the real address. */
  uri: string;
  port: number;
  /** Destroys every open connection and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  /** Connections currently piped through. */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let down = false;

  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
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

  return {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    cut,
    restore: () => {
      down = false;
    },
    get openConnections() {
      return pairs.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}
