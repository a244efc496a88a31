package org.itilengine.bench;

import java.io.IOException;
import java.net.ServerSocket;

/** Distinct free ports for the embedded mail and directory servers: all probes stay open until each port is known. */
final class BenchPorts {

  private BenchPorts() {
  }

  static int[] free(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    return ports;
  }
}
