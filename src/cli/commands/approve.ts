/** `coldkit approve REQ --ssh-key KEY`: sign an approval request (docs/cli/policy.md). */
import { command } from '../options/spec.js';

export const approve = command({
  name: 'approve',
  globals: ['yes'],
  args: [{ name: '<request>', help: 'the approval request file' }],
  options: {
    sshKey: {
      flag: '--ssh-key <file>',
      help: 'your SSH private key (or its .pub for a key in ssh-agent or on a security key)',
      doc: 'your SSH private key file, or its `.pub` for a key held by ssh-agent or a FIDO security key: `ssh-keygen -Y sign` does the signing, coldkit never reads the private key.',
      required: true,
    },
    out: { flag: '--out <file>', help: 'where to write the signature (default: REQUEST.sig)' },
    policy: { flag: '--policy <file>', help: 'also check the request against this policy file before signing' },
  },
});

export const COMMANDS = [approve];
