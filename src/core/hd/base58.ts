/** Base58Check (SHA-256d checksum) from @scure/base, shared by extended keys and legacy addresses. */
import { createBase58check } from '@scure/base';
import { sha256 } from '../hash.js';

export const base58check = createBase58check(sha256);
