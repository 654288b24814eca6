/**
 * `coldkit seed derive-child`: a BIP85 child of this seed — a BIP39 mnemonic (application 39',
 * English), an HD-seed WIF (2') or an xprv (32') — shown as `seed new` shows words (this command
 * exists to show them), or written to a 0600 file. The child's fingerprint and, for a mnemonic, its
 * wallet card are public. The journal records the application, index, length and the child's
 * fingerprint, never the child secret: the parent and the index re-derive it.
 */
import { HDKey } from '@scure/bip32';
import { WIF } from '@scure/btc-signer';
import { bip85Mnemonic, bip85Wif, bip85Xprv } from '../../core/bip85.js';
import { InputError } from '../../core/errors.js';
import { masterFingerprint, masterKey } from '../../core/hd/keys.js';
import { walletCard, type WalletCard } from '../../core/hd/wallet-card.js';
import { fingerprintHex } from '../../core/hd/path.js';
import { toHex } from '../../core/text.js';
import { publicKey } from '../../core/secp.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { renderNumberedWords, renderWalletCard } from '../render/wallet-card.js';
import { readSeed } from '../seed-input.js';
import type { seedDeriveChild } from '../commands/seed.js';

/** The --json shape of `seed derive-child`. */
export interface DeriveChildResult {
  application: 'bip39' | 'wif' | 'xprv';
  /** The BIP85 derivation path (' = hardened, as the BIP writes it). */
  path: string;
  index: number;
  parentFingerprint: string;
  /** bip39: the child's master fingerprint; xprv: the child key's own fingerprint; wif: absent. */
  childFingerprint?: string;
  /** wif: the compressed public key of the child key. */
  publicKey?: string;
  wordCount?: number;
  words?: string[];
  wif?: string;
  xprv?: string;
  walletCard?: WalletCard;
  outFile?: string;
  cardFile?: string;
}

const action: Action<typeof seedDeriveChild> = async (opts, ctx) => {
  const app = opts.app as DeriveChildResult['application'];
  if (ctx.globals.json && !opts.reveal && !opts.out) {
    throw new InputError('--json output does not include the child secret; add --reveal to include it, or --out FILE', '--json');
  }
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.card) assertWritable(opts.card, '--card');
  const net = btcNetwork(ctx);
  const source = await readSeed(opts, ctx);
  const root = masterKey(source.seed, net);
  source.seed.fill(0);
  const parentFingerprint = masterFingerprint(root);
  const result: DeriveChildResult = { application: app, path: '', index: opts.index, parentFingerprint };
  let secret: string;
  try {
    if (app === 'bip39') {
      const words = Number(opts.words);
      const d = bip85Mnemonic(root, words, opts.index);
      secret = d.value.mnemonic;
      d.value.entropy.fill(0);
      ctx.addSecret(secret);
      const card = walletCard(secret, '', net);
      Object.assign(result, { path: d.path, wordCount: words, childFingerprint: card.fingerprint, walletCard: card });
    } else if (app === 'wif') {
      const d = bip85Wif(root, opts.index, net);
      secret = d.value;
      ctx.addSecret(secret);
      const priv = WIF(net).decode(secret);
      Object.assign(result, { path: d.path, publicKey: toHex(publicKey(priv)) });
      priv.fill(0);
    } else {
      const d = bip85Xprv(root, opts.index);
      secret = d.value;
      ctx.addSecret(secret);
      Object.assign(result, { path: d.path, childFingerprint: fingerprintHex(HDKey.fromExtendedKey(secret, root.versions).fingerprint) });
    }
  } finally {
    root.wipePrivateData();
  }
  const shown = !opts.out && (!ctx.globals.json || Boolean(opts.reveal));
  if (opts.out) {
    writeFileAtomic(opts.out, secret + '\n', { mode: 0o600 });
    result.outFile = opts.out;
  } else if (shown) {
    if (app === 'bip39') result.words = secret.split(' ');
    else if (app === 'wif') result.wif = secret;
    else result.xprv = secret;
  }
  if (opts.card && result.walletCard) {
    writeFileAtomic(opts.card, JSON.stringify(result.walletCard, null, 2) + '\n');
    result.cardFile = opts.card;
  }
  if (opts.reveal && shown) ctx.note('coldkit: --reveal: the child secret is in this output; keep it off any networked machine');
  return {
    result,
    reveals: shown,
    journal: [
      {
        op: 'seed.derive-child',
        data: {
          application: app,
          path: result.path,
          index: opts.index,
          ...(result.wordCount ? { words: result.wordCount } : {}),
          parentFingerprint,
          parentKind: source.kind,
          ...(result.childFingerprint ? { childFingerprint: result.childFingerprint } : {}),
          ...(result.publicKey ? { publicKey: result.publicKey } : {}),
          network: net.name,
          shown,
          ...(result.outFile ? { writtenTo: result.outFile } : {}),
        },
      },
    ],
    human: (r) => {
      const out: string[] = [];
      const what = r.application === 'bip39' ? 'RECOVERY WORDS of the child seed' : r.application === 'wif' ? 'PRIVATE KEY (WIF) of the child' : 'EXTENDED PRIVATE KEY of the child';
      if (r.words || r.wif || r.xprv) {
        out.push(`${what} — coldkit shows it because this command exists to show it.`, 'Anyone who sees it controls the child wallet. The parent seed and this index re-derive it.', '');
        out.push(r.words ? renderNumberedWords(r.words) : (r.wif ?? r.xprv)!, '');
      } else if (r.outFile) out.push(`Child secret written to ${r.outFile} (mode 0600); it is not shown.`, '');
      out.push(`BIP85 ${r.application} child ${r.index} at ${r.path} of seed ${r.parentFingerprint}`);
      if (r.childFingerprint) out.push(`Child fingerprint: ${r.childFingerprint}`);
      if (r.publicKey) out.push(`Child public key: ${r.publicKey}`);
      if (r.walletCard) out.push(renderWalletCard(r.walletCard));
      if (r.cardFile) out.push(`Wallet card written to ${r.cardFile}`);
      return out.join('\n');
    },
  };
};
export default action;
