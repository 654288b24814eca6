/**
 * `coldkit btc sign-message`: prove control of an address. The message's exact bytes are
 * classified (blind-signing refusals: a 32-byte value, a transaction or PSBT, binary bytes; a
 * secret is never signed) and shown escaped with the address and its path; after approval the
 * key signs (BIP-322 simple or full, or legacy BIP-137 / Electrum with --legacy), and the
 * signature is verified before it is printed (sign → verify, as every coldkit signer does).
 */
import { InputError, VerificationError } from '../../core/errors.js';
import { classifyMessage } from '../../core/btc/message/classify.js';
import { findMessageKey } from '../../core/btc/message/key.js';
import { signBip322 } from '../../core/btc/message/bip322.js';
import { signLegacy } from '../../core/btc/message/bip137.js';
import { verifyMessage } from '../../core/btc/message/verify-message.js';
import { decide, enforce } from '../../core/findings/decide.js';
import type { Finding } from '../../core/findings/finding.js';
import { masterFingerprint, masterKey } from '../../core/hd/keys.js';
import { parsePath } from '../../core/hd/path.js';
import { sha256Hex } from '../../core/journal/native.js';
import type { TemplateName } from '../../core/wallet/template.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { allowedCodes, overrideFlag } from '../overrides.js';
import { readPayloadInput } from '../payload.js';
import { readSeed } from '../seed-input.js';
import { readWatchAccount } from '../wallet-input.js';
import type { btcSignMessage } from '../commands/btc.js';

/** The --json shape of `btc sign-message`. */
export interface SignMessageResult {
  address: string;
  path: string;
  scriptType: TemplateName;
  fingerprint: string;
  /** simple | full (BIP-322) or legacy (BIP-137 header; `legacyConvention` says whose). */
  format: 'simple' | 'full' | 'legacy';
  legacyConvention?: 'bip137' | 'electrum';
  signature: string;
  message: { bytes: number; sha256: string; kind: string; escaped: string };
  findings: Finding[];
  overrides: string[];
  verified: true;
  out?: string;
}

const action: Action<typeof btcSignMessage> = async (opts, ctx, args) => {
  if (!opts.address && !opts.path) throw new InputError('give --address ADDR or --path PATH: the key that signs', '--address');
  if (args[0] === '-' && (opts.mnemonicFile === '-' || opts.passphraseFile === '-' || opts.slip39File?.includes('-'))) {
    throw new InputError('stdin cannot carry both the message and a secret; give one of them as a file', 'file');
  }
  if (opts.legacy && opts.script === 'tr') throw new InputError('taproot addresses have no legacy message signature; sign with BIP-322 (drop --legacy)', '--legacy');
  if (opts.out) assertWritable(opts.out, '--out');
  const net = btcNetwork(ctx);
  const path = opts.path !== undefined ? parsePath(opts.path) : undefined;
  const wallet = opts.wallet ? (await readWatchAccount({ wallet: opts.wallet }, ctx)).wallet : undefined;
  if (wallet && wallet.net.name !== net.name) throw new InputError(`the wallet is for ${wallet.net.name} but --network is ${net.name}`, '--wallet');
  // The message is read and judged before any secret is asked for.
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'file', { urText: false });
  const message = payload.bytes;
  const cls = classifyMessage(message);
  const decision = enforce(decide(cls.findings, allowedCodes(opts, ['message-hash', 'message-transaction', 'message-binary'])));

  const source = await readSeed(opts, ctx);
  const root = masterKey(source.seed, net);
  source.seed.fill(0);
  const fingerprint = masterFingerprint(root);
  const key = findMessageKey(root, net, { address: opts.address, path, script: opts.script as TemplateName | undefined, wallet, gap: opts.gapLimit });
  try {
    if (opts.legacy && key.scriptType === 'tr') throw new InputError('taproot addresses have no legacy message signature; sign with BIP-322 (drop --legacy)', '--legacy');
    const format = opts.legacy ? 'legacy' : ((opts.format as 'simple' | 'full' | undefined) ?? (key.scriptType === 'wpkh' || key.scriptType === 'tr' ? 'simple' : 'full'));
    const review = [
      `Sign a message with the key of ${key.address}`,
      `  address type:   ${key.scriptType}   path: ${key.path}   seed: ${fingerprint}${source.kind === 'slip39' ? ' (SLIP-39)' : ''}`,
      `  format:         ${format === 'legacy' ? `legacy (${opts.electrum ? 'Electrum header' : 'BIP-137 header'})` : `BIP-322 ${format}`}`,
      `  message:        ${cls.bytes} bytes, ${cls.kind}, sha256 ${sha256Hex(message)}`,
      `  exact bytes (escaped: \\n \\t \\\\ \\u{…} \\xNN):`,
      `  "${cls.escaped}"`,
      ...decision.notes.map((f) => `  NOTE: ${f.message}`),
      ...decision.overridden.map((f) => `  OVERRIDE ${overrideFlag(f.code)} (journaled): ${f.message}`),
    ];
    for (const l of review) ctx.note(l);
    await ctx.prompt.confirm(`Sign these ${cls.bytes} bytes as ${key.address}?`);

    let signature: string;
    if (format === 'legacy') {
      signature = signLegacy(message, key.privateKey, { scriptType: key.scriptType as 'pkh' | 'sh-wpkh' | 'wpkh', net, convention: opts.electrum ? 'electrum' : 'bip137', lowR: Boolean(opts.electrum) }).signature;
    } else {
      signature = signBip322(message, key.privateKey, { scriptType: key.scriptType, net, format }).signature;
    }
    const check = verifyMessage(message, key.address, signature, net);
    if (check.state !== 'valid') throw new VerificationError(`the signature just made does not verify (${check.reason}); nothing was written`);
    if (opts.out) writeFileAtomic(opts.out, signature + '\n');
    const overrides = decision.overrides.map(overrideFlag);
    const result: SignMessageResult = {
      address: key.address,
      path: key.path,
      scriptType: key.scriptType,
      fingerprint,
      format,
      ...(format === 'legacy' ? { legacyConvention: opts.electrum ? ('electrum' as const) : ('bip137' as const) } : {}),
      signature,
      message: { bytes: cls.bytes, sha256: sha256Hex(message), kind: cls.kind, escaped: cls.escaped },
      findings: decision.findings,
      overrides,
      verified: true,
      ...(opts.out ? { out: opts.out } : {}),
    };
    return {
      result,
      human: (r) => [`address:   ${r.address} (${r.path})`, `format:    ${r.format === 'legacy' ? `legacy ${r.legacyConvention}` : `BIP-322 ${r.format}`}`, `signature: ${r.signature}`, ...(r.out ? [`written:   ${r.out}`] : [])].join('\n'),
      journal: [
        {
          op: 'btc.sign-message',
          data: {
            fingerprint,
            seedKind: source.kind,
            address: key.address,
            path: key.path,
            format,
            messageBytes: cls.bytes,
            messageSha256: result.message.sha256,
            messageKind: cls.kind,
            overrides,
          },
        },
      ],
      payload: { kind: 'text', bytes: new TextEncoder().encode(signature), format: 'plain' },
    };
  } finally {
    key.privateKey.fill(0);
    root.wipePrivateData();
  }
};
export default action;
