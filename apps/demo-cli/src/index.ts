export { type CliArgs, COMMANDS, type Command, parseCliArgs, USAGE } from './args.js';
export { type E2eLoginResult, type Print, runE2eLogin } from './e2e-login.js';
export { EXIT, UsageError } from './exit-codes.js';
export { EXIT_CANCELLED, type RunCliOptions, runCli } from './run-cli.js';
