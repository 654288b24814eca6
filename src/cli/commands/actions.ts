/**
 * Which action module runs each command. Kept apart from the option tables so that a table
 * never imports its action (an action imports its table's type: one direction only), and light:
 * each module is imported only when its command runs.
 */
import type { ActionLoader } from '../options/register.js';

export const ACTIONS: Readonly<Record<string, ActionLoader>> = {
  'seed new': () => import('../actions/seed-new.js'),
  'seed check': () => import('../actions/seed-check.js'),
  'seed finish': () => import('../actions/seed-finish.js'),
  'shares split': () => import('../actions/shares-split.js'),
  'shares verify': () => import('../actions/shares-verify.js'),
  'shares combine': () => import('../actions/shares-combine.js'),
  'shares drill': () => import('../actions/shares-drill.js'),
  'account export': () => import('../actions/account-export.js'),
  'account import': () => import('../actions/account-import.js'),
  derive: () => import('../actions/derive.js'),
  'wallet create': () => import('../actions/wallet-create.js'),
  'wallet show': () => import('../actions/wallet-show.js'),
  'wallet register': () => import('../actions/wallet-register.js'),
  'address list': () => import('../actions/address-list.js'),
  'address find': () => import('../actions/address-find.js'),
  'psbt create': () => import('../actions/psbt-create.js'),
  'psbt inspect': () => import('../actions/psbt-inspect.js'),
  'psbt sign': () => import('../actions/psbt-sign.js'),
  'psbt combine': () => import('../actions/psbt-combine.js'),
  'psbt finalize': () => import('../actions/psbt-finalize.js'),
  'eth tx create': () => import('../actions/eth-tx-create.js'),
  'eth broadcast': () => import('../actions/eth-broadcast.js'),
  'eth inspect': () => import('../actions/eth-inspect.js'),
  'eth sign': () => import('../actions/eth-sign.js'),
  'eth sign-typed-data': () => import('../actions/eth-sign-typed-data.js'),
  'eth sign-message': () => import('../actions/eth-sign-message.js'),
  'policy init': () => import('../actions/policy-init.js'),
  'policy check': () => import('../actions/policy-check.js'),
  'policy adopt': () => import('../actions/policy-adopt.js'),
  'policy show': () => import('../actions/policy-show.js'),
  'approval request': () => import('../actions/approval-request.js'),
  approve: () => import('../actions/approve.js'),
  'qr encode': () => import('../actions/qr-encode.js'),
  'qr decode': () => import('../actions/qr-decode.js'),
  'journal verify': () => import('../actions/journal-verify.js'),
  'journal show': () => import('../actions/journal-show.js'),
  'journal head': () => import('../actions/journal-head.js'),
  'self-check': () => import('../actions/self-check.js'),
  preflight: () => import('../actions/preflight.js'),
  demo: () => import('../actions/demo.js'),
};
