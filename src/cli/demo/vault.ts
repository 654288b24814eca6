/**
 * Demo steps of the vault area: a 2-of-3 vault over three sample seeds (the published BIP39 test
 * mnemonics, one per "laptop"). Each laptop exports its BIP48 cosigner key; any machine creates
 * the vault and its files for other wallets; laptops A and C register it; the online machine
 * builds a PSBT watch-only and shows it as QR; laptops A and C sign (A reading the QR images), the online machine combines
 * the two signed copies and finalizes. Leaves every artefact in vault/ of the demo directory.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { RawTx } from '@scure/btc-signer';
import { formatDecimal } from '../../core/amount.js';
import { readVault } from '../../core/wallet/vault.js';
import { toHex } from '../../core/text.js';
import { DEMO_PAYEE } from './psbt.js';
import type { DemoRunner } from './runner.js';

const LAPTOPS = [
  ['laptop-a', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'],
  ['laptop-b', 'legal winner thank year wave sausage worth useful legal winner thank yellow'],
  ['laptop-c', 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above'],
] as const;

const T = ['--network', 'testnet'];

/** Sample coins on the vault's receive/0 and receive/1, as listunspent and getrawtransaction print them. */
function vaultCoins(d: DemoRunner): void {
  const v = readVault(JSON.parse(d.read('vault/vault.json')), 'vault/vault.json');
  const unspent: unknown[] = [];
  const raws: string[] = [];
  [180_000n, 64_000n].forEach((sats, i) => {
    const a = v.wallet.at(0, i);
    const raw = RawTx.encode({
      version: 2,
      segwitFlag: false,
      inputs: [{ txid: new Uint8Array(32).fill(0x51 + i), index: i, finalScriptSig: new Uint8Array([0x51]), sequence: 0xfffffffd }],
      outputs: [{ script: a.scripts.script, amount: sats }],
      witnesses: [],
      lockTime: 0,
    });
    raws.push(toHex(raw));
    unspent.push({ txid: toHex(sha256(sha256(raw)).reverse()), vout: 0, address: a.address, scriptPubKey: toHex(a.scripts.script), amount: Number(formatDecimal(sats, 8)), confirmations: 6 + i, spendable: true, solvable: true, safe: true });
  });
  d.write('vault/listunspent.json', JSON.stringify(unspent, null, 2) + '\n');
  d.write('vault/prev-txs.txt', raws.join('\n') + '\n');
}

/** Run the vault steps. */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Multisig vault (2 of 3)');
  for (const [name, words] of LAPTOPS) d.write(`vault/${name}-mnemonic.txt`, words + '\n');
  for (const [name] of LAPTOPS) {
    await d.run(
      `Export ${name}'s cosigner key (offline)`,
      "Each offline laptop exports only its BIP48 account key m/48'/1'/0'/2' (P2WSH) with its master fingerprint: coldkit JSON, the key expression [fp/48h/1h/0h/2h]tpub… and Coldcard's generic JSON. No secret leaves the laptop.",
      [...T, 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', `vault/${name}-mnemonic.txt`, '--out', `vault/${name}.json`],
    );
  }
  await d.run(
    'Create the 2-of-3 vault (any machine)',
    'wallet create checks the cosigners (no key or seed twice, hardened BIP48 paths of the chosen script type, one network), writes vault.json (descriptor with checksum, cosigners, vault id and words every cosigner reads aloud) and the vault for Bitcoin Core, Sparrow, Electrum, Coldcard, BSMS (BIP129) and Caravan. Keep vault.json with every cosigner: the seeds alone cannot find the funds.',
    [...T, 'wallet', 'create', '--threshold', '2', '--cosigner', 'vault/laptop-a.json', '--cosigner', 'vault/laptop-b.json', '--cosigner', 'vault/laptop-c.json', '--name', 'demo vault', '--out', 'vault/vault.json', '--export-dir', 'vault/exports'],
  );
  await d.run(
    "Check another wallet's copy of the vault",
    'wallet show reads any of the exported formats back (here the BSMS record, whose first address it re-derives) and prints the same vault id words.',
    [...T, 'wallet', 'show', 'vault/exports/bsms.txt'],
  );
  await d.run('List vault addresses (watch-only)', 'address list takes the vault file like an account file.', [...T, 'address', 'list', '--wallet', 'vault/vault.json', '--count', '3']);
  vaultCoins(d);
  await d.run(
    'Build the vault PSBT (online) and show it as QR',
    "psbt create fills the witness script and every cosigner's BIP32 derivation for inputs and change, adds the previous transactions, and sizes the fee for 2-of-3 witnesses.",
    [...T, 'psbt', 'create', '--wallet', 'vault/vault.json', '--utxos', 'vault/listunspent.json', '--prev-txs', 'vault/prev-txs.txt', '--to', `${DEMO_PAYEE}:0.002`, '--fee-rate', '3', '--out', 'vault/unsigned.psbt', '--qr-png', 'vault/qr-unsigned'],
  );
  for (const name of ['laptop-a', 'laptop-c']) {
    await d.run(
      `Register the vault on ${name} (offline)`,
      'wallet register checks that this seed is one of the cosigners (which one), shows the vault words and first receive address to compare with the other screens, and journals the vault: the signer signs only for registered vaults. (In the demo the laptops share one journal; in a ceremony each laptop has its own.)',
      [...T, 'wallet', 'register', 'vault/vault.json', '--mnemonic-file', `vault/${name}-mnemonic.txt`],
    );
  }
  await d.run(
    'Laptop A signs from the QR images',
    "sign proves every input and the change against the registered vault (rebuilt from the cosigners' xpubs at each path), shows who has signed and how many signatures are still needed, and signs only with its own key.",
    [...T, 'psbt', 'sign', '--from-qr', 'vault/qr-unsigned', '--wallet', 'vault/vault.json', '--mnemonic-file', 'vault/laptop-a-mnemonic.txt', '--yes', '--out', 'vault/signed-a.psbt'],
  );
  await d.run(
    'Laptop C signs its copy',
    'The second cosigner signs independently; its review shows the same digest words.',
    [...T, 'psbt', 'sign', 'vault/unsigned.psbt', '--wallet', 'vault/vault.json', '--mnemonic-file', 'vault/laptop-c-mnemonic.txt', '--yes', '--out', 'vault/signed-c.psbt'],
  );
  await d.run('Combine the two signed copies (online)', 'BIP174 Combiner: both copies must be of the same transaction.', ['psbt', 'combine', 'vault/signed-a.psbt', 'vault/signed-c.psbt', '--out', 'vault/combined.psbt']);
  await d.run(
    'Finalize: 2 of 3 signatures',
    'finalize verifies both signatures against the BIP143 digest with the witness script, then builds the witness: the OP_0 dummy, the signatures in the script\'s key order, the witness script.',
    [...T, 'psbt', 'finalize', 'vault/combined.psbt', '--out', 'vault/tx.hex'],
  );
}
