/**
 * Is an output that pays our key the wallet's change? Proving the key ours (ownership.ts) is not
 * enough: a watch-only wallet of the exported descriptor — `<template>([fp/account]xpub/<0;1>/*)`
 * — only ever looks at its own script type, its own account, chains 0 and 1, and indices within a
 * gap limit. Coins sent to our key as P2PKH when the wallet is P2WPKH, under another account or
 * purpose, on chain 7, below a hardened or deeper tail, at the master key, or at index
 * 2,000,000,000 are stranded: no wallet shows them, and whoever built the PSBT may hold them to
 * ransom. Change is change only when its script and path are the wallet's at `<1>/i` (or the
 * receive chain `<0>/i`, shown as such) with a plausible index.
 *
 * "The wallet" is the accounts the PSBT's own inputs of ours prove (their template and the path
 * above `<chain>/<index>`); with no input of ours to go by, the BIP44-family layout for the
 * template (BIP44 P2PKH, BIP49 P2SH-P2WPKH, BIP84 P2WPKH, BIP86 P2TR: `m/purpose'/coin'/account'`)
 * on this network's coin type.
 */
import { formatPath, HARDENED } from '../hd/path.js';
import type { KeySource } from '../wallet/key-source.js';
import type { Wallet, WalletAddress } from '../wallet/wallet.js';
import { toHex } from '../text.js';
import { template, type TemplateName } from '../wallet/template.js';

/** One account of the wallet: its script template and the path above `<chain>/<index>`. */
export interface WalletAccount {
  type: TemplateName;
  prefix: readonly number[];
  /** Master fingerprint of the account's key (absent for the BIP44-family fallback). */
  fingerprint?: number;
  /** Highest index seen on the account's chains (inputs of ours). */
  highest?: number;
}


/** The accounts our inputs prove (template and path above `<0|1>/<unhardened index>`), deduplicated. */
export function walletAccounts(inputs: readonly { type: TemplateName; path: readonly number[]; fingerprint: number }[]): WalletAccount[] {
  const out = new Map<string, WalletAccount>();
  for (const i of inputs) {
    const n = i.path.length;
    if (n < 2 || (i.path[n - 2] !== 0 && i.path[n - 2] !== 1) || i.path[n - 1]! >= HARDENED) continue;
    const prefix = i.path.slice(0, n - 2);
    const id = `${i.fingerprint}:${i.type}:${prefix.join('/')}`;
    const highest = Math.max(out.get(id)?.highest ?? 0, i.path[n - 1]!);
    out.set(id, { type: i.type, prefix, fingerprint: i.fingerprint, highest });
  }
  return [...out.values()];
}

/** Indices scanned past the highest one seen, per chain, when looking for our address (a wallet's usual gap limit). */
export const SCAN_GAP = 20;
/** Most derivations one scan makes (keeps a PSBT with many foreign inputs cheap). */
export const SCAN_BUDGET = 2000;

/**
 * Our wallet's scripts (hex → path): each account's chains 0 and 1 up to `SCAN_GAP` past the
 * highest index its inputs use, at most `SCAN_BUDGET` derivations. Finds an input of ours whose
 * derivation the PSBT stripped ("not ours", so its amount would go unchecked).
 */
export function walletScripts(accounts: readonly WalletAccount[], keys: KeySource): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let left = SCAN_BUDGET;
  for (const a of accounts) {
    if (a.fingerprint === undefined) continue;
    const t = template(a.type);
    for (let i = 0; i <= (a.highest ?? 0) + SCAN_GAP; i++) {
      for (const chain of [0, 1]) {
        if (left-- <= 0) return out;
        const path = [...a.prefix, chain, i];
        const pub = keys.publicKey(a.fingerprint, path);
        if (pub) out.set(toHex(t.build([pub]).script), path);
      }
    }
  }
  return out;
}

/**
 * The vault address paying to `script`, on the receive or change branch up to `SCAN_GAP` past the
 * highest index the PSBT's vault inputs use (at most `SCAN_BUDGET` derivations in all): a vault
 * input whose derivations the PSBT stripped, presented as not ours.
 */
export function vaultScriptOf(vault: Wallet, script: Uint8Array, highest: number): WalletAddress | undefined {
  return vault.findScript(script, Math.min(highest + SCAN_GAP + 1, SCAN_BUDGET / 2));
}

const samePrefix = (a: readonly number[], b: readonly number[]): boolean => a.length <= b.length && a.every((v, k) => b[k] === v);

/**
 * What does not fit the wallet in an output paying our key of `type` at `path` (empty: it is the
 * wallet's change or receive address). `accounts` from `walletAccounts` (empty: the BIP44-family
 * layout on `coinType` is the wallet).
 */
export function changeMisfit(type: TemplateName, path: readonly number[], accounts: readonly WalletAccount[], coinType: number, maxIndex: number): string[] {
  if (path.length === 0) return ['it is the master key itself, which no account descriptor covers'];
  // The BIP44-family layout is the single-key templates' own purpose (BIP48 vaults have their own account level).
  const own = template(type).purpose;
  const purpose = own === 48 ? undefined : own;
  const wallet: WalletAccount[] = accounts.length
    ? [...accounts]
    : purpose !== undefined && path.length >= 3 && path[2]! >= HARDENED
      ? [{ type, prefix: [purpose + HARDENED, coinType + HARDENED, path[2]!] }]
      : [];
  const n = path.length;
  const chain = n >= 2 ? path[n - 2]! : undefined;
  const index = path[n - 1]!;
  const fits = (a: WalletAccount) => a.type === type && a.prefix.length === n - 2 && samePrefix(a.prefix, path);
  const tail: string[] = [];
  if (chain !== undefined && chain !== 0 && chain !== 1) tail.push(`chain ${chain >= HARDENED ? `${chain - HARDENED}h` : chain} is neither 0 (receive) nor 1 (change)`);
  if (index >= HARDENED) tail.push(`its index ${index - HARDENED}h is hardened, which a descriptor's /* never derives`);
  else if (index > maxIndex) tail.push(`its index ${index} is beyond ${maxIndex}, far past any gap limit a wallet scans`);
  if (wallet.some(fits)) return tail;
  const names = (list: readonly WalletAccount[]) => list.map((a) => `${a.type} at ${formatPath([...a.prefix])}/<0;1>/*`).join(' or ');
  if (!wallet.length) return [`its path ${formatPath([...path])} is not a ${type} account path (${purpose !== undefined ? `m/${purpose}'/coin'/account'/<0;1>/*` : 'no standard layout'})`, ...tail];
  const under = wallet.filter((a) => samePrefix(a.prefix, path));
  const out: string[] = [];
  if (!wallet.some((a) => a.type === type)) out.push(`its script is ${type} but the wallet is ${[...new Set(wallet.map((a) => a.type))].join(', ')}`);
  if (!under.length) out.push(`its path ${formatPath([...path])} is outside the wallet (${names(wallet)})`);
  else if (under.every((a) => a.prefix.length !== n - 2)) out.push(`its path ${formatPath([...path])} is ${n - 2 - under[0]!.prefix.length > 0 ? 'deeper than' : 'not'} the wallet's <0;1>/* (${names(under)})`);
  else if (!out.length && !under.some((a) => a.type === type)) out.push(`the wallet's account there is ${under.map((a) => a.type).join(', ')}, not ${type}`);
  return [...out, ...tail];
}
