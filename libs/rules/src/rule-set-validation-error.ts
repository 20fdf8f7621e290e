/** One problem in a rule-set file: where (`rules[3].condition.anyOf[0].op`) and why. */
export type RuleSetIssue = { readonly path: string; readonly reason: string };

/** A rule-set file that does not describe a rule set the engine can run; lists every issue. */
export class RuleSetValidationError extends Error {
  override readonly name = 'RuleSetValidationError';
  constructor(readonly issues: readonly RuleSetIssue[]) {
    super(`invalid rule set: ${issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ')}`);
  }
}
