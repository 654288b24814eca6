/**
 * The demo's seed steps, run first: seed generation from dice (sample rolls), checking a seed,
 * finishing hand-picked words, watch-only export and address work; and the journal steps, run last.
 */
import type { DemoRunner } from './runner.js';

/** The sample seed: the public BIP84 test-vector mnemonic. Never use it for funds. */
export const SAMPLE_MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

/** Fixed sample die rolls (99 of them) for a reproducible dice-only seed. */
export const SAMPLE_ROLLS = '3614251636425163245126354216534621536412563412653421563421653412563421563412564321563421563412563421';

/** Run the seed steps (they write sample-mnemonic.txt and wallet-card.json for the areas after them). */
export async function steps(d: DemoRunner): Promise<void> {
  d.write('sample-mnemonic.txt', SAMPLE_MNEMONIC + '\n');
  d.write('sample-rolls.txt', SAMPLE_ROLLS.slice(0, 99) + '\n');
  d.write('eleven-words.txt', SAMPLE_MNEMONIC.split(' ').slice(0, 11).join(' ') + '\n');

  await d.run(
    'A new seed from dice alone',
    'With --dice-only the entropy is SHA-256 of the 99 rolls, so anyone can re-derive these words with sha256sum (docs/dice.md). A real ceremony would roll real dice; without --dice-only the rolls are mixed with the OS CSPRNG.',
    ['seed', 'new', '--network', 'testnet', '--dice-only', '--dice-rolls', 'sample-rolls.txt', '--card', 'dice-wallet-card.json'],
  );
  await d.run(
    'A second operator checks a seed',
    'seed check validates the words (4-letter prefixes accepted, precise errors) and prints the master fingerprint and the public wallet card, written to wallet-card.json for later drills.',
    ['seed', 'check', '--network', 'testnet', '--mnemonic-file', 'sample-mnemonic.txt', '--card', 'wallet-card.json'],
  );
  await d.run(
    'Finishing hand-picked words',
    'Given 11 words chosen by hand, seed finish lists every final word that makes a valid checksum; pick one at random.',
    ['seed', 'finish', '--mnemonic-file', 'eleven-words.txt'],
  );
  await d.run(
    'Watch-only export (BIP84)',
    'The account xpub, descriptors with key origin and BIP380 checksum, and import files for Bitcoin Core, Sparrow and Electrum. wallet.json is what the online machine keeps.',
    ['account', 'export', '--network', 'testnet', '--mnemonic-file', 'sample-mnemonic.txt', '--script', 'wpkh', '--out', 'wallet.json', '--export-dir', 'exports'],
  );
  await d.run(
    'Watch-only export (BIP86 taproot)',
    'The same seed, key-path taproot account.',
    ['account', 'export', '--network', 'testnet', '--mnemonic-file', 'sample-mnemonic.txt', '--script', 'tr', '--out', 'wallet-tr.json'],
  );
  await d.run(
    'Ethereum account export',
    "m/44h/60h/0h xpub and the first EIP-55 addresses, for the Ethereum watch-only side.",
    ['account', 'export', '--chain', 'eth', '--mnemonic-file', 'sample-mnemonic.txt', '--out', 'eth-account.json'],
  );
  const list = await d.run('Addresses on the online machine', 'No secret needed: addresses come from the xpub in wallet.json.', [
    '--json', 'address', 'list', '--wallet', 'wallet.json', '--count', '5',
  ]);
  const third = (JSON.parse(list.stdout) as { addresses: { address: string }[] }).addresses[2]!.address;
  await d.run('Which index is this address?', 'address find searches both branches up to a gap limit.', ['address', 'find', third, '--wallet', 'wallet.json']);
}

/** The closing journal steps (run after every area's steps). */
export async function journalSteps(d: DemoRunner): Promise<void> {
  d.section('Ceremony journal');
  await d.run('Verify the journal', 'Every step above appended a hash-chained line (no secrets). verify recomputes the chain.', ['journal', 'verify']);
  await d.run('Anchor the head on paper', 'Six words of the head hash; a later verify --anchor proves nothing was cut from the end.', ['journal', 'head']);
  await d.run('Show the seed entries', 'journal show filters by op.', ['journal', 'show', '--op', 'seed']);
}
