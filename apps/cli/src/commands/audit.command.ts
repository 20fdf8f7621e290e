import type { Command } from 'commander';
import { registerAuditReadCommands } from './audit-read.command';

/** `vigil audit …`: the auditor's commands (issue 13). */
export function registerAuditCommand(program: Command): Command {
  const audit = program.command('audit').description("Auditors' commands: replay, re-evaluate and export sessions");
  registerAuditReadCommands(audit);
  return audit;
}
