/**
 * `journal report` rendering: the report model (src/core/lifecycle/report.ts) becomes one neutral
 * document — headings, paragraphs, tables, a code block — and that document is written as
 * Markdown or as one self-contained printable HTML page (inline CSS, no script, no external
 * asset). Every string from the journal is untrusted: control characters are stripped
 * (sanitize) and then each format escapes its own syntax (HTML entities; Markdown punctuation
 * and table pipes), so a crafted operator name or address cannot add markup, links or rows.
 */
import type { ReportModel } from '../../core/lifecycle/report.js';
import { sanitize } from '../../core/text.js';

/** A block of the neutral document. */
export type Block =
  | { kind: 'h'; level: 1 | 2 | 3; text: string }
  | { kind: 'p'; text: string; strong?: boolean }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'code'; text: string };

const day = (ts: string | null | undefined): string => (ts ? ts.slice(0, 10) : '—');
const when = (ts: string): string => ts.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/** The one re-verification recipe (the same text as docs/formats/journal.md's "Verify by hand"). */
export const VERIFY_RECIPE = `J=journal.jsonl
# 1. each entry's hash: version 1, SHA-256 of the whole line; version 2, of the line without its
#    last member ,"hash":"…" (the closing brace kept)
H=',"hash":"'
while IFS= read -r line; do
  case "$line" in
    '{"v":1,'*) printf '%s' "$line" ;;
    *) printf '%s}' "\${line%"$H"*}" ;;
  esac | sha256sum | cut -d' ' -f1
done < "$J" > hashes.txt
# 2. a version-2 entry's hash member must be that hash (version-1 entries have none)
jq -r 'if .v == 1 then "-" else .hash end' "$J" > stored.txt
paste -d' ' hashes.txt stored.txt | awk '$2 != "-" && $2 != $1 { print "hash breaks at line " NR; bad = 1 } END { if (!bad) print "hashes OK" }'
# 3. each line's prev must be the previous entry's hash; line 1's prev is 64 zeros
jq -r .prev "$J" > prevs.txt
( printf '%064d\\n' 0; head -n -1 hashes.txt ) | diff - prevs.txt && echo "chain OK"
# 4. seq must count 1, 2, 3 …; no version-1 entry after a version-2 one
jq -r '"\\(.seq) \\(.v)"' "$J" | awk '$1 != NR { print "seq breaks at line " NR; bad = 1 } $2 == 2 { two = 1 } $2 == 1 && two { print "version 1 after version 2 at line " NR; bad = 1 } END { if (!bad) print "seq OK" }'
# 5. the head: compare with the hash written on paper (or \`coldkit journal head\`)
tail -n 1 hashes.txt`;

