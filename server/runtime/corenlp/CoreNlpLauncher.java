// Runs the Stanford CoreNLP server in this JVM, on loopback, and ties its life to the Node
// process that started it. Started by server/runtime/corenlp/descriptor.ts with the jars fetched by
// `npm run nlp:provision`.
//
// The stock server listens on every interface and has no option to change that, so the
// launcher installs an HttpServerProvider that binds whatever the server asks for to the host
// given in the system property newsgraph.host (a loopback address; config.ts refuses others).
//
// Arguments: <attached|detached> <StanfordCoreNLPServer arguments...>
//   attached: exit when standard input closes, so the server never outlives the Node process
//             that started it (even if that process is killed -9).
//   detached: keep running until SIGTERM/SIGINT (npm run nlp:start / nlp:stop).
// Prints "CORENLP_READY <port>" on standard output once the server listens (with -quiet the
// server itself logs nothing, and its main returns once its HTTP server has started).
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;

public class CoreNlpLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !(args[0].equals("attached") || args[0].equals("detached"))) {
      System.err.println("usage: CoreNlpLauncher <attached|detached> [server arguments]");
      System.exit(2);
    }
    boolean attached = args[0].equals("attached");
    System.setProperty("com.sun.net.httpserver.HttpServerProvider", LoopbackProvider.class.getName());
    if (attached) {
      Thread watchdog = new Thread(() -> {
        try {
          InputStream in = System.in;
          byte[] buf = new byte[256];
          while (in.read(buf) >= 0) {
            // the parent writes nothing; we only wait for end-of-file
          }
        } catch (Exception e) {
          // a broken pipe means the parent is gone, too
        }
        System.exit(0);
      }, "parent-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
    String[] serverArgs = Arrays.copyOfRange(args, 1, args.length);
    StanfordCoreNLPServer.main(serverArgs);
    int at = Arrays.asList(serverArgs).indexOf("-port");
    System.out.println("CORENLP_READY " + (at >= 0 && at + 1 < serverArgs.length ? serverArgs[at + 1] : "9000"));
    System.out.flush();
  }

  /** Delegates to the JDK's own provider, replacing the wildcard address with the configured host. */
  public static class LoopbackProvider extends HttpServerProvider {
    private final HttpServerProvider delegate;

    public LoopbackProvider() throws ReflectiveOperationException {
      delegate = (HttpServerProvider) Class.forName("sun.net.httpserver.DefaultHttpServerProvider").getDeclaredConstructor().newInstance();
    }

    private static InetSocketAddress rebind(InetSocketAddress addr) {
      if (addr == null) return null;
      return new InetSocketAddress(System.getProperty("newsgraph.host", "127.0.0.1"), addr.getPort());
    }

    @Override
    public HttpServer createHttpServer(InetSocketAddress addr, int backlog) throws IOException {
      return delegate.createHttpServer(rebind(addr), backlog);
    }

    @Override
    public HttpsServer createHttpsServer(InetSocketAddress addr, int backlog) throws IOException {
      return delegate.createHttpsServer(rebind(addr), backlog);
    }
  }
}
