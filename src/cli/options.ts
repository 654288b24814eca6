/**
 * Reusable option sets, so every command spells the same thing the same way.
 */
import { InvalidArgumentError as InvalidArg, Option, type Command } from 'commander';

/** --mnemonic-file, --passphrase, --passphrase-file. */
export function seedInputOptions(cmd: Command): Command {
  return cmd
    .option('--mnemonic-file <path>', 'read the mnemonic from a file, or - for stdin (default: hidden prompt on a terminal)')
    .option('--passphrase', 'use a BIP39 passphrase, typed at a hidden prompt (asked twice)')
    .option('--passphrase-file <path>', 'read the BIP39 passphrase from a file (one trailing newline ignored)');
}

/** --from-qr IMAGES|DIR: read the payload from QR images instead of a file. */
export function payloadInputOptions(cmd: Command): Command {
  return cmd.option('--from-qr <paths...>', 'read the payload from QR code images (files or a folder of frames)');
}

/** --qr-png DIR, --qr-html FILE, --qr-terminal: also emit the output payload as QR. */
export function payloadOutputOptions(cmd: Command): Command {
  return cmd
    .option('--qr-png <dir>', 'also write the output payload as numbered PNG QR frames into DIR')
    .option('--qr-html <file>', 'also write the output payload as a self-contained animated QR page')
    .option('--qr-terminal', 'also show the output payload as QR in the terminal (on stderr)')
    .addOption(new Option('--qr-format <format>', 'QR transport format for the output payload').choices(['auto', 'ur', 'bbqr', 'plain']));
}

/** Parse a non-negative integer option value (commander argParser). */
export function intArg(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^\d+$/.test(v.trim())) throw new InvalidArg(`${name} must be a whole number, got "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArg(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}
