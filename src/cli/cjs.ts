/**
 * CommonJS packages loaded with `import()`. Node's ESM loader gives a namespace whose `default` is
 * the package's `module.exports` (plus the names its lexer detects); in the release bundle a
 * CommonJS package split into its own chunk has `default` only. Reading `default` first works in
 * both, so every lazy import of a CommonJS package goes through here.
 */

/** `module.exports` of a CommonJS package from its `import()` namespace. */
export function cjsExports<T>(ns: unknown): T {
  const d = (ns as { default?: unknown }).default;
  return (d ?? ns) as T;
}
