package com.reconflow.ingest.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback serving one folder. It keeps its host key and its
 * port across a stop and a start, like a provider's server that goes down and comes back, and tells
 * which users tried to log in and which file names a client has listed.
 */
final class SftpTestServer {

    private final Path root;
    private final SimpleGeneratorHostKeyProvider hostKeys;
    private final Map<String, String> passwords;
    private final Map<String, PublicKey> publicKeys;
    private final Set<String> loginAttempts = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final Map<String, AtomicInteger> listings = new ConcurrentHashMap<>();
    private SshServer server;
    private int port;

    SftpTestServer(Path root, Path hostKeyFile, Map<String, String> passwords, Map<String, PublicKey> publicKeys) {
        this.root = root;
        this.hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        this.passwords = Map.copyOf(passwords);
        this.publicKeys = Map.copyOf(publicKeys);
    }

    /** Starts on a free port the first time, on the same port after a stop. */
    synchronized void start() {
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(port);
        ssh.setKeyPairProvider(hostKeys);
        ssh.setPasswordAuthenticator((user, password, session) -> {
            loginAttempts.add(user);
            return password.equals(passwords.get(user));
        });
        ssh.setPublickeyAuthenticator((user, key, session) -> {
            loginAttempts.add(user);
            PublicKey known = publicKeys.get(user);
            return known != null && KeyUtils.compareKeys(known, key);
        });
        ssh.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void readEntries(ServerSession session, String remoteHandle, DirectoryHandle localHandle,
                                    Map<String, Path> entries) {
                entries.keySet().forEach(name -> listings.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet());
            }
        });
        ssh.setSubsystemFactories(List.of(sftp));
        ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
        try {
            ssh.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = ssh;
        port = ssh.getPort();
    }

    synchronized void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    Path folder(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known_hosts line for this server, as {@code ssh-keyscan} would print it. */
    String knownHostsLine() {
        return knownHostsLine(port, hostKey().getPublic());
    }

    static String knownHostsLine(int port, PublicKey hostKey) {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey);
    }

    /** Another host key of the same kind as the server's, as an impostor on its address would have. */
    static PublicKey otherHostKey(Path file) {
        return hostKey(new SimpleGeneratorHostKeyProvider(file)).getPublic();
    }

    /** SSH connections accepted so far, whether or not the client went on to log in. */
    long sessionsOpened() {
        return sessionsOpened.get();
    }

    boolean triedToLogIn(String user) {
        return loginAttempts.contains(user);
    }

    /** How often a client has been sent this name in a directory listing. */
    int timesListed(String fileName) {
        AtomicInteger count = listings.get(fileName);
        return count == null ? 0 : count.get();
    }

    private KeyPair hostKey() {
        return hostKey(hostKeys);
    }

    private static KeyPair hostKey(SimpleGeneratorHostKeyProvider hostKeys) {
        try {
            return hostKeys.loadKeys(null).iterator().next();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test server's host key", e);
        }
    }
}
