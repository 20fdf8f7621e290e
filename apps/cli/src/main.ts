import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerAccountsCommand } from './commands/accounts.command';
import { registerAuditCommand } from './commands/audit.command';
import { registerDecodeCommand } from './commands/decode.command';
import { registerGatewaysCommand } from './commands/gateways.command';
import { registerReportCommand } from './commands/report.command';
import { registerRulesCommand } from './commands/rules.command';
import { registerSimulateCommand } from './commands/simulate.command';
import { registerStoreCommand } from './commands/store.command';
import { registerVerifyCommand } from './commands/verify.command';

/** Walks up from this file: the same code runs from apps/ (tests) and from dist/apps/ (installed). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vigil') return pkg.version ?? '0.0.0';
    }
  }
  return '0.0.0';
}

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Vigil: vital-sign monitoring for ketamine-assisted psychotherapy sessions')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  registerAccountsCommand(program);
  registerAuditCommand(program);
  registerDecodeCommand(program);
  registerGatewaysCommand(program);
  registerReportCommand(program);
  registerRulesCommand(program);
  registerSimulateCommand(program);
  registerStoreCommand(program);
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
