package org.keymail.server.directory.ldap;

import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import org.keymail.server.ListenAddress;
import org.keymail.server.tls.TlsPolicy;
import org.keymail.server.tls.TlsSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;

/**
 * The directory's LDAPS listener: UnboundID's {@link LDAPListener} on the {@link DirectoryPort},
 * bound to the server's {@link ListenAddress}, TLS from the first byte with the server's own
 * certificate (the SSL bundle {@code keymail-server}, followed when it is renewed) and the same
 * protocols and suites as HTTPS. Started with the server's other listeners, after the context is
 * refreshed (so the bundle holds the CA-issued certificate), and stopped before the vault closes.
 */
public final class DirectoryListener implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryListener.class);

  /** Connections at once: address books keep one each; more is a flood. */
  private static final int MAX_CONNECTIONS = 200;

  /** The largest request taken: a search or bind of an address book is a few hundred bytes. */
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final DirectoryPort port;
  private final DirectoryTree tree;
  private final ListenAddress address;
  private final SslBundles bundles;
  private final ReadOnlyDirectory handler;
  private volatile LDAPListener listener;

  DirectoryListener(
      DirectoryPort port,
      DirectoryTree tree,
      ListenAddress address,
      SslBundles bundles,
      ReadOnlyDirectory handler) {
    this.port = port;
    this.tree = tree;
    this.address = address;
    this.bundles = bundles;
    this.handler = handler;
  }

  @Override
  public void start() {
    LDAPListenerConfig config = new LDAPListenerConfig(port.number(), handler);
    config.setListenAddress(address.address());
    config.setServerSocketFactory(tls());
    config.setMaxConnections(MAX_CONNECTIONS);
    config.setMaxMessageSizeBytes(MAX_REQUEST_BYTES);
    LDAPListener started = new LDAPListener(config);
    try {
      started.startListening();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the directory over LDAP cannot listen on " + address + " port " + port.number(), e);
    }
    listener = started;
    LOG.info("the directory over LDAP listens on {} port {} (LDAPS)", address, port.number());
  }

  @Override
  public void stop() {
    LDAPListener running = listener;
    listener = null;
    if (running != null) {
      running.shutDown(true);
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null;
  }

  /** Where the listener is, in a sentence for the administrators' system page. */
  public String describe() {
    return "LDAPS on "
        + address
        + " port "
        + port.number()
        + ", base DN "
        + tree
        + (isRunning() ? "; serving address books." : "; not listening.");
  }

  private ServerSocketFactory tls() {
    RenewableKeyManager keys = new RenewableKeyManager(bundles.getBundle(TlsSetup.BUNDLE));
    bundles.addBundleUpdateHandler(TlsSetup.BUNDLE, keys::use);
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new javax.net.ssl.KeyManager[] {keys}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS for the directory over LDAP", e);
    }
    return new PolicySocketFactory(context.getServerSocketFactory());
  }

  /** Server sockets that speak {@link TlsPolicy}'s protocols and suites only. */
  private static final class PolicySocketFactory extends ServerSocketFactory {
    private final SSLServerSocketFactory tls;

    PolicySocketFactory(SSLServerSocketFactory tls) {
      this.tls = tls;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return policed(tls.createServerSocket());
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return policed(tls.createServerSocket(port));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return policed(tls.createServerSocket(port, backlog));
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      return policed(tls.createServerSocket(port, backlog, address));
    }

    private static ServerSocket policed(ServerSocket socket) {
      SSLServerSocket server = (SSLServerSocket) socket;
      server.setEnabledProtocols(TlsPolicy.PROTOCOLS.toArray(String[]::new));
      server.setEnabledCipherSuites(TlsPolicy.CIPHERS.toArray(String[]::new));
      return server;
    }
  }
}
