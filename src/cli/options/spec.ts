/**
 * The option table: one declarative record per command (flag, value type, default, help, env,
 * choices, repeatable, required, applicability) from which coldkit derives three things —
 * the commander registration (src/cli/options/register.ts), the typed options the command's
 * action receives (`OptionsOf<typeof table>`), and the options reference in docs/cli*.md
 * (src/cli/options/reference.ts, `npm run docs`). Nothing is written twice: a default, a help
 * text or a choice list lives here and nowhere else. Light: importing a table loads no action.
 */
import type { OverrideCode } from '../overrides.js';

/** Turns a flag's text into its value; `flag` is the long flag, for messages. Throws commander's InvalidArgumentError. */
export type Parser<T> = (raw: string, flag: string) => T;

/** One option of a command. */
export interface OptionSpec {
  /** As commander spells it: `--max-fee-rate <sat/vB>`, `--trim`, `--no-rbf`, `--from-qr <paths...>`. The camelCase of the long flag is the table key. */
  readonly flag: string;
  /** One line for `--help`. */
  readonly help: string;
  /** The docs reference text (Markdown) when it says more than `help`. */
  readonly doc?: string;
  /** The value when the flag is absent (shown by `--help` and the docs). */
  readonly default?: string | number;
  /** Text → value (default: the text itself). */
  readonly parse?: Parser<unknown>;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** May be given several times; the values arrive as an array in order. */
  readonly repeatable?: boolean;
  /** Must be given (exit 2 otherwise). */
  readonly required?: boolean;
  /** Environment variable read when the flag is absent. */
  readonly env?: string;
  /** Hidden alternative spellings (same value, not listed in help or docs). */
  readonly aliases?: readonly string[];
  /** Table keys of options this one contradicts: giving both is exit 2 before any work. */
  readonly conflicts?: readonly string[];
  /** Table keys of options of which one must be given for this one to mean anything (exit 2 otherwise). */
  readonly needs?: readonly string[];
  /** This option applies only while the named options have one of these values (exit 2 otherwise). */
  readonly only?: Readonly<Record<string, readonly string[]>>;
  /** Accepted by the parser only to be refused with this reason (exit 2): a flag that would be silently ignored here. Hidden. */
  readonly refused?: string;
}

/** A positional argument, as commander spells it: `[file]`, `<address>`, `[images...]`. */
export interface ArgSpec {
  readonly name: string;
  readonly help: string;
  readonly doc?: string;
}

/** Global options a table may say it uses (`--require-offline` follows src/cli/ceremony.ts; the rest apply to every command). */
export type SometimesGlobal = 'network' | 'yes';

