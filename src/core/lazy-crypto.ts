// node:crypto, loaded on first use. Requiring it loads Node's stream machinery with it — some forty
// internal modules, a good part of a short command's start-up (bench/startup-bench.js) — while
// `skillmeat list` or `--help` never hash or name anything. The core imports these instead.
import type * as NodeCrypto from 'node:crypto';

let loaded: typeof NodeCrypto | undefined;

function crypto(): typeof NodeCrypto {
  // process.getBuiltinModule, not createRequire: importing node:module would load Node's ES-module
  // loader (four more built-in modules) into every command.
  return (loaded ??= process.getBuiltinModule('node:crypto'));
}

export function createHash(algorithm: string): NodeCrypto.Hash {
  return crypto().createHash(algorithm);
}

export function createHmac(algorithm: string, key: NodeCrypto.BinaryLike): NodeCrypto.Hmac {
  return crypto().createHmac(algorithm, key);
}

export function randomBytes(size: number): Buffer {
  return crypto().randomBytes(size);
}

/** A random whole number from 0 up to (not including) `max`. */
export function randomInt(max: number): number {
  return crypto().randomInt(max);
}

export function timingSafeEqual(a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean {
  return crypto().timingSafeEqual(a, b);
}
