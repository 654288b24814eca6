/**
 * `coldkit address verify ADDRESS` (offline): is this address the seed's own? Before funds are
 * sent to an address shown on an online machine, the signer derives its own addresses and says
 * which one it is — "receive #17 of 73c5da0a (wpkh) at m/84h/0h/0h/0/17" — or that it is not among
 * the first N (exit 3), as hardware wallets verify an address on their own screen. The script type
 * is the address's own form (P2PKH, P2SH-P2WPKH, P2WPKH, P2TR at their BIP44/49/84/86 accounts);
 * a vault's P2WSH/P2SH address is searched with `--wallet vault.json`, after proving the seed is
 * one of its cosigners. `--chain eth` searches m/44'/60'/account'/0/i. Journaled as
 * `address.verify` (no secret: the address, the seed's fingerprint and where it was found).
 */
import { InputError, VerificationError } from '../../core/errors.js';
import { addressScript } from '../../core/btc/recipient.js';
import { ethAccountExport } from '../../core/eth/account-file.js';
import { parseAddress, sameAddress } from '../../core/eth/account.js';
import { deriveIndices, masterFingerprint, masterKey } from '../../core/hd/keys.js';
import { HARDENED, parsePath } from '../../core/hd/path.js';
import { addressOfUri } from '../../core/payment-uri.js';
import { secretKind } from '../../core/secret-text.js';
import { sanitize } from '../../core/text.js';
import { accountPath, exportAccount } from '../../core/wallet/account.js';
import { parseDescriptor } from '../../core/wallet/descriptor.js';
import { scriptKind } from '../../core/wallet/script.js';
import { templatesFor, type TemplateName } from '../../core/wallet/template.js';
import { cosignerIndex } from '../../core/wallet/vault-registry.js';
import { Wallet } from '../../core/wallet/wallet.js';
import type { Action } from '../command.js';
import type { addressVerify } from '../commands/address.js';
import { btcNetwork } from '../network-option.js';
import { readPayloadInput } from '../payload.js';
import { progressLine } from '../progress.js';
import { readSeed } from '../seed-input.js';
import { readWatchAccount } from '../wallet-input.js';

/** Where the address was found. */
export interface AddressVerifyResult {
  address: string;
  found: true;
  chain: 'btc' | 'eth';
  /** The seed's master fingerprint. */
  fingerprint: string;
  /** Script type (btc), or "eth". */
  script: TemplateName | 'eth';
  branch: number;
  change: boolean;
  index: number;
  path: string;
  /** With --wallet: the vault and which cosigner this seed is (1-based). */
  vault?: { name: string; id: string; cosigner: number };
  /** Addresses derived before it was found, for the record. */
  searched: number;
}

