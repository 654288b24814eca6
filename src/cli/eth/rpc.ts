/**
 * A minimal Ethereum JSON-RPC 2.0 client over fetch (online side only: `eth tx create --rpc`,
 * `eth broadcast`). Quantities are hex strings on the wire (Ethereum JSON-RPC spec) and bigints here.
 */
import { InputError, RuntimeFailure } from '../../core/errors.js';
import { sanitize } from '../../core/text.js';

/** A JSON-RPC error returned by the node (the request reached it and was rejected). */
export class RpcError extends RuntimeFailure {
  readonly code: number;
  constructor(method: string, code: number, message: string) {
    super(`node rejected ${method}: ${sanitize(message).slice(0, 300)} (code ${code})`);
    this.code = code;
  }
}

export class EthRpc {
  private id = 0;
  readonly url: string;
  /** The node named in messages: scheme and host only (a path or query may carry an API key, the URL a password). */
  private readonly where: string;
  constructor(url: string, private readonly timeoutMs = 30_000) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new InputError('is not a URL (like http://127.0.0.1:8545)', '--rpc');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InputError('must be an http:// or https:// URL', '--rpc');
    this.url = u.toString();
    this.where = `${u.protocol}//${u.host}`;
  }

  /** Call `method` with `params`; network failures and RPC errors are RuntimeFailure (exit 1). */
  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const body = JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params });
    let res: Response;
    try {
      res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new RuntimeFailure(`cannot reach the node at --rpc ${this.where}: ${sanitize((e as Error).message).split(this.url).join(this.where)}`);
    }
    let j: unknown;
    try {
      j = JSON.parse(await res.text());
    } catch {
      throw new RuntimeFailure(`node at --rpc answered ${method} with HTTP ${res.status} and no JSON`);
    }
    // The node is untrusted: anything but a JSON-RPC response object is a failure with a message, not a crash.
    if (typeof j !== 'object' || j === null || Array.isArray(j)) throw new RuntimeFailure(`node answered ${method} with JSON that is not a JSON-RPC response object`);
    const r = j as { result?: unknown; error?: unknown };
    if (r.error !== undefined && r.error !== null) {
      const e = r.error as { code?: unknown; message?: unknown };
      throw new RpcError(method, typeof e.code === 'number' ? e.code : NaN, typeof e.message === 'string' ? e.message : JSON.stringify(r.error));
    }
    if (!('result' in r)) throw new RuntimeFailure(`node answered ${method} without a result`);
    return r.result as T;
  }

  /** A quantity result as bigint. */
  async quantity(method: string, params: unknown[] = []): Promise<bigint> {
    return quantityOf(await this.call<unknown>(method, params), method);
  }
}

/** A JSON-RPC quantity (0x hex string) from the node as bigint; anything else is a RuntimeFailure naming `what`. */
export function quantityOf(v: unknown, what: string): bigint {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]+$/.test(v)) throw new RuntimeFailure(`node answered ${what} with a non-quantity`);
  return BigInt(v);
}

/** Encode a bigint as a JSON-RPC quantity ("0x0", no leading zeros). */
export function qty(v: bigint): string {
  return '0x' + v.toString(16);
}
