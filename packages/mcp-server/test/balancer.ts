/**
 * A load balancer in front of HTTP replicas, as a team deploys them: clients reach it by the service's host name
 * (TLS ends there), and it sends each request to the next replica in turn with that name as the Host, streamed both
 * ways (answers may be event streams). It counts what each replica was sent. Listens on loopback, a free port.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  url: string;
  /** Requests sent to each replica, in the order of the ports given. */
  sent: number[];
  server: Server;
}

/** `hostName`: the Host replicas see (a name, or a name and port), whatever the client connected to. */
export function loadBalancer(ports: readonly number[], hostName: string): Promise<LoadBalancer> {
  const sent = ports.map(() => 0);
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next++ % ports.length;
    sent[index]!++;
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: ports[index],
        path: incoming.url,
        method: incoming.method,
        headers: { ...incoming.headers, host: hostName },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, sent, server });
    });
  });
}
