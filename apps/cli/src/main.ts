import { Command, CommanderError } from 'commander';
import { registerDecodeCommand } from './commands/decode.command';
import { registerRulesCommand } from './commands/rules.command';
import { registerSimulateCommand } from './commands/simulate.command';
import { registerVerifyCommand } from './commands/verify.command';

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Vigil: vital-sign monitoring for ketamine-assisted psychotherapy sessions')
    .version(require('../../../package.json').version as string)
    .showHelpAfterError()
    .exitOverride();
  registerDecodeCommand(program);
  registerRulesCommand(program);
  registerSimulateCommand(program);
  registerVerifyCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed the message (or the help text for --help / --version).
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void runCli(process.argv);