/** One command: its path, what it does, its arguments and options, the overrides it accepts. */
export interface CommandSpec {
  /** Full command path below `coldkit`: `psbt sign`, `eth tx create`, `derive`. */
  readonly name: string;
  /** One line for help; a top-level command (`derive`, `demo`) takes its group's summary. */
  readonly description?: string;
  readonly args?: readonly ArgSpec[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Finding codes this command lets the operator override: each becomes `--allow-<code>` with its text from src/cli/overrides.ts. */
  readonly overrides?: readonly OverrideCode[];
  /** Which of `--network` and `--yes` this command uses (shown in its help and docs). */
  readonly globals?: readonly SometimesGlobal[];
  /** Extra lines after the options in `--help`. */
  readonly helpAfter?: string;
}

/** Declare a command table, keeping every literal (flags, choices) for the derived option types. */
export function command<const C extends CommandSpec>(spec: C): C {
  return spec;
}

/** Declare a reusable set of options (spread into tables). */
export function optionSet<const O extends Readonly<Record<string, OptionSpec>>>(set: O): O {
  return set;
}

/** The same options, each applying only while `when` holds (e.g. `{ chain: ['btc'] }`). */
export function onlyWhen<const O extends Readonly<Record<string, OptionSpec>>>(when: Readonly<Record<string, readonly string[]>>, set: O): O {
  return Object.fromEntries(Object.entries(set).map(([k, o]) => [k, { ...o, only: { ...o.only, ...when } }])) as unknown as O;
}

/**
 * The same options, each meaningful only when one of `needs` is given. An option that already
 * needs another option of the set keeps its own need (it holds through that option).
 */
export function onlyWith<const O extends Readonly<Record<string, OptionSpec>>>(needs: readonly string[], set: O): O {
  return Object.fromEntries(Object.entries(set).map(([k, o]) => [k, o.needs?.some((n) => n in set) ? o : { ...o, needs }])) as unknown as O;
}

// ---------------------------------------------------------------------------------------------
// Types derived from a table.

/** How a flag takes its value. */
type Kind<F extends string> = F extends `--no-${string}` ? 'negated' : F extends `${string}<${string}...>` ? 'variadic' : F extends `${string}<${string}>` ? 'value' : 'boolean';

/** The value of one occurrence. */
type Single<O> = O extends { readonly choices: readonly (infer C)[] } ? C : O extends { readonly parse: Parser<infer T> } ? T : string;

/** The value an action receives for an option. */
export type ValueOf<O extends OptionSpec> = Kind<O['flag']> extends 'boolean' | 'negated' ? boolean : Kind<O['flag']> extends 'variadic' ? string[] : O extends { readonly repeatable: true } ? Single<O>[] : Single<O>;

/** Always present: booleans (false when absent), options with a default, required options. */
type Present<O extends OptionSpec> = Kind<O['flag']> extends 'boolean' | 'negated' ? true : O extends { readonly default: string | number } ? true : O extends { readonly required: true } ? true : false;

type Refused<O> = O extends { readonly refused: string } ? true : false;

type Values<T extends Readonly<Record<string, OptionSpec>>> = {
  -readonly [K in keyof T as Refused<T[K]> extends true ? never : Present<T[K]> extends true ? K : never]: ValueOf<T[K]>;
} & {
  -readonly [K in keyof T as Refused<T[K]> extends true ? never : Present<T[K]> extends true ? never : K]?: ValueOf<T[K]>;
};

/** `high-fee` → `highFee`. */
export type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** The `--allow-<code>` flags of a command, as booleans. */
type Allows<C extends CommandSpec> = C extends { readonly overrides: readonly (infer X extends string)[] } ? { [K in X as `allow${Capitalize<Camel<K>>}`]: boolean } : unknown;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The options an action of command table `C` receives. */
export type OptionsOf<C extends CommandSpec> = Flatten<Values<C['options']> & Allows<C>>;

/** The options of a reusable set. */
export type SetValues<T extends Readonly<Record<string, OptionSpec>>> = Flatten<Values<T>>;

// ---------------------------------------------------------------------------------------------
// Runtime helpers shared by registration, checks and docs.

/** The long flag of an option: `--max-fee-rate`. */
export function longFlag(o: Pick<OptionSpec, 'flag'>): string {
  const m = /(--[a-z0-9-]+)/.exec(o.flag);
  if (!m) throw new Error(`option table: "${o.flag}" has no long flag`);
  return m[1]!;
}

/** The table key (commander attribute name) of a long flag: `--max-fee-rate` → `maxFeeRate`, `--no-rbf` → `rbf`. */
export function keyOf(long: string): string {
  return long.replace(/^--(no-)?/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The value part of a flag (`<sat/vB>`), or '' for a boolean. */
export function valuePart(o: Pick<OptionSpec, 'flag'>): string {
  return /\s+([<[].*[>\]])\s*$/.exec(o.flag)?.[1] ?? '';
}

/** True for a flag without a value (`--trim`, `--no-rbf`). */
export function isBoolean(o: Pick<OptionSpec, 'flag'>): boolean {
  return valuePart(o) === '';
}

/** The defaults a table declares, by key: e.g. `psbt inspect` reviews at `psbt sign`'s default limits. */
export type DefaultsOf<C extends CommandSpec> = { -readonly [K in keyof C['options'] as C['options'][K] extends { readonly default: string | number } ? K : never]: C['options'][K]['default'] };

/** The defaults a table declares (see DefaultsOf). */
export function defaults<C extends CommandSpec>(spec: C): DefaultsOf<C> {
  return Object.fromEntries(Object.entries(spec.options).filter(([, o]) => o.default !== undefined).map(([k, o]) => [k, o.default])) as DefaultsOf<C>;
}
