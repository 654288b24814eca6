/**
 * The vault `psbt sign` signs for, when it signs for one: the `--wallet` file given (which must be
 * registered on this laptop), or the registered vault whose scripts the PSBT's inputs are. Its own
 * module so that a single-key sign loads neither the wallet reader, the descriptor parser nor the
 * vault registry (start-up, docs/performance.md): psbt-sign.ts imports it only for `--wallet` or a
 * PSBT whose inputs carry witness scripts.
 */
import type { Finding } from '../../core/findings/finding.js';
import { InputError } from '../../core/errors.js';
import type { ReadPsbt } from '../../core/btc/psbt-read.js';
import { reviewPsbt } from '../../core/btc/review.js';
import { proveVault } from '../../core/btc/vault-proof.js';
import { network as networkNamed, type BtcNetwork } from '../../core/network.js';
import { parseDescriptor } from '../../core/wallet/descriptor.js';
import { vaultId } from '../../core/wallet/vault.js';
import { unregisteredFinding, type Registration } from '../../core/wallet/vault-registry.js';
import { Wallet } from '../../core/wallet/wallet.js';
import type { Context } from '../command.js';
import { registeredVaults } from '../vault-registry.js';
import { readWatchAccount, vaultContext, type WatchAccount } from '../wallet-input.js';

/** A vault to sign for, with the findings of its registration. */
export interface SigningVault {
  vault?: NonNullable<ReturnType<typeof vaultContext>>;
  /** The network the vault file names, when one was given. */
  net?: BtcNetwork;
  findings: Finding[];
}

/**
 * The vault of this sign: `--wallet FILE` (a vault file, checked against the registrations), else
 * the newest registered vault that proves the PSBT's inputs, else none.
 */
export async function signingVault(ctx: Context, wallet: string | undefined, psbt: ReadPsbt): Promise<SigningVault> {
  let registered: Registration[] | undefined;
  const registry = () => (registered ??= registeredVaults(ctx));
  if (wallet) return walletVault(await readWatchAccount({ wallet }, ctx), registry());
  const vault = registeredVaultOf(psbt, registry(), ctx.globals.network);
  return { ...(vault ? { vault } : {}), findings: [] };
}

/**
 * The vault of `--wallet` (a vault file's account), with the finding `unregistered-vault` unless
 * it is among the registrations (the journal's, read by the caller).
 */
export function walletVault(account: WatchAccount, registered: readonly Registration[]): SigningVault {
  const vault = vaultContext(account);
  if (!vault) throw new InputError('is a single-key account file; psbt sign --wallet takes a vault file (wallet create --out)', '--wallet');
  return { vault, net: account.net, findings: unregisteredFinding(vault.label, account.vault?.id ?? vaultId(account.source).id, registered) };
}

/**
 * The registered vault (newest registration first) whose scripts this PSBT's inputs are, proven
 * the same way the signer proves them; undefined when none is.
 */
function registeredVaultOf(psbt: ReadPsbt, registered: readonly Registration[], netName: string | undefined) {
  for (const r of [...registered].reverse()) {
    if (netName && r.network !== netName) continue;
    const wallet = new Wallet(parseDescriptor(r.descriptor, 'journal'), networkNamed(r.network));
    const review = reviewPsbt(psbt.view, wallet.net, undefined, { vault: wallet, proveVault });
    if (review.inputs.some((i) => i.vault)) return { wallet, label: `vault "${r.name}" ${r.vaultId}` };
  }
  return undefined;
}
