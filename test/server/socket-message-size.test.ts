import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

/** Sends one message on a fresh socket before any authentication; resolves with the close code. */
function sendOnce(message: string): Promise<number> {
  const socket = new WebSocket(gw.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  return new Promise((resolve) => {
    socket.on('open', () => socket.send(message));
    socket.on('close', (code) => resolve(code));
    socket.on('error', () => undefined);
  });
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/**
 * Upgrades a raw TCP connection and sends one text frame of `bytes` (masked with a zero key, so the
 * payload goes as is), writing one reused 64 KB chunk: the client holds almost nothing itself, so
 * what memory grows is the gateway's. Resolves when the gateway closes the connection.
 */
function rawFrame(bytes: number): Promise<void> {
  const { port } = new URL(gw.url);
  const socket = connect(Number(port), '127.0.0.1');
  const chunk = Buffer.alloc(64 * 1024, 'z'.charCodeAt(0));
  return new Promise((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    socket.once('connect', () => {
      socket.write(
        'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
      );
    });
    socket.once('data', () => {
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(bytes), 2);
      // Mask key 0: bytes 10-13 stay zero.
      socket.write(header);
      let sent = 0;
      const pump = () => {
        while (sent < bytes && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (!socket.destroyed) socket.end();
      };
      pump();
    });
  });
}

describe('a socket message is bounded as an HTTP body is (1 MB), before authentication', () => {
  test('an anonymous connection_init of 2 MB is refused with 1009 (too big) rather than read and parsed; a small bad one still gets 4403', async () => {
    const big = JSON.stringify({ type: 'connection_init', payload: { token: 'x'.repeat(2 * 1024 * 1024) } });
    expect(await sendOnce(big)).toBe(1009);
    expect(await sendOnce(JSON.stringify({ type: 'connection_init', payload: { token: 'not-a-token' } }))).toBe(4403);
  });

  test("two concurrent anonymous 90 MB frames grow the gateway's memory by less than 50 MB", async () => {
    global.gc?.();
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 5);
    try {
      await Promise.all([rawFrame(90 * 1024 * 1024), rawFrame(90 * 1024 * 1024)]);
    } finally {
      clearInterval(sampler);
    }
    console.log(`two anonymous 90 MB socket frames: RSS +${(peak - before).toFixed(0)} MB at peak`);
    expect(peak - before).toBeLessThan(50);
  });
});
