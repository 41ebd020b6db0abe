package org.amanat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the gateway and a server (its database), that a test cuts and restores: {@link #close()}
 * drops every connection and stops listening, so new connections are refused; {@link #reopen()} listens again
 * on the same port. Two threads per connection copy the bytes each way.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;

    public TcpProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = listen(0);
        this.port = listener.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Stops listening and drops every connection, as if the server had vanished. */
    @Override
    public synchronized void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(TcpProxy::quietlyClose);
        sockets.clear();
    }

    /** Listens again on the same port. */
    public synchronized void reopen() {
        if (listener.isClosed()) {
            listener = listen(port);
        }
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", onPort));
            daemon("tcp-proxy-accept-" + socket.getLocalPort(), () -> accept(socket));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket from) {
        while (!from.isClosed()) {
            try {
                Socket client = from.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(target, 2_000);
                } catch (IOException e) {
                    quietlyClose(client);
                    quietlyClose(server);
                    continue;
                }
                if (from.isClosed()) {
                    // cut while this connection was being made: it must not outlive the cut
                    quietlyClose(client);
                    quietlyClose(server);
                    continue;
                }
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private void pipe(Socket in, Socket out) {
        daemon("tcp-proxy-pipe", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream from = in.getInputStream();
                    OutputStream to = out.getOutputStream()) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed: the connection ends
            } finally {
                quietlyClose(in);
                quietlyClose(out);
                sockets.remove(in);
                sockets.remove(out);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
