/** Human rendering of the custody inventory (`coldkit status`). Journal text is sanitized before printing. */
import type { Inventory } from '../../core/lifecycle/inventory.js';
import { sanitize } from '../../core/text.js';

const day = (ts: string | undefined | null): string => (ts ? sanitize(ts.slice(0, 10)) : '—');

/** The inventory as text: keys, share sets, overrides, and what is due (first, so it is not missed). */
export function renderInventory(r: Inventory & { file: string }): string {
  const out: string[] = [];
  out.push(`Journal ${sanitize(r.file)}: ${r.entries} entries${r.first ? `, ${day(r.first)} to ${day(r.last)}` : ''}; status as of ${day(r.asOf)}.`);
  if (r.due.length > 0) {
    out.push('', `DUE (${r.due.length}):`);
    for (const d of r.due) out.push(`  [${d.code}] ${sanitize(d.message)}`);
  } else {
    out.push('', `Nothing due (drills every ${sanitize(r.policy.drillEvery)}${r.policy.drillEverySource === 'policy' ? ' by the adopted policy' : ''}${r.policy.rotateAfterDays ? `, rotation after ${r.policy.rotateAfterDays} days` : ''}).`);
  }
  out.push('', `Keys (${r.keys.length}):`);
  for (const k of r.keys) {
    const made = k.created ? `${sanitize(k.created.how)} ${day(k.created.ts)} by ${sanitize(k.created.operator)}@${sanitize(k.created.host)} (#${k.created.seq})` : 'origin not in this journal';
    out.push(`  ${sanitize(k.fingerprint)}  ${made}${k.retired ? `  RETIRED ${day(k.retired.ts)}: ${sanitize(k.retired.reason)}` : ''}`);
    out.push(`    networks ${k.networks.map(sanitize).join(', ') || '—'}; signatures btc ${k.signatures.btc}, eth ${k.signatures.eth}; last used ${day(k.lastUsed?.ts)}; operators ${k.operators.map(sanitize).join(', ')}`);
  }
  out.push('', `Share sets (${r.shareSets.length}):`);
  for (const s of r.shareSets) {
    const tn = s.threshold !== null ? `${s.threshold}-of-${s.count}` : '?-of-?';
    out.push(`  ${sanitize(s.setWords ?? s.id)}  ${tn}  key ${sanitize(s.fingerprint ?? '?')}  made ${day(s.created?.ts)}${s.created ? ` by ${sanitize(s.created.operator)}` : ''}${s.retired ? `  RETIRED ${day(s.retired.ts)}${s.retired.supersededBy ? ` (superseded by ${sanitize(s.retired.supersededBy)})` : ''}` : ''}`);
    out.push(`    drills ${s.drills}; last ${s.lastDrill ? `${day(s.lastDrill.ts)} ${sanitize(s.lastDrill.result)} by ${sanitize(s.lastDrill.operator)}` : 'never'}; last proven ${day(s.lastProven?.ts)}${s.nextDrillDue ? `; next drill due ${day(s.nextDrillDue)}` : ''}${s.holders ? `; holders ${s.holders.map(sanitize).join(', ')}` : ''}`);
  }
  out.push('', `Overrides used (${r.overrides.length}):`);
  for (const o of r.overrides.slice(-20)) out.push(`  #${o.seq} ${day(o.ts)} ${sanitize(o.op)} by ${sanitize(o.operator)}: ${o.overrides.map(sanitize).join(' ')}`);
  if (r.overrides.length > 20) out.push(`  … ${r.overrides.length - 20} earlier (all in --json)`);
  return out.join('\n');
}
