package org.itilengine.connectors.identity.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reads and changes the LDAP directory through a connection pool. A definite "no" from the
 * directory becomes an {@link IdentityRequestRejectedException}; every other {@link LDAPException}
 * (connection refused, timeout, server busy) is left to the route's redelivery.
 */
@Component
@ConditionalOnProperty("itil.directory.ldap.url")
public class LdapDirectoryClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LdapDirectoryClient.class);

  /** Result codes that are the directory's answer, not a failure; a retry gets the same answer. */
  private static final Map<ResultCode, String> REFUSALS = Map.of(
      ResultCode.NO_SUCH_OBJECT, "the entry does not exist",
      ResultCode.CONSTRAINT_VIOLATION, "the value violates a directory constraint",
      ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "the bind DN lacks the access rights");

  /** OpenLDAP ppolicy's value for an account an administrator locked for good (not a lockout). */
  static final String ADMINISTRATIVE_LOCK = "000001010000Z";

  private final LdapDirectoryProperties settings;
  private LDAPConnectionPool pool;

  public LdapDirectoryClient(LdapDirectoryProperties settings) {
    this.settings = settings;
  }

  /** The user with this mail, or null. */
  public DirectoryUser findByEmail(String email) throws LDAPException {
    List<SearchResultEntry> found = pool().search(settings.userBase(), SearchScope.SUB,
        Filter.createEqualityFilter(settings.mailAttribute(), email), userAttributes()).getSearchEntries();
    if (found.size() > 1) {
      throw new IdentityRequestRejectedException(found.size() + " directory users have the mail " + email);
    }
    return found.isEmpty() ? null : toUser(found.get(0));
  }

  /** The user with this id, or null. */
  public DirectoryUser findById(String userId) throws LDAPException {
    SearchResultEntry found = pool().searchForEntry(settings.userBase(), SearchScope.SUB,
        Filter.createEqualityFilter(settings.idAttribute(), userId), userAttributes());
    return found == null ? null : toUser(found);
  }

  public void unlock(String userId) throws LDAPException {
    SearchResultEntry user = user(userId);
    String lockedAt = user.getAttributeValue(settings.lockoutAttribute());
    if (lockedAt == null) {
      LOG.info("LDAP user {} is not locked, nothing to unlock", userId);
      return;
    }
    if (ADMINISTRATIVE_LOCK.equals(lockedAt)) {
      throw new IdentityRequestRejectedException("LDAP user " + userId + " was locked by an administrator, not by"
          + " failed logins; only a person may lift that");
    }
    modify(user.getDN(), "unlock " + userId, new Modification(ModificationType.DELETE, settings.lockoutAttribute()));
  }

  public void setTemporaryPassword(String userId, String password) throws LDAPException {
    modify(user(userId).getDN(), "set a temporary password for " + userId,
        new Modification(ModificationType.REPLACE, settings.passwordAttribute(), password),
        new Modification(ModificationType.REPLACE, settings.passwordResetAttribute(), "TRUE"));
  }

  /** Already a member counts as done: a retry after a timeout may find the first attempt applied. */
  public void addToGroup(String userId, String group) throws LDAPException {
    changeMembership(ModificationType.ADD, userId, group, "add " + userId + " to group " + group,
        ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
  }

  /** Not a member counts as done, for the same reason. */
  public void removeFromGroup(String userId, String group) throws LDAPException {
    changeMembership(ModificationType.DELETE, userId, group, "remove " + userId + " from group " + group,
        ResultCode.NO_SUCH_ATTRIBUTE);
  }

  /** A cheap read (the root DSE) that fails when the directory cannot be reached or bound to. */
  public void checkReachable() throws LDAPException {
    pool().getRootDSE();
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  private void changeMembership(ModificationType change, String userId, String group, String request,
      ResultCode alreadyDone) throws LDAPException {
    String userDn = user(userId).getDN();
    try {
      modify(groupDn(group), request, new Modification(change, settings.memberAttribute(), userDn));
    } catch (LDAPException e) {
      if (e.getResultCode() != alreadyDone) {
        throw e;
      }
      LOG.info("LDAP: {} was already done", request);
    }
  }

  private SearchResultEntry user(String userId) throws LDAPException {
    SearchResultEntry user = pool().searchForEntry(settings.userBase(), SearchScope.SUB,
        Filter.createEqualityFilter(settings.idAttribute(), userId), settings.lockoutAttribute());
    if (user == null) {
      throw new IdentityRequestRejectedException("No LDAP user " + userId + " under " + settings.userBase());
    }
    return user;
  }

  private String groupDn(String group) throws LDAPException {
    SearchResultEntry entry = pool().searchForEntry(settings.groupBase(), SearchScope.SUB, Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", settings.groupObjectClass()),
        Filter.createEqualityFilter(settings.groupNameAttribute(), group)), "1.1");
    if (entry == null) {
      throw new IdentityRequestRejectedException("No LDAP group " + group + " under " + settings.groupBase());
    }
    return entry.getDN();
  }

  private void modify(String dn, String request, Modification... modifications) throws LDAPException {
    try {
      pool().modify(dn, modifications);
    } catch (LDAPException e) {
      String refusal = REFUSALS.get(e.getResultCode());
      if (refusal == null) {
        throw e;
      }
      throw new IdentityRequestRejectedException("LDAP directory refused to " + request + ": " + refusal
          + " (" + e.getResultCode() + ")", e);
    }
  }

  private DirectoryUser toUser(SearchResultEntry entry) throws LDAPException {
    return new DirectoryUser(
        entry.getAttributeValue(settings.idAttribute()),
        entry.getAttributeValue(settings.mailAttribute()),
        entry.getAttributeValue(settings.displayNameAttribute()),
        managerId(entry.getAttributeValue(settings.managerAttribute())),
        entry.getAttributeValue(settings.employeeTypeAttribute()),
        groups(entry.getDN()),
        entry.hasAttribute(settings.lockoutAttribute()));
  }

  /** The manager's id: from the DN's RDN when it is named by id (the usual case), else read. */
  private String managerId(String managerDn) throws LDAPException {
    if (managerDn == null || !DN.isValidDN(managerDn)) {
      return null;
    }
    RDN rdn = new DN(managerDn).getRDN();
    String[] names = rdn.getAttributeNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(settings.idAttribute())) {
        return rdn.getAttributeValues()[i];
      }
    }
    SearchResultEntry manager = pool().getEntry(managerDn, settings.idAttribute());
    return manager == null ? null : manager.getAttributeValue(settings.idAttribute());
  }

  private Set<String> groups(String userDn) throws LDAPException {
    return pool().search(settings.groupBase(), SearchScope.SUB, Filter.createANDFilter(
            Filter.createEqualityFilter("objectClass", settings.groupObjectClass()),
            Filter.createEqualityFilter(settings.memberAttribute(), userDn)), settings.groupNameAttribute())
        .getSearchEntries().stream()
        .map(group -> group.getAttributeValue(settings.groupNameAttribute()))
        .collect(Collectors.toSet());
  }

  private String[] userAttributes() {
    return new String[] {settings.idAttribute(), settings.mailAttribute(), settings.displayNameAttribute(),
        settings.managerAttribute(), settings.employeeTypeAttribute(), settings.lockoutAttribute()};
  }

  private static char[] passwordOf(String password) {
    return password == null ? null : password.toCharArray();
  }

  /** Created on first use, so the application starts while the directory is down or not yet up. */
  private synchronized LDAPConnectionPool pool() throws LDAPException {
    if (pool == null) {
      LDAPURL url = new LDAPURL(settings.url());
      LDAPConnectionOptions options = new LDAPConnectionOptions();
      options.setConnectTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()));
      options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
      SocketFactory sockets = SocketFactory.getDefault();
      PostConnectProcessor startTls = null;
      boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
      if (ldaps || settings.startTls()) {
        SSLUtil tls = new SSLUtil(settings.trustStore() == null ? JVMDefaultTrustManager.getInstance()
            : new TrustStoreTrustManager(settings.trustStore(), passwordOf(settings.trustStorePassword()), null, true));
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
        try {
          if (ldaps) {
            sockets = tls.createSSLSocketFactory();
          } else {
            // Before the bind, so the bind password never crosses the network in clear.
            startTls = new StartTLSPostConnectProcessor(tls.createSSLContext());
          }
        } catch (GeneralSecurityException e) {
          throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS for " + settings.url() + ": " + e, e);
        }
      }
      pool = new LDAPConnectionPool(new SingleServerSet(url.getHost(), url.getPort(), sockets, options),
          new SimpleBindRequest(settings.bindDn(), settings.bindPassword()), 1, settings.poolSize(), startTls);
      pool.setConnectionPoolName("itil-ldap-directory");
      // A directory restart leaves dead connections in the pool; retry those once on a fresh one.
      pool.setRetryFailedOperationsDueToInvalidConnections(true);
    }
    return pool;
  }
}