const action: Action<typeof addressVerify> = async (opts, ctx, args) => {
  if (args[0] && opts.fromQr?.length) throw new InputError('give the address OR --from-qr, not both', 'address');
  const text = args[0] ?? (opts.fromQr?.length ? new TextDecoder().decode((await readPayloadInput(ctx, { fromQr: opts.fromQr }, '--from-qr')).bytes) : undefined);
  if (text === undefined) throw new InputError('give the address to verify, or --from-qr IMAGE', 'address');
  // A secret given by mistake (a SeedQR image, a WIF or xprv pasted) is refused without echoing it.
  const secret = secretKind(text);
  if (secret) throw new InputError(`is a ${secret}, not an address; it is not shown or journaled — keep it out of sight`, 'address');
  const uri = addressOfUri(text);
  if (uri.rest) ctx.note(`note: only the address of the URI is verified; "${sanitize(uri.rest).slice(0, 80)}" is not`);
  if (uri.scheme && uri.scheme !== (opts.chain === 'eth' ? 'ethereum' : 'bitcoin')) throw new InputError(`is an ${uri.scheme}: URI; verify it with --chain ${uri.scheme === 'ethereum' ? 'eth' : 'btc'}`, 'address');
  // The address is checked before the seed is asked for.
  const net = btcNetwork(ctx);
  const eth = opts.chain === 'eth' ? parseAddress(uri.address, 'address') : undefined;
  const script = eth ? undefined : addressScript(uri.address, net, 'address');
  const vaultAccount = opts.wallet ? await readWatchAccount({ wallet: opts.wallet }, ctx) : undefined;
  if (vaultAccount && !vaultAccount.vault) throw new InputError('is not a vault file; address verify --wallet takes a vault (wallet create --out) — a single-key address needs no file', '--wallet');
  const templates = script ? templatesFor(scriptKind(script)).filter((t) => (vaultAccount ? t.keys === 'many' : t.keys === 'one')) : [];
  if (script && !templates.length) {
    throw new InputError(vaultAccount ? 'is not a vault address form (P2WSH or P2SH)' : `is a ${scriptKind(script)} address, which no single-key account of a seed pays to${scriptKind(script) === 'p2wsh' ? '; for a vault address give --wallet vault.json' : ''}`, 'address');
  }

  const source = await readSeed(opts, ctx);
  const root = masterKey(source.seed, vaultAccount?.net ?? net);
  source.seed.fill(0);
  const fingerprint = masterFingerprint(root);
  const accounts = Array.from({ length: opts.accounts }, (_, k) => opts.account + k);
  let found: AddressVerifyResult | undefined;
  let searched = 0;
  const progress = progressLine(ctx, `searching seed ${fingerprint}'s addresses`);
  try {
    if (eth) {
      for (const account of accounts) {
        const indices = [44 + HARDENED, 60 + HARDENED, account + HARDENED];
        const list = ethAccountExport(deriveIndices(root, indices), fingerprint, indices, opts.gap).addresses;
        const hit = list.find((a) => sameAddress(a.address, eth));
        searched += hit ? hit.index + 1 : list.length;
        if (hit) {
          found = { address: eth, found: true, chain: 'eth', fingerprint, script: 'eth', branch: 0, change: false, index: hit.index, path: hit.path, searched };
          break;
        }
      }
    } else if (vaultAccount) {
      const v = vaultAccount.vault!;
      const me = cosignerIndex(v, fingerprint, (p) => deriveIndices(root, parsePath(p, '--wallet')).publicExtendedKey);
      if (me < 0) throw new VerificationError(`this seed (fingerprint ${fingerprint}) is not a cosigner of vault "${v.name}" ${v.id} (cosigners ${v.cosigners.map((c) => c.fingerprint).join(', ')}); wrong seed, passphrase or vault file?`);
      const hit = vaultAccount.wallet.findAddress(uri.address, opts.gap, progress.update);
      searched = 2 * opts.gap;
      if (hit) found = { address: hit.address, found: true, chain: 'btc', fingerprint, script: vaultAccount.wallet.template.name, branch: hit.branch, change: hit.branch === 1, index: hit.index, path: hit.path, vault: { name: v.name, id: v.id, cosigner: me + 1 }, searched };
    } else {
      for (const t of templates) {
        for (const account of accounts) {
          const acc = exportAccount(root, net, t.name, accountPath(t.name, net, account), 0);
          const hit = new Wallet(parseDescriptor(acc.descriptors.multipath, 'account'), net).findAddress(uri.address, opts.gap, (d, t) => progress.update(searched + d, templates.length * accounts.length * t));
          searched += 2 * opts.gap;
          if (hit) {
            found = { address: hit.address, found: true, chain: 'btc', fingerprint, script: t.name, branch: hit.branch, change: hit.branch === 1, index: hit.index, path: hit.path, searched };
            break;
          }
        }
        if (found) break;
      }
    }
  } finally {
    progress.done();
    root.wipePrivateData();
  }
  const where = `${opts.accounts === 1 ? `account ${opts.account}` : `accounts ${accounts[0]}–${accounts.at(-1)}`}`;
  if (!found) {
    const what = eth ? `the first ${opts.gap} Ethereum addresses (m/44h/60h/<account>h/0/i) of ${where}` : vaultAccount ? `the first ${opts.gap} receive and change addresses of vault "${vaultAccount.vault!.name}" ${vaultAccount.vault!.id}` : `the first ${opts.gap} receive and change addresses of ${where} (${templates.map((t) => t.name).join(', ')})`;
    throw new VerificationError(`${sanitize(uri.address)} is NOT an address of seed ${fingerprint}: not among ${what}; do not send to it until you know whose it is (or widen --gap/--accounts)`);
  }
  const f = found;
  return {
    result: f,
    human: (r) =>
      `OK ${r.address}\n   is ${r.chain === 'eth' ? 'address' : r.change ? 'change' : 'receive'} #${r.index} of ${r.vault ? `vault "${r.vault.name}" ${r.vault.id} (you are cosigner ${r.vault.cosigner}, seed ${r.fingerprint})` : `seed ${r.fingerprint}`} (${r.script}) at ${r.path}`,
    journal: [{ op: 'address.verify', data: { address: f.address, chain: f.chain, fingerprint: f.fingerprint, script: f.script, path: f.path, ...(f.vault ? { vaultId: f.vault.id } : {}) } }],
  };
};
export default action;
