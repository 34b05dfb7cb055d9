// Runs Neo4j community embedded in this JVM with only the Bolt connector, on loopback.
// Started by server/runtime/neo4j/descriptor.ts with the jars fetched by `npm run db:provision`.
//
// Arguments: <dataDir> <host> <port> <mode>
//   mode "attached": shut down when standard input closes, so the database never outlives
//                    the Node process that started it (even if that process is killed -9).
//   mode "detached": keep running until SIGTERM/SIGINT (npm run db:start / db:stop).
// Prints "NEO4J_READY <port>" on standard output once Bolt accepts connections.
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Neo4jLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: Neo4jLauncher <dataDir> <host> <port> <attached|detached>");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    boolean attached = args[3].equals("attached");

    // Authentication is off, which is only acceptable because Bolt listens on loopback;
    // config.ts refuses any other host for the embedded database.
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(120))
        .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
        .build();

    Thread shutdown = new Thread(() -> {
      try {
        dbms.shutdown();
      } catch (Exception e) {
        System.err.println("neo4j shutdown: " + e.getMessage());
      }
    });
    Runtime.getRuntime().addShutdownHook(shutdown);

    System.out.println("NEO4J_READY " + port);
    System.out.flush();

    if (attached) {
      InputStream in = System.in;
      byte[] buf = new byte[256];
      while (in.read(buf) >= 0) {
        // the parent writes nothing; we only wait for end-of-file
      }
      System.exit(0); // runs the shutdown hook
    } else {
      Thread.currentThread().join();
    }
  }
}
