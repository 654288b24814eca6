import { readFileSync, writeFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '@scure/base';
import { OutScript, RawTx } from '@scure/btc-signer';
import { readVault } from './dist/src/core/wallet/vault.js';
const v = readVault(JSON.parse(readFileSync(process.argv[2], 'utf8')), 'v');
const funds = [[0, 0, 150000n], [0, 3, 70000n]];
const lu = [], txs = [];
funds.forEach(([b, i, sats], n) => {
  const a = v.wallet.at(b, i);
  const prev = new Uint8Array(32); prev[0] = n; prev[1] = 0xbb;
  const raw = RawTx.encode({ version: 2, segwitFlag: false, inputs: [{ txid: prev, index: n, finalScriptSig: new Uint8Array([0x51]), sequence: 0xfffffffe }], outputs: [{ script: OutScript.encode({ type: 'wpkh', hash: new Uint8Array(20).fill(9) }), amount: 12345n }, { script: a.scripts.script, amount: sats }], witnesses: [], lockTime: 0 });
  const txid = hex.encode(sha256(sha256(raw)).reverse());
  lu.push({ txid, vout: 1, address: a.address, scriptPubKey: hex.encode(a.scripts.script), amount: Number(sats) / 1e8, confirmations: 6 });
  txs.push(hex.encode(raw));
});
writeFileSync(process.argv[3], JSON.stringify(lu));
writeFileSync(process.argv[4], txs.join('\n') + '\n');
