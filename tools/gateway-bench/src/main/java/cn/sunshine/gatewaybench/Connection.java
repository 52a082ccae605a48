package cn.sunshine.gatewaybench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection, used by one thread: writes a request that was built before
 * the clock started and reads the whole answer (Content-Length or chunked). Deliberately small, so
 * that the load driver, which shares the machine's cores with the suite, spends as little as it can
 * per request, and the same on both sides of the comparison. Reconnects when the server closes.
 */
final class Connection implements AutoCloseable {

    /** A status and a body (bytes; the driver reads JSON from them only outside the measured loop). */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean closeAfter;

    Connection(URI target) {
        this.host = target.getHost();
        this.port = target.getPort() > 0 ? target.getPort() : 80;
    }

    String hostHeader() {
        return host + ":" + port;
    }

    Answer send(byte[] request) throws IOException {
        if (socket == null || closeAfter) {
            open();
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
    }

    private void open() throws IOException {
        closeQuietly();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
        closeAfter = false;
    }

    private Answer read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the server closed the connection");
        }
        // HTTP/1.1 200 OK
        int sp = statusLine.indexOf(' ');
        int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
        long length = -1;
        boolean chunked = false;
        closeAfter = false;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) Math.min(length, 1 << 20) : 512);
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                copy(size, body);
                line(); // CRLF after the chunk
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers ignored
            }
        } else if (length >= 0) {
            copy(length, body);
        } else if (status != 204 && status != 304) {
            in.transferTo(body); // no length: the body ends with the connection
            closeAfter = true;
        }
        return new Answer(status, body.toByteArray());
    }

    private long chunkSize() throws IOException {
        String l = line();
        if (l == null) {
            throw new IOException("the connection ended inside a chunked body");
        }
        int semicolon = l.indexOf(';');
        return Long.parseLong((semicolon < 0 ? l : l.substring(0, semicolon)).trim(), 16);
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("the connection ended inside a body");
            }
            to.write(buffer, 0, r);
            n -= r;
        }
    }

    /** A header line without its CRLF; null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = b.length();
                if (n > 0 && b.charAt(n - 1) == '\r') {
                    b.setLength(n - 1);
                }
                return b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            socket = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** An HTTP/1.1 request as bytes: method, path, Host, optional bearer token, optional JSON body. */
    static byte[] request(String method, String path, String host, String token, byte[] json) {
        StringBuilder b = new StringBuilder(512).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Accept: application/json\r\n");
        if (token != null) {
            b.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (json != null) {
            b.append("Content-Type: application/json\r\nContent-Length: ").append(json.length).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        if (json == null) {
            return head;
        }
        byte[] all = new byte[head.length + json.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(json, 0, all, head.length, json.length);
        return all;
    }
}
