/**
 * The command line's exit codes and the errors that map to them. Anything else thrown is an
 * internal error (exit 3): a bug, reported as such, without a stack trace unless --debug.
 */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3, interrupted: 130 } as const;

/** Invalid input (a case file with problems, an unreadable file, a write that failed): exit 1. */
export class InputError extends Error {}

/** A command line that cannot be carried out as given (a bad option value, an output path that cannot be used): exit 2. */
export class UsageError extends Error {}

/** Ctrl-C during a long run: exit 130, quietly. */
export class Interrupted extends Error {}
