package cn.sunshine.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** TCP probes on the loopback address. */
public final class Ports {

    private Ports() {
    }

    /** Whether something accepts TCP connections on host:port (300 ms connect timeout). */
    public static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
