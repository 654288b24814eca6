/**
 * Demo steps of the PSBT area: the online machine builds an unsigned PSBT watch-only from
 * wallet.json and a sample `listunspent` export, the offline laptop reviews and signs it, and the
 * online machine verifies every signature and extracts the transaction. Leaves unsigned.psbt and
 * signed.psbt in the demo directory (the QR demo carries them across the air gap).
 *
 * The UTXOs are made up: sample funding transactions paying to the wallet's first addresses,
 * written exactly as `bitcoin-cli listunspent` and `getrawtransaction` print them.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { RawTx } from '@scure/btc-signer';
import { formatDecimal } from '../../core/amount.js';
import { NETWORKS } from '../../core/network.js';
import { addressScript } from '../../core/btc/recipient.js';
import { toHex } from '../../core/text.js';
import type { DemoRunner } from './runner.js';

/** A payee that is not ours: the BIP173 testnet P2WPKH example address. */
export const DEMO_PAYEE = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';

/** Sample coins: which receive/change address of wallet.json, and how many sats. */
const COINS: { address: (w: WalletFile) => string; sats: bigint }[] = [
  { address: (w) => w.addresses[0]!.address, sats: 120_000n },
  { address: (w) => w.addresses[1]!.address, sats: 48_500n },
  { address: (w) => w.firstChangeAddress, sats: 75_000n },
];

interface WalletFile {
  addresses: { index: number; address: string }[];
  firstChangeAddress: string;
}

/** Write sample-listunspent.json and sample-prev-txs.txt for the demo wallet. */
export function sampleUtxos(d: DemoRunner): void {
  const w = JSON.parse(d.read('wallet.json')) as WalletFile;
  const net = NETWORKS.testnet;
  const unspent: unknown[] = [];
  const raws: string[] = [];
  COINS.forEach((c, i) => {
    const address = c.address(w);
    const script = addressScript(address, net, 'wallet.json');
    // A one-input funding transaction (its input is a made-up outpoint); our coin is output 0.
    const raw = RawTx.encode({
      version: 2,
      segwitFlag: false,
      inputs: [{ txid: new Uint8Array(32).fill(0x11 * (i + 1)), index: i, finalScriptSig: new Uint8Array([0x51]), sequence: 0xfffffffd }],
      outputs: [{ script, amount: c.sats }],
      witnesses: [],
      lockTime: 0,
    });
    const txid = toHex(sha256(sha256(raw)).reverse());
    raws.push(toHex(raw));
    unspent.push({ txid, vout: 0, address, label: '', scriptPubKey: toHex(script), amount: Number(formatDecimal(c.sats, 8)), confirmations: 6 + i, spendable: true, solvable: true, safe: true });
  });
  d.write('sample-listunspent.json', JSON.stringify(unspent, null, 2) + '\n');
  d.write('sample-prev-txs.txt', raws.join('\n') + '\n');
}

/**
 * Run a step of a command another engineer is still building: while it reports "not available in
 * this build" the step is shown with its exit code and the demo goes on; any other failure stops it.
 */
async function optional<T>(step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof Error && /not available in this build/.test(e.message)) return undefined;
    throw e;
  }
}

/** Run the PSBT steps. */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Bitcoin PSBT: create online, sign offline, finalize online');
  sampleUtxos(d);
  await d.run(
    'Build an unsigned PSBT (online, watch-only)',
    'From wallet.json (xpub only) and the UTXOs `bitcoin-cli listunspent` printed (sample-listunspent.json). Coins are chosen by branch and bound, else lowest-larger/largest-first; the fee is exact for 3 sat/vB; change goes to our change chain with its BIP32 path so the signer can prove it; RBF is signalled. --prev-txs adds each previous transaction so the signer can prove the input amounts.',
    ['--network', 'testnet', 'psbt', 'create', '--wallet', 'wallet.json', '--utxos', 'sample-listunspent.json', '--prev-txs', 'sample-prev-txs.txt', '--to', `${DEMO_PAYEE}:0.0015`, '--fee-rate', '3', '--out', 'unsigned.psbt'],
  );
  await optional(() => d.run(
    'Review it (either side of the gap)',
    'inspect shows inputs, each recipient, change proven against the descriptor, fee and fee rate, and the same 4-word digest create printed.',
    ['--network', 'testnet', 'psbt', 'inspect', 'unsigned.psbt', '--wallet', 'wallet.json'],
  ));
  const signed = await optional(() => d.run(
    'Sign on the offline laptop',
    'sign re-derives the change from the seed, checks amounts against the previous transactions and the fee against the limits, asks for confirmation (--yes here), and signs deterministically (RFC 6979, low R).',
    ['--network', 'testnet', 'psbt', 'sign', 'unsigned.psbt', '--mnemonic-file', 'sample-mnemonic.txt', '--yes', '--out', 'signed.psbt'],
  ));
  if (!signed) return;
  await d.run(
    'Finalize online',
    'finalize verifies every signature against its BIP143 signature hash before it builds the witnesses; the raw transaction goes to tx.hex, ready for `bitcoin-cli sendrawtransaction`.',
    ['--network', 'testnet', 'psbt', 'finalize', 'signed.psbt', '--out', 'tx.hex'],
  );
}