/** The report as a neutral document (strings not yet escaped; the writers escape). */
export function reportDocument(m: ReportModel, file: string): Block[] {
  const b: Block[] = [];
  const range = m.range.from || m.range.to ? `${m.range.from ? day(m.range.from) : 'the start'} to ${m.range.to ? day(m.range.to) : 'the end'}` : 'the whole journal';
  b.push({ kind: 'h', level: 1, text: 'coldkit custody report' });
  b.push({ kind: 'p', text: `Journal ${file}: ${m.journal.entries} entries (${day(m.journal.first)} to ${day(m.journal.last)}). This report covers ${range}: ${m.inRange.entries} entries. Generated ${when(m.generated)}.` });
  b.push({ kind: 'h', level: 2, text: 'Verification' });
  b.push({ kind: 'p', strong: true, text: `Journal OK: all ${m.journal.entries} entries verified (each entry's own hash and its link to the previous one), before this report was written.` });
  b.push({ kind: 'table', head: ['head entry', 'head hash', 'head words'], rows: [[`#${m.journal.head.seq}`, m.journal.head.hash, m.journal.head.words]] });
  b.push({ kind: 'p', text: 'The chain proves that no entry was changed without re-hashing every later one. Only an outside copy of the head (these words on paper, an anchor in a payload) proves that nothing was edited and re-hashed and that nothing was cut from the end: compare it with `coldkit journal verify --anchor "#SEQ WORDS"`. Without coldkit, re-verify with sha256sum and jq:' });
  b.push({ kind: 'code', text: VERIFY_RECIPE });

  b.push({ kind: 'h', level: 2, text: `Due (${m.due.length})` });
  b.push({ kind: 'p', text: `Rules: drills every ${m.rules.drillEvery} (${m.rules.drillEverySource}); key rotation ${m.rules.rotateAfterDays ? `after ${m.rules.rotateAfterDays} days` : 'not set'}; policy review ${m.rules.reviewBy ?? 'not set'}.` });
  if (m.due.length) b.push({ kind: 'table', head: ['code', 'subject', 'detail'], rows: m.due.map((d) => [d.code, d.subject, d.message]) });

  b.push({ kind: 'h', level: 2, text: `Keys (${m.keys.length})` });
  b.push({
    kind: 'table',
    head: ['fingerprint', 'created', 'networks', 'signatures (btc / eth)', 'last used', 'operators', 'retired'],
    rows: m.keys.map((k) => [
      k.fingerprint,
      k.created ? `${k.created.how} ${day(k.created.ts)} by ${k.created.operator}@${k.created.host} (#${k.created.seq})` : 'before this journal',
      k.networks.join(', ') || '—',
      `${k.signatures.btc} / ${k.signatures.eth}`,
      day(k.lastUsed?.ts),
      k.operators.join(', '),
      k.retired ? `${day(k.retired.ts)} (#${k.retired.seq}): ${k.retired.reason}` : '—',
    ]),
  });

  b.push({ kind: 'h', level: 2, text: `Share sets (${m.shareSets.length})` });
  b.push({
    kind: 'table',
    head: ['set', 'T-of-N', 'key', 'holders', 'made', 'drills', 'last proven', 'next drill due', 'retired'],
    rows: m.shareSets.map((s) => [
      `${s.setWords ?? s.id} (${s.id})`,
      s.threshold !== null ? `${s.threshold}-of-${s.count ?? '?'}` : '?',
      s.fingerprint ?? '?',
      s.holders?.join(', ') ?? '—',
      s.created ? `${day(s.created.ts)} by ${s.created.operator} (#${s.created.seq})` : '—',
      `${s.drills}${s.lastDrill ? `; last ${s.lastDrill.result} ${day(s.lastDrill.ts)}` : ''}`,
      day(s.lastProven?.ts),
      s.retired ? '—' : day(s.nextDrillDue),
      s.retired ? `${day(s.retired.ts)} (#${s.retired.seq})${s.retired.supersededBy ? ` → ${s.retired.supersededBy}` : ''}: ${s.retired.reason}` : '—',
    ]),
  });

  b.push({ kind: 'h', level: 2, text: `Drills in range (${m.drills.length})` });
  if (m.drills.length) b.push({ kind: 'table', head: ['#', 'when', 'operator@host', 'set', 'result', 'rebuilt', 'expected'], rows: m.drills.map((d) => [String(d.seq), when(d.ts), `${d.operator}@${d.host}`, d.set, d.result, d.fingerprint ?? '—', d.expected ?? '—']) });

  b.push({ kind: 'h', level: 2, text: `Signatures in range (${m.signatures.length})` });
  if (m.signatures.length) {
    b.push({
      kind: 'table',
      head: ['#', 'when', 'operator@host', 'act', 'key', 'network', 'destinations and amounts', 'fee', 'id', 'overrides'],
      rows: m.signatures.map((s) => [
        String(s.seq),
        when(s.ts),
        `${s.operator}@${s.host}`,
        s.op,
        s.key,
        s.network ?? '—',
        s.outputs.map((o) => `${o.to}: ${o.amount ?? '?'} ${o.unit}`).join('\n') || '—',
        s.fee ? `${s.fee} sats` : '—',
        s.id ? `${s.idKind}: ${s.id}` : '—',
        s.overrides.join(' ') || '—',
      ]),
    });
  }

  for (const [title, rows] of [['Vaults', m.vaults], ['Policy adoptions and approvals', m.policy]] as const) {
    b.push({ kind: 'h', level: 2, text: `${title} in range (${rows.length})` });
    if (rows.length) b.push({ kind: 'table', head: ['#', 'when', 'operator@host', 'act', 'detail'], rows: rows.map((r) => [String(r.seq), when(r.ts), `${r.operator}@${r.host}`, r.op, r.summary]) });
  }

  b.push({ kind: 'h', level: 2, text: `Overrides used in range (${m.overrides.length})` });
  if (m.overrides.length) b.push({ kind: 'table', head: ['#', 'when', 'operator@host', 'act', 'overrides'], rows: m.overrides.map((o) => [String(o.seq), when(o.ts), `${o.operator}@${o.host}`, o.op, o.overrides.join(' ')]) });

  b.push({ kind: 'h', level: 2, text: `Timeline (${m.timeline.length})` });
  b.push({ kind: 'table', head: ['#', 'when', 'operator', 'host', 'act', 'what'], rows: m.timeline.map((t) => [String(t.seq), when(t.ts), t.operator, t.host, t.op, t.summary]) });
  return b;
}

