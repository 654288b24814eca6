/**
 * The demo's proving and deriving steps: prove control of an address by signing a message
 * (BIP-322 and the legacy format Electrum verifies) and verify it as an auditor would; refuse a
 * blind signature; derive a BIP85 child seed; make a new SLIP-39 wallet and drill it.
 */
import type { DemoRunner } from './runner.js';

/** Run the steps (after the seed steps, which wrote sample-mnemonic.txt). */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Proving control and deriving children');
  d.write('audit-message.txt', 'Acme Custody controls this address. Audit 2026-Q4, ref 4711.\n');
  d.write('blind-hash.txt', 'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e\n');
  const signed = await d.run(
    'Prove control of an address (BIP-322)',
    'The signer shows the exact message bytes (escaped: \\n is a newline), the address and its path, then signs with BIP-322 "simple" (the format Sparrow and BIP-322 libraries verify) and checks its own signature.',
    ['--json', 'btc', 'sign-message', '--network', 'testnet', '--yes', '--mnemonic-file', 'sample-mnemonic.txt', '--path', "m/84'/1'/0'/0/0", '--out', 'audit.sig', 'audit-message.txt'],
  );
  const address = (JSON.parse(signed.stdout) as { address: string }).address;
  await d.run('The auditor verifies it', 'No secret: the message, the address and the signature.', [
    'btc', 'verify-message', '--address', address, '--signature-file', 'audit.sig', 'audit-message.txt',
  ]);
  await d.run(
    'A legacy signature for Electrum',
    "--legacy --electrum makes the 65-byte signature Electrum's verifymessage accepts (byte-identical to Electrum's own).",
    ['btc', 'sign-message', '--network', 'testnet', '--yes', '--mnemonic-file', 'sample-mnemonic.txt', '--path', "m/84'/1'/0'/0/0", '--legacy', '--electrum', 'audit-message.txt'],
  );
  await d.run(
    'A blind signature is refused',
    'A message that is a 32-byte hash could commit to anything; it is refused (exit 3) unless --allow-message-hash is given, and that would be journaled.',
    ['btc', 'sign-message', '--network', 'testnet', '--yes', '--mnemonic-file', 'sample-mnemonic.txt', '--path', "m/84'/1'/0'/0/0", 'blind-hash.txt'],
    { expectExit: 3 },
  );
  await d.run(
    'A child seed with BIP85',
    'A 12-word child of the sample seed at index 0, with its own fingerprint and wallet card: the parent seed plus the index is its backup. The journal records the index and the fingerprints, never the words.',
    ['seed', 'derive-child', '--network', 'testnet', '--mnemonic-file', 'sample-mnemonic.txt', '--words', '12', '--index', '0', '--card', 'child-card.json'],
  );
  const made = await d.run(
    'A new SLIP-39 wallet (recoverable on a Trezor)',
    'seed new --split --format slip39 makes a new wallet whose only backup is 2-of-3 SLIP-39 shares. (An existing BIP39 wallet cannot become SLIP-39 shares of the same wallet.)',
    ['--json', 'seed', 'new', '--network', 'testnet', '--split', '2-of-3', '--format', 'slip39', '--words', '12', '--reveal', '--card', 'slip39-card.json'],
  );
  const texts = (JSON.parse(made.stdout) as { shares: { text: string }[] }).shares.map((s) => s.text);
  d.write('slip39-a.txt', texts[0] + '\n');
  d.write('slip39-c.txt', texts[2] + '\n');
  await d.run('Drill the SLIP-39 wallet', 'Two of the three shares rebuild the seed in memory and match the card; no word is shown.', [
    'shares', 'drill', '--card', 'slip39-card.json', '--share-file', 'slip39-a.txt', '--share-file', 'slip39-c.txt',
  ]);
}
