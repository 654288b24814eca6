/**
 * The fixed file names of a release folder (layout.ts describes the rest). A module of its own so
 * that finding the running program's entry (src/cli/installation.ts) loads none of the archive code.
 */

/** The sums file (not listed in itself). */
export const SUMS_FILE = 'SHA256SUMS';
/** The build record: version, commit, SOURCE_DATE_EPOCH. */
export const BUILD_INFO_FILE = 'BUILD-INFO.json';
/** The program's entry module. */
export const ENTRY_FILE = 'coldkit.mjs';
/** The shell launcher (`node coldkit.mjs "$@"`), the one executable member. */
export const LAUNCHER_FILE = 'coldkit';
/** Chunks and WebAssembly files. */
export const LIB_DIR = 'lib';
