/**
 * Demo steps of the shares area: split the sample seed 2-of-3 into printable cards, a holder's
 * yearly check of one card, a recovery drill from two card QR images (MATCH), a drill against
 * the wrong wallet card (MISMATCH, exit 3), a new seed that is never shown, only its shares, and
 * the SSKR exit path read back from its QR cards.
 */
import type { DemoRunner } from './runner.js';

/** Run the shares steps (after the seed steps wrote sample-mnemonic.txt and wallet-card.json). */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Shamir shares');
  await d.run(
    'Split the seed 2-of-3 into share cards',
    'Every 2-subset is recombined in memory before anything is written. share-cards/ gets per holder an HTML and an SVG card (words, QR, set words, "share k of 3, any 2 rebuild") and the QR as PNG, all mode 0600, plus the public wallet card. The journal records the set and the holders, never a share word. On a terminal without --out, each holder would see only their own share, with the screen cleared in between.',
    ['--network', 'testnet', 'shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'sample-mnemonic.txt', '--labels', 'alice,bob,carol', '--out', 'share-cards'],
  );
  await d.run(
    "A holder's yearly check of their card",
    'verify reads one share alone (here from the PNG of its QR): word list, RS1024 checksum, version. It prints the set words, share k of n and T — no secret is rebuilt.',
    ['shares', 'verify', '--from-qr', 'share-cards/share-2-qr.png'],
  );
  await d.run(
    'Recovery drill from two card QR images',
    'drill combines the shares in memory, checks the integrity tag, derives the master fingerprint and first address and compares them with the wallet card: MATCH, with the shares and holders used. No word is shown.',
    ['shares', 'drill', '--card', 'share-cards/wallet-card.json', '--from-qr', 'share-cards/share-1-qr.png', 'share-cards/share-3-qr.png'],
  );
  await d.run(
    'The same drill against the card a second operator filed',
    'wallet-card.json came from seed check in the seed steps; the shares rebuild that wallet too.',
    ['shares', 'drill', '--card', 'wallet-card.json', '--from-qr', 'share-cards/share-2-qr.png', 'share-cards/share-3-qr.png'],
  );
  await d.run(
    'A drill against the wrong wallet card fails loudly',
    'dice-wallet-card.json belongs to the dice seed: MISMATCH, exit 3, journaled as such.',
    ['shares', 'drill', '--card', 'dice-wallet-card.json', '--from-qr', 'share-cards/share-1-qr.png', 'share-cards/share-2-qr.png'],
    { expectExit: 3 },
  );
  await d.run(
    'A new seed that is never shown, only its shares',
    'seed new --split makes a fresh seed from the OS CSPRNG and hands out only its 2-of-3 share cards and the public wallet card; the words never appear anywhere.',
    ['--network', 'testnet', 'seed', 'new', '--words', '12', '--split', '2-of-3', '--labels', 'dan,erin,frank', '--out', 'new-seed-cards'],
  );
  await d.run(
    'Drill the new seed right away, from the paper copies',
    'The Trezor #400 lesson: prove the printed shares rebuild the wallet on the card before any funds arrive.',
    ['shares', 'drill', '--card', 'new-seed-cards/wallet-card.json', '--from-qr', 'new-seed-cards/share-1-qr.png', 'new-seed-cards/share-2-qr.png'],
  );
  await d.run(
    'SSKR exit path',
    'The same seed as SSKR (Blockchain Commons BCR-2020-011): Bytewords on the cards, ur:sskr in the QR codes, recoverable with seedtool as well as coldkit.',
    ['--network', 'testnet', 'shares', 'split', '--format', 'sskr', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'sample-mnemonic.txt', '--out', 'sskr-cards'],
  );
  await d.run(
    'Rebuild from SSKR cards (fingerprint only)',
    'combine reads ur:sskr from the card QR images and prints the fingerprint; --reveal would print the words for a real recovery.',
    ['--network', 'testnet', 'shares', 'combine', '--from-qr', 'sskr-cards/share-3-qr.png', 'sskr-cards/share-1-qr.png'],
  );
}
