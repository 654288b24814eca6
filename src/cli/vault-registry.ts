/** The vaults registered on this signer: the `wallet.register` entries of the (verified) journal. */
import type { Registration } from '../core/wallet/vault-registry.js';
import type { Context } from './command.js';
import { journalPath, scanJournal } from './journal-file.js';

/** Every registration in the journal, oldest first (the whole journal is verified while read). */
export function registeredVaults(ctx: Context): Registration[] {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const out: Registration[] = [];
  scanJournal(file, ({ entry: e }) => {
    if (e.op !== 'wallet.register') return;
    const d = e.data as Record<string, unknown>;
    out.push({ seq: e.seq, name: String(d['name']), vaultId: String(d['vaultId']), descriptor: String(d['descriptor']), network: String(d['network']), fingerprint: String(d['fingerprint']) });
  });
  return out;
}
