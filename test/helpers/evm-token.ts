/**
 * A minimal ERC-20-style token, hand-assembled EVM bytecode (nothing compiled), for the anvil test.
 * It keeps balances in storage slot = holder address and answers two calls:
 *   transfer(address to, uint256 amount)  a9059cbb  → reverts when amount > balance, returns true
 *   balanceOf(address)                    70a08231  → uint256
 * The constructor credits the deployer with SUPPLY. No events, no allowances: just enough to prove
 * that the calldata coldkit builds and signs moves tokens on a real EVM.
 */

export const SUPPLY = 1_000_000_000n; // 1000 tokens with 6 decimals

const OP: Record<string, number> = {
  STOP: 0x00, ADD: 0x01, SUB: 0x03, LT: 0x10, EQ: 0x14, SHR: 0x1c, CALLER: 0x33, CALLDATALOAD: 0x35,
  CODECOPY: 0x39, POP: 0x50, MSTORE: 0x52, SLOAD: 0x54, SSTORE: 0x55, JUMPI: 0x57, JUMPDEST: 0x5b,
  PUSH1: 0x60, PUSH4: 0x63, DUP1: 0x80, DUP2: 0x81, DUP3: 0x82, SWAP1: 0x90, RETURN: 0xf3, REVERT: 0xfd,
};

/**
 * Two-pass assembler: items are opcode names, `PUSHn:hex` immediates, `@label` (JUMPDEST here) and
 * `&label` (PUSH1 of the label's offset).
 */
export function assemble(items: string[]): Uint8Array {
  const labels = new Map<string, number>();
  const emit = (pass: 1 | 2): number[] => {
    const out: number[] = [];
    for (const it of items) {
      if (it.startsWith('@')) {
        labels.set(it.slice(1), out.length);
        out.push(OP.JUMPDEST!);
      } else if (it.startsWith('&')) {
        const at = labels.get(it.slice(1));
        if (pass === 2 && at === undefined) throw new Error(`unknown label ${it}`);
        out.push(OP.PUSH1!, at ?? 0);
      } else if (it.includes(':')) {
        const [op, hex] = it.split(':') as [string, string];
        const n = Number(op.slice(4));
        if (hex.length !== 2 * n) throw new Error(`${it}: immediate must be ${n} bytes`);
        out.push(0x5f + n, ...hex.match(/../g)!.map((b) => parseInt(b, 16)));
      } else {
        const code = OP[it];
        if (code === undefined) throw new Error(`unknown opcode ${it}`);
        out.push(code);
      }
    }
    return out;
  };
  emit(1);
  return Uint8Array.from(emit(2));
}

/** Runtime code. Stack comments list the top first. */
export const RUNTIME = assemble([
  'PUSH1:00', 'CALLDATALOAD', 'PUSH1:e0', 'SHR', // [selector]
  'DUP1', 'PUSH4:a9059cbb', 'EQ', '&transfer', 'JUMPI',
  'DUP1', 'PUSH4:70a08231', 'EQ', '&balanceOf', 'JUMPI',
  '@fail', 'PUSH1:00', 'DUP1', 'REVERT',
  '@transfer', 'POP',
  'PUSH1:24', 'CALLDATALOAD', // [amt]
  'CALLER', 'SLOAD', // [bal, amt]
  'DUP2', 'DUP2', 'LT', '&fail', 'JUMPI', // bal < amt → revert
  'DUP2', 'DUP2', 'SUB', 'CALLER', 'SSTORE', // balance[caller] = bal - amt; [bal, amt]
  'POP', // [amt]
  'PUSH1:04', 'CALLDATALOAD', 'DUP1', 'SLOAD', // [balTo, to, amt]
  'DUP3', 'ADD', 'SWAP1', 'SSTORE', // balance[to] += amt; [amt]
  'POP', 'PUSH1:01', 'PUSH1:00', 'MSTORE', 'PUSH1:20', 'PUSH1:00', 'RETURN', // return true
  '@balanceOf', 'POP',
  'PUSH1:04', 'CALLDATALOAD', 'SLOAD', 'PUSH1:00', 'MSTORE', 'PUSH1:20', 'PUSH1:00', 'RETURN',
]);

/** Init code: balance[deployer] = SUPPLY, then return RUNTIME. */
export function initCode(): string {
  const supply = SUPPLY.toString(16).padStart(8, '0');
  const len = RUNTIME.length.toString(16).padStart(2, '0');
  const head = (off: number) => assemble([`PUSH4:${supply}`, 'CALLER', 'SSTORE', `PUSH1:${len}`, `PUSH1:${off.toString(16).padStart(2, '0')}`, 'PUSH1:00', 'CODECOPY', `PUSH1:${len}`, 'PUSH1:00', 'RETURN']);
  const h = head(head(0).length);
  if (RUNTIME.length > 255) throw new Error('runtime too long for PUSH1 lengths');
  return '0x' + Buffer.from([...h, ...RUNTIME]).toString('hex');
}
