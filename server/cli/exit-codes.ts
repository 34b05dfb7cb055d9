// The exit codes every command shares (extract, seed), so a script can tell a bad input from a bad
// command line from a service that is not there.
export const EXIT = {
  ok: 0,
  /** Some inputs failed (unreadable, empty, not English, refused by the extractor); the rest were done. */
  inputsFailed: 1,
  /** Bad arguments or configuration: nothing was attempted. */
  usage: 2,
  /** A component (the database or the NLP server) could not be started or reached, or went away. */
  unavailable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The lines each command's --help ends with. */
export const EXIT_HELP = `Exit codes: ${EXIT.ok} done, ${EXIT.inputsFailed} some inputs failed (the rest were done), ${EXIT.usage} bad arguments or configuration,
            ${EXIT.unavailable} the database or the NLP server could not be reached (or went away)
`;
