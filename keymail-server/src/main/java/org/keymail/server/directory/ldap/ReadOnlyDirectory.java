package org.keymail.server.directory.ldap;

import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareResponseProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.store.StorageUnavailableException;

/**
 * The directory's LDAP request handler: one instance per connection ({@link #newInstance}), which
 * remembers who bound on it. It answers bind and search (and takes unbind and abandon); every
 * change is refused with {@code unwillingToPerform}, since people and certificates change in
 * keymail only, and so are compare and extended operations (StartTLS too: the connection is TLS
 * from its first byte). A search needs a bind, except for the root DSE, where address books find
 * the naming context.
 */
final class ReadOnlyDirectory extends LDAPListenerRequestHandler {

  static final String READ_ONLY =
      "The directory is read-only: people and their certificates change in keymail.";
  static final String BIND_FIRST =
      "Bind first, as mail=<your address>,<base DN> with the directory credential from your"
          + " keymail Dashboard.";
  static final String UNAVAILABLE =
      "The directory is not available right now (keymail's database does not answer); try again"
          + " in a moment.";

  private final DirectoryBinds binds;
  private final DirectorySearch search;
  private final LDAPListenerClientConnection connection;

  /** Who is bound on this connection; empty until a bind succeeds, and after a failed one. */
  private volatile Optional<UUID> bound = Optional.empty();

  ReadOnlyDirectory(DirectoryBinds binds, DirectorySearch search) {
    this(binds, search, null);
  }

  private ReadOnlyDirectory(
      DirectoryBinds binds, DirectorySearch search, LDAPListenerClientConnection connection) {
    this.binds = binds;
    this.search = search;
    this.connection = connection;
  }

  @Override
  public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) {
    return new ReadOnlyDirectory(binds, search, connection);
  }

  @Override
  public LDAPMessage processBindRequest(
      int messageId, BindRequestProtocolOp request, List<Control> controls) {
    bound = Optional.empty();
    if (request.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
      return bindResult(
          messageId,
          ResultCode.AUTH_METHOD_NOT_SUPPORTED,
          "Only simple binds are served, over this TLS connection.");
    }
    DirectoryBinds.Outcome outcome;
    try {
      outcome =
          binds.simple(
              request.getBindDN(), request.getSimplePassword().getValue(), clientAddress());
    } catch (StorageUnavailableException e) {
      return bindResult(messageId, ResultCode.UNAVAILABLE, UNAVAILABLE);
    }
    bound = outcome.user();
    return bindResult(messageId, outcome.result(), outcome.message());
  }

  @Override
  public LDAPMessage processSearchRequest(
      int messageId, SearchRequestProtocolOp request, List<Control> controls) {
    DirectorySearch.Done done;
    try {
      done =
          search.run(request, bound, entry -> connection.sendSearchResultEntry(messageId, entry));
    } catch (StorageUnavailableException e) {
      done = new DirectorySearch.Done(ResultCode.UNAVAILABLE, UNAVAILABLE);
    }
    return new LDAPMessage(
        messageId,
        new SearchResultDoneProtocolOp(done.result().intValue(), null, done.message(), null));
  }

  @Override
  public LDAPMessage processAddRequest(
      int messageId, AddRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(
        messageId, new AddResponseProtocolOp(unwilling(), null, READ_ONLY, null));
  }

  @Override
  public LDAPMessage processModifyRequest(
      int messageId, ModifyRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(
        messageId, new ModifyResponseProtocolOp(unwilling(), null, READ_ONLY, null));
  }

  @Override
  public LDAPMessage processDeleteRequest(
      int messageId, DeleteRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(
        messageId, new DeleteResponseProtocolOp(unwilling(), null, READ_ONLY, null));
  }

  @Override
  public LDAPMessage processModifyDNRequest(
      int messageId, ModifyDNRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(
        messageId, new ModifyDNResponseProtocolOp(unwilling(), null, READ_ONLY, null));
  }

  @Override
  public LDAPMessage processCompareRequest(
      int messageId, CompareRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(
        messageId,
        new CompareResponseProtocolOp(
            unwilling(), null, "Compare is not served; search instead.", null));
  }

  @Override
  public LDAPMessage processExtendedRequest(
      int messageId, ExtendedRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(
        messageId,
        new ExtendedResponseProtocolOp(
            unwilling(),
            null,
            "Extended operations are not served (this connection is TLS already).",
            null,
            null,
            null));
  }

  private String clientAddress() {
    return connection.getSocket().getInetAddress().getHostAddress();
  }

  private static int unwilling() {
    return ResultCode.UNWILLING_TO_PERFORM.intValue();
  }

  private static LDAPMessage bindResult(int messageId, ResultCode result, String message) {
    return new LDAPMessage(
        messageId, new BindResponseProtocolOp(result.intValue(), null, message, null, null));
  }
}
