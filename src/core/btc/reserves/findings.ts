/**
 * What the signer finds on a PSBT that carries a BIP-127 commitment (PSBT_IN_POR_COMMITMENT).
 *
 * Only a PSBT whose whole shape is a proof (shape.ts: commitment input first, every real input
 * signed with SIGHASH_ALL/DEFAULT, one OP_RETURN output of exactly the inputs' sum, no fee) gets
 * the note `proof-of-reserves` ("cannot move funds"), and only then are the payment findings that
 * do not apply to a proof dropped (the OP_RETURN burn, its dust, unproven amounts — a proof cannot
 * pay a fee — and the commitment input counted as foreign). A PSBT that carries the commitment but
 * departs from the shape is the hard refusal `reserves-shape`: it looks like a proof to whoever
 * reads the field, and is something else.
 */
import { hardRefusal, note, RANK, type Finding } from '../../findings/finding.js';
import { formatDecimal } from '../../amount.js';
import { sanitize } from '../../text.js';
import type { PsbtView } from '../psbt-view.js';
import type { PsbtReview } from '../review.js';
import { decodeMessage } from './commitment.js';
import { commitsToAllInputs, shapeProblems } from './shape.js';

/** The proof-of-reserves judgement of one PSBT. */
export interface ReservesJudgement {
  /** Set only when the shape was checked and holds. */
  reserves?: NonNullable<PsbtReview['reserves']>;
  findings: Finding[];
  /** Payment finding codes that do not apply to a proof. */
  drop: ReadonlySet<string>;
}

const NONE: ReservesJudgement = { findings: [], drop: new Set() };

/** Judge a PSBT as a proof of reserves (nothing when no input carries PSBT_IN_POR_COMMITMENT). */
export function reservesFindings(view: PsbtView, r: PsbtReview): ReservesJudgement {
  const marked = r.inputs.filter((i) => view.getInput(i.index).porCommitment !== undefined).map((i) => i.index);
  if (marked.length === 0) return NONE;
  const problems: string[] = [];
  if (marked.length > 1 || marked[0] !== 0) problems.push(`the commitment field is on input${marked.length > 1 ? 's' : ''} ${marked.join(', ')}; BIP-127 puts it on input 0 only`);
  const message = decodeMessage(view.getInput(marked[0]!).porCommitment!);
  if (message === undefined) problems.push('the commitment message is not valid UTF-8');
  else problems.push(...shapeProblems({ inputs: r.inputs.map((i) => ({ txid: i.txid, index: i.vout })), outputs: r.outputs, amounts: r.inputs.map((i) => i.amount) }, message));
  const c = r.inputs[0]!;
  if (c.amount !== undefined && c.amount !== 0n) problems.push(`the commitment input claims ${c.amount} sat; BIP-127 takes it as 0`);
  if (c.ours || c.signatures > 0 || c.finalized) problems.push('the commitment input is claimed by a key or carries signatures; it must stay unsigned');
  const loose = r.inputs.filter((i) => i.index > 0 && !commitsToAllInputs(i.sighash)).map((i) => i.index);
  if (loose.length) problems.push(`input ${loose.join(', ')} asks for a sighash other than ALL, so its signature would not commit to the commitment input and could be replayed in a spendable transaction`);
  if (r.lockTime !== 0) problems.push(`nLockTime is ${r.lockTime}; a proof has none`);
  if (problems.length) {
    return { findings: [hardRefusal('reserves-shape', RANK.validity, `carries a proof-of-reserves commitment but is not a proof: ${problems.map(sanitize).join('; ')}`)], drop: new Set() };
  }
  const total = r.inputs.slice(1).reduce((a, i) => a + (i.amount ?? 0n), 0n);
  const reserves = { message: message!, total, inputs: r.inputs.length - 1 };
  const othersOurs = r.inputs.slice(1).every((i) => i.ours || i.vault);
  const drop = new Set(['op-return', 'dust-output', 'unproven-amounts', ...(othersOurs ? ['foreign-inputs'] : [])]);
  const msg = `proof of reserves, cannot move funds: ${reserves.inputs} input${reserves.inputs === 1 ? '' : 's'} holding ${formatDecimal(total, 8)} BTC, committed to the message "${sanitize(message!)}" (BIP-127; the first input does not exist and every signature commits to it)`;
  return { reserves, findings: [note('proof-of-reserves', msg)], drop };
}
