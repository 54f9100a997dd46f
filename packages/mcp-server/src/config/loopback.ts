/** Loopback: the names a server bound there is reached by, and which interfaces keep it off the network. */

export const LOCALHOST_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Loopback interfaces: binding there keeps the server off the network. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}
