/** The --network global resolved for bitcoin commands. */
import { network, type BtcNetwork } from '../core/network.js';
import type { Context } from './command.js';

/** The network named by --network (mainnet when absent). */
export function btcNetwork(ctx: Context): BtcNetwork {
  return network(ctx.globals.network);
}
