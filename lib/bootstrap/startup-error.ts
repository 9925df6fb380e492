/** A start that cannot go on, with a message a person can act on: the launcher prints it without a stack trace. */
export class StartupError extends Error {}
