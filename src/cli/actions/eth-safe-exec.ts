/**
 * `coldkit eth safe exec` (online): the Safe transaction file's signatures verified and ordered
 * again, the threshold read from the Safe, `execTransaction` simulated with eth_call from the
 * executor (it must return true), then the unsigned Ethereum transaction built exactly as
 * `eth tx create --to SAFE --data <execTransaction calldata>` builds it — it goes through
 * `eth sign` offline and `eth broadcast` like any other.
 */
import { Interface } from 'ethers';
import { InputError, RefusedError, RuntimeFailure } from '../../core/errors.js';
import { parseSafeTxFile } from '../../core/eth/safe/file.js';
import { hashMismatch } from '../../core/eth/safe/findings.js';
import { collectSignatures } from '../../core/eth/safe/signatures.js';
import { refusedBy } from '../../core/findings/decide.js';
import { sanitize, toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import { defaults, type OptionsOf } from '../options/spec.js';
import { ethTxCreate as txCreateTable, type ethSafeExec as table } from '../commands/eth.js';
import { EthRpc } from '../eth/rpc.js';
import { readInputText } from '../io.js';
import ethTxCreate, { type TxCreateResult } from './eth-tx-create.js';
import { counted } from '../../core/text.js';

const EXEC = new Interface([
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
]);

export interface SafeExecResult extends TxCreateResult {
  safe: { address: string; safeTxHash: string; owners: string[]; threshold: number; simulated: true };
}

export default async function ethSafeExec(opts: OptionsOf<typeof table>, ctx: Context, args: string[]): Promise<Outcome<SafeExecResult>> {
  if (!args[0]) throw new InputError('give the Safe transaction file with its signatures', 'file');
  const loaded = parseSafeTxFile(await readInputText(args[0], 'file', ctx.io), 'file');
  const { doc, hashes } = loaded;
  if (loaded.claimed && loaded.claimed.safeTxHash !== hashes.safeTxHash) throw refusedBy([hashMismatch(loaded.claimed.safeTxHash, hashes.safeTxHash, 'the file')]);
  const rpc = new EthRpc(opts.rpc);
  const nodeChain = await rpc.quantity('eth_chainId');
  if (nodeChain !== doc.chainId) throw new InputError(`is on chain ${nodeChain}, but the Safe transaction is for chain ${doc.chainId}`, '--rpc');
  const threshold = Number(EXEC.decodeFunctionResult('getThreshold', await rpc.call<string>('eth_call', [{ to: doc.safe, data: EXEC.encodeFunctionData('getThreshold') }, 'latest']))[0]);
  const c = collectSignatures(hashes.safeTxHash, doc.signatures ?? [], doc.owners, threshold);
  if (c.missing !== 0) throw new RefusedError(`${counted(c.signatures.length, 'valid owner signature')}, the Safe's threshold is ${threshold}: ${c.missing} more needed (\`eth safe collect FILE SIG… --out FILE\`)`, []);
  const t = doc.tx;
  const data = EXEC.encodeFunctionData('execTransaction', [t.to, t.value, '0x' + toHex(t.data), t.operation, t.safeTxGas, t.baseGas, t.gasPrice, t.gasToken, t.refundReceiver, c.packed]);
  let ok: boolean;
  try {
    ok = Boolean(EXEC.decodeFunctionResult('execTransaction', await rpc.call<string>('eth_call', [{ from: opts.from, to: doc.safe, data }, 'latest']))[0]);
  } catch (e) {
    throw new RuntimeFailure(`the simulation of execTransaction failed: ${sanitize((e as Error).message).slice(0, 300)} (Safe errors GS0xx: see the Safe contracts' error codes; GS026 = signatures invalid, GS025 = nonce/hash)`);
  }
  if (!ok) throw new RuntimeFailure('the simulation of execTransaction returned false: the inner call would fail (the Safe still uses the nonce and pays gas)');
  ctx.note(`simulated execTransaction from ${opts.from}: success; ${c.signatures.length} of ${threshold} signatures`);
  const created = await ethTxCreate({ ...defaults(txCreateTable), ...opts, to: doc.safe, data } as OptionsOf<typeof txCreateTable>, ctx);
  const result: SafeExecResult = { ...created.result, safe: { address: doc.safe, safeTxHash: hashes.safeTxHash, owners: c.signatures.map((s) => s.owner), threshold, simulated: true } };
  return {
    ...created,
    result,
    human: (r) => [`execTransaction of Safe ${r.safe.address} (safeTxHash ${r.safe.safeTxHash}), ${r.safe.owners.length} of ${r.safe.threshold} signatures, simulated: success`, created.human(r)].join('\n'),
    journal: [...(created.journal ?? []), { op: 'eth.safe.exec', data: { safe: doc.safe, safeTxHash: hashes.safeTxHash, executor: opts.from, signers: result.safe.owners, threshold } }],
  };
}
