/**
 * `coldkit wallet register vault.json` on each offline laptop: checks that this seed is one of the
 * vault's cosigners (which one), shows the vault id words and first receive address to compare
 * with the other cosigners' screens, and journals the registration (vault id, descriptor and its
 * checksum). A vault registered under the same name with another id is refused.
 */
import { decide, enforce } from '../../core/findings/decide.js';
import { descriptorChecksum } from '../../core/hd/checksum.js';
import { deriveIndices, masterFingerprint, masterKey, seedFromMnemonic } from '../../core/hd/keys.js';
import { formatPath, parsePath } from '../../core/hd/path.js';
import { readVault } from '../../core/wallet/vault.js';
import { cosignerIndex, registrationFindings } from '../../core/wallet/vault-registry.js';
import type { Action } from '../command.js';
import { readInputJson } from '../io.js';
import { readMnemonic, readPassphrase } from '../secrets.js';
import { registeredVaults } from '../vault-registry.js';
import type { walletRegister } from '../commands/wallet.js';

const action: Action<typeof walletRegister> = async (opts, ctx, args) => {
  const file = args[0]!;
  const v = readVault(await readInputJson(file, file, ctx.io, 'is not JSON; expected the vault file written by `coldkit wallet create --out`'), file, ctx.globals.network);
  const existing = registeredVaults(ctx);
  const m = await readMnemonic(opts, ctx);
  const passphrase = await readPassphrase(opts, ctx);
  const root = masterKey(seedFromMnemonic(m.phrase, passphrase), v.net);
  const fingerprint = masterFingerprint(root);
  const index = cosignerIndex(v.file, fingerprint, (p) => deriveIndices(root, parsePath(p, file)).publicExtendedKey);
  root.wipePrivateData();
  enforce(decide(registrationFindings(v.file, index, fingerprint, existing), new Set()));
  const again = existing.find((r) => r.vaultId === v.file.id);
  const me = v.file.cosigners[index]!;
  const result = {
    name: v.file.name,
    vaultId: v.file.id,
    words: v.file.words,
    policy: `${v.file.threshold} of ${v.file.cosigners.length}`,
    network: v.net.name,
    cosigner: index + 1,
    label: me.label,
    fingerprint,
    path: me.path,
    firstAddress: v.wallet.at(0, 0).address,
    alreadyRegistered: again ? again.seq : undefined,
  };
  return {
    result,
    journal: [
      {
        op: 'wallet.register',
        data: {
          name: v.file.name,
          vaultId: v.file.id,
          words: v.file.words,
          network: v.net.name,
          descriptor: v.file.descriptor,
          descriptorChecksum: descriptorChecksum(v.file.descriptor.replace(/#.*$/, '')),
          cosigner: index + 1,
          fingerprint,
          path: formatPath(parsePath(me.path, file)),
          firstAddress: result.firstAddress,
        },
      },
    ],
    human: (r: typeof result) =>
      [
        `Registered vault "${r.name}" ${r.vaultId} (${r.policy}, ${r.network})${r.alreadyRegistered ? ` — already registered at journal #${r.alreadyRegistered}; registered again` : ''}`,
        `  vault words   ${r.words}   (compare with every cosigner)`,
        `  this seed is  cosigner ${r.cosigner} (${r.label}), fingerprint ${r.fingerprint}, ${r.path}`,
        `  receive/0     ${r.firstAddress}   (compare with the other cosigners' screens)`,
      ].join('\n'),
  };
};
export default action;