/** Markdown: punctuation that could make markup or links is backslash-escaped; `|` and newlines inside cells too. */
function mdText(s: string): string {
  return sanitize(s).replace(/[\\`*_{}[\]<>|~]/g, (c) => `\\${c}`);
}
const mdCell = (s: string): string => s.split('\n').map(mdText).join('<br>');

/** The document as Markdown. */
export function renderMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'h') out.push(`${'#'.repeat(b.level)} ${mdText(b.text)}`, '');
    else if (b.kind === 'p') out.push(b.strong ? `**${mdText(b.text)}**` : mdText(b.text), '');
    else if (b.kind === 'code') out.push('```sh', ...b.text.split('\n').map((l) => sanitize(l).replace(/^```/, '` ``')), '```', '');
    else {
      out.push(`| ${b.head.map(mdCell).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`);
      for (const r of b.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** HTML: every string through entity escaping. */
function h(s: string): string {
  return sanitize(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `body{font:11pt/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:24px;max-width:1200px}
h1{font-size:20pt;margin:0 0 8px}h2{font-size:14pt;border-bottom:2px solid #333;margin:22px 0 8px;padding-bottom:2px;break-after:avoid}
table{border-collapse:collapse;width:100%;font-size:9pt;margin:6px 0}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#e8e8e8}tr{break-inside:avoid}pre{font-size:8pt;background:#f4f4f4;border:1px solid #ccc;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
.ok{background:#e3f4e3;border:1px solid #3a3;padding:6px 8px;font-weight:bold}@page{size:A4 landscape;margin:12mm}`;

/** The document as one self-contained HTML page (no script, no external asset). */
export function renderHtml(blocks: Block[]): string {
  const title = blocks.find((b) => b.kind === 'h')?.text ?? 'report';
  const out = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`, `<title>${h(title)}</title>`, `<style>${CSS}</style></head><body>`];
  for (const b of blocks) {
    if (b.kind === 'h') out.push(`<h${b.level}>${h(b.text)}</h${b.level}>`);
    else if (b.kind === 'p') out.push(b.strong ? `<p class="ok">${h(b.text)}</p>` : `<p>${h(b.text)}</p>`);
    else if (b.kind === 'code') out.push(`<pre>${b.text.split('\n').map(h).join('\n')}</pre>`);
    else {
      out.push('<table><thead><tr>' + b.head.map((c) => `<th>${h(c)}</th>`).join('') + '</tr></thead><tbody>');
      for (const r of b.rows) out.push('<tr>' + r.map((c) => `<td>${c.split('\n').map(h).join('<br>')}</td>`).join('') + '</tr>');
      out.push('</tbody></table>');
    }
  }
  out.push('</body></html>', '');
  return out.join('\n');
}
