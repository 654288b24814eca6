/** The `coldkit approval` group: request (docs/cli/policy.md). */
import { command } from '../options/spec.js';
import { WATCH_ACCOUNT } from '../options/sets.js';

export const approvalRequest = command({
  name: 'approval request',
  description: 'write the approval request of a PSBT, Ethereum transaction or Safe transaction',
  globals: ['network'],
  args: [
    {
      name: '<payload>',
      help: 'a PSBT, an unsigned Ethereum transaction (hex or ur:eth-sign-request) or a Safe transaction (a coldkit Safe transaction file, SafeTx typed data, or the service JSON with --chain-id)',
    },
  ],
  options: {
    policy: { flag: '--policy <file>', help: 'the policy the payload falls under', required: true },
    out: { flag: '--out <file>', help: 'where to write the request text', required: true },
    expires: {
      flag: '--expires <duration>',
      help: 'how long approvals of it hold, e.g. 24h, 3d',
      doc: 'how long approvals of the request hold (`30m`, `24h`, `3d`); the signer refuses an expired request.',
      default: '24h',
    },
    rule: { flag: '--rule <id>', help: 'the rule it falls under (default: the first rule that allows it, approvals aside)' },
    requestedBy: { flag: '--requested-by <name>', help: 'who asks (default: --operator, else the login name)' },
    note: { flag: '--note <text>', help: 'one line for the approvers (invoice, ticket)' },
    descriptor: {
      ...WATCH_ACCOUNT.descriptor,
      help: 'PSBT: the account descriptor, to prove change as the signer will',
      doc: 'PSBT: the watch-only account (a BIP380 descriptor), so change is proven exactly as the signer proves it with the seed.',
    },
    wallet: { ...WATCH_ACCOUNT.wallet, help: 'PSBT: account export JSON instead of --descriptor', doc: 'PSBT: the account export JSON (`account export --out`) instead of `--descriptor`.' },
    from: { flag: '--from <address>', help: "Ethereum: the sender (default: the sign request's address)" },
    chainId: {
      flag: '--chain-id <id>',
      help: "Safe: the chain id when the file does not name it (the service's JSON, a pre-1.3 domain)",
      doc: "Safe: the chain id when the file does not name it: the transaction service's JSON (required for it) and a pre-1.3.0 SafeTx domain.",
    },
    safeVersion: {
      flag: '--safe-version <v>',
      help: "Safe: the Safe's VERSION for the service's JSON (which does not say); a wrong one gives another hash and is refused",
      default: '1.4.1',
    },
  },
});

export const COMMANDS = [approvalRequest];
