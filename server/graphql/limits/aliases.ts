// MAX_ALIASES: aliases let one document ask for the same expensive field many times over;
// counted at validation, reported once.
import type { ASTVisitor, ValidationContext } from 'graphql';
import { tooManyAliases } from '../../errors.js';

export function aliasRule(maxAliases: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    let count = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        count++;
        if (count > maxAliases && !reported) {
          reported = true;
          ctx.reportError(tooManyAliases(maxAliases, node));
        }
      },
    };
  };
}
