/** The `coldkit policy` group: init, check, adopt, show (docs/cli/policy.md). */
import { command } from '../options/spec.js';

const POLICY_FILE = { name: '<file>', help: 'the policy file', doc: 'the policy file (JSON, [docs/formats/policy.md](formats/policy.md)).' };

export const policyInit = command({
  name: 'policy init',
  description: 'write a policy template (JSON with "$comment" notes) to fill in',
  options: {
    out: { flag: '--out <file>', help: 'where to write the template (refuses to overwrite)', required: true },
    approver: {
      flag: '--approver <name=keyfile>',
      help: 'an approver and their SSH public key file (e.g. alice=~/.ssh/id_ed25519.pub), repeatable',
      doc: 'an approver and the file of their SSH public key (`alice=~/.ssh/id_ed25519.pub`); repeatable. With approvers the template is a valid policy at once; without, it names placeholders `policy check` asks keys for.',
      repeatable: true,
    },
  },
});

export const policyCheck = command({
  name: 'policy check',
  description: 'validate a policy file: every problem with its JSON path (exit 2 when any)',
  args: [POLICY_FILE],
  options: {},
});

export const policyAdopt = command({
  name: 'policy adopt',
  description: "adopt a policy on this laptop: the admins' SSH signatures of the file (first: its own admins; later: the adopted policy's)",
  args: [{ name: '<file>', help: 'the policy file, exactly as the admins signed it' }],
  options: {
    approval: {
      flag: '--approval <file>',
      help: "an admin's signature (ssh-keygen -Y sign -n coldkit-policy FILE), repeatable",
      doc: "an admin's SSHSIG signature of the file (`ssh-keygen -Y sign -f KEY -n coldkit-policy policy.json`). The first adoption needs the quorum of the file's own admins, a later one the quorum of the adopted policy's admins.",
      repeatable: true,
    },
    pinLaptop: {
      flag: '--pin-laptop',
      help: 'also pin this laptop to this journal: signing elsewhere, or under a policy not descended from this one, is refused',
      doc: 'also pin the laptop to this journal (`/etc/coldkit/policy-pin.json`, or `$COLDKIT_POLICY_PIN`; made root-owned afterwards so the operator cannot remove it): every signing run must then use this journal, and the policy in force there must descend from this one through verified adoptions — a deleted or replaced journal does not lift the rules. An amendment on the pinned journal keeps the pin.',
    },
  },
});

export const policyShow = command({
  name: 'policy show',
  description: 'print the adopted policy, its SHA-256 and who approved it (from the journal)',
  options: {},
});

export const COMMANDS = [policyInit, policyCheck, policyAdopt, policyShow];
