/** A node that answers garbage: every answer is a RuntimeFailure (exit 1) with a message, never an internal error. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keccak256 } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EthRpc, quantityOf } from '../../../src/cli/eth/rpc.js';
import { runCli, tmpDir } from '../../helpers/cli.js';

let server: http.Server;
let url: string;
let answer = '';
/** When set, answers by JSON-RPC method instead of `answer`. */
let byMethod: ((method: string, params: unknown[]) => unknown) | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (!byMethod) return res.end(answer);
      const q = JSON.parse(body) as { id: number; method: string; params: unknown[] };
      res.end(JSON.stringify({ jsonrpc: '2.0', id: q.id, result: byMethod(q.method, q.params) }));
    });
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

describe('quantityOf', () => {
  it('takes 0x hex strings only', () => {
    expect(quantityOf('0x1f', 'x')).toBe(31n);
    for (const bad of ['1f', 'xyz', 5, null, {}, '0x']) expect(() => quantityOf(bad, 'eth_x')).toThrow(/node answered eth_x with a non-quantity/);
  });
});

describe('eth broadcast --wait with a malformed receipt', () => {
  it('the sent transaction is still printed and journaled; exit 1 with a message, not an internal error', async () => {
    const dir = tmpDir('coldkit-rpc-');
    const a = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
    const unsigned = path.join(dir, 'tx.hex');
    const signed = path.join(dir, 'signed.hex');
    const mn = path.join(dir, 'm.txt');
    fs.writeFileSync(mn, 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
    const made = await runCli(['eth', 'tx', 'create', '--from', a, '--to', a, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-fee-per-gas', '1gwei', '--max-priority-fee-per-gas', '1gwei', '--out-hex', unsigned]);
    expect(made.code, made.stderr).toBe(0);
    const sig = await runCli(['--yes', 'eth', 'sign', '--mnemonic-file', mn, unsigned, '--out', signed]);
    expect(sig.code, sig.stderr).toBe(0);
    let hash = '';
    byMethod = (method, params) => {
      if (method === 'eth_chainId') return '0x1';
      if (method === 'eth_sendRawTransaction') {
        hash = keccak256(params[0] as string);
        return hash;
      }
      return { status: 'yes', blockNumber: 7, gasUsed: null };
    };
    const journal = path.join(dir, 'journal.jsonl');
    const r = await runCli(['--journal', journal, 'eth', 'broadcast', '--rpc', url, '--wait', '--timeout', '5', signed]);
    byMethod = undefined;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/eth_getTransactionReceipt status with a non-quantity; the transaction was sent/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout).toContain(hash);
    expect(fs.readFileSync(journal, 'utf8')).toContain(hash);
  });
});

describe('EthRpc messages', () => {
  it('name the node by scheme and host only: no password, no API key in the path or query', async () => {
    for (const u of ['http://user:s3cretpw@127.0.0.1:1/', 'http://127.0.0.1:1/v3/APIKEY0123456789?key=APIKEY0123456789']) {
      const e = (await new EthRpc(u, 2000).call('eth_chainId').catch((x: Error) => x)) as Error;
      expect(e.name).toBe('RuntimeFailure');
      expect(e.message).toContain('cannot reach the node at --rpc http://');
      expect(e.message).not.toContain('s3cretpw');
      expect(e.message).not.toContain('APIKEY0123456789');
    }
  });
});
