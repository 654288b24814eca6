/** A node that answers garbage: every answer is a RuntimeFailure (exit 1) with a message, never an internal error. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EthRpc } from '../../src/cli/eth/rpc.js';

let server: http.Server;
let url: string;
let answer = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(answer));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('EthRpc with an untrusted node', () => {
  it.each([
    ['a number', '5', /not a JSON-RPC response object/],
    ['null', 'null', /not a JSON-RPC response object/],
    ['an array', '[1]', /not a JSON-RPC response object/],
    ['an error that is a string', '{"error":"boom"}', /node rejected eth_chainId: "boom"/],
    ['an error whose message is not a string', '{"error":{"code":"x","message":{"a":1}}}', /node rejected eth_chainId: \{"code":"x"/],
    ['no result', '{"jsonrpc":"2.0","id":1}', /without a result/],
  ])('%s', async (_name, body, message) => {
    answer = body;
    const e = await new EthRpc(url, 5000).call('eth_chainId').catch((x: Error) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toMatch(/RuntimeFailure|RpcError/);
    expect((e as Error).message).toMatch(message);
  });
});
