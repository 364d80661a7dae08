package io.learnhub.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, one request per connection, the bytes exactly as given: what a
 * hostile client sends (request targets no URI class accepts, header values with any byte, bodies
 * of invalid UTF-8) and what the server answers before or without routing it.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** What came back; {@code status} 0 when the server closed the connection without an answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;

    RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * Sends the request line, the headers ({@code Host} and, unless they have their own,
     * {@code Connection: close} added, and
     * {@code Content-Length} when there is a body) and the body, then reads the answer to the end.
     */
    Answer send(String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            boolean ownConnection = headers.stream().anyMatch(header -> header.getKey().equalsIgnoreCase("Connection"));
            request.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                    + (ownConnection ? "" : "Connection: close\r\n")).getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, byte[]> header : headers) {
                request.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                request.writeBytes(header.getValue());
                request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body.length > 0) {
                request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer (413, 431) and close before it has read everything: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[16_384];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
                if (isComplete(received.toByteArray())) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException resetOrSilent) {
            // what arrived before the reset or the silence is the answer
        }
        return parse(received.toByteArray());
    }

    /**
     * Whether the answer is all there: its {@code Content-Length} or last chunk arrived, or it
     * switched protocols. A connection the server keeps open (an upgrade request asks for that)
     * is not waited on until it closes.
     */
    private static boolean isComplete(byte[] raw) {
        int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (headerEnd < 0) {
            return false;
        }
        String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.startsWith("http/1.1 101")) {
            return true;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            return raw.length >= headerEnd + 4 + Long.parseLong(length.group(1));
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return indexOf(raw, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headerEnd) >= 0;
        }
        return false;
    }

    private static Answer parse(byte[] raw) {
        int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (raw.length < 12 || headerEnd < 0) {
            return new Answer(0, Map.of(), raw);
        }
        String[] lines = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.write(chunked, start, Math.min(size, chunked.length - start));
            position = start + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
