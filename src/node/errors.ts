/**
 * Errors the build stops with. Astro prints an AstroError's name, message and hint, and a stack trace when the
 * error has one; a content problem is the author's to fix, not a program fault, so these carry no stack.
 */
import { AstroError } from 'astro/errors';
import { formatProblem, sortProblems, type Problem } from '../lib/problems.ts';

export function showcaseError(title: string, message: string, hint?: string): Error {
  const err = new AstroError(message, hint);
  err.name = title;
  err.stack = '';
  return err;
}

/** Every problem, formatted as `npm run check` prints it, then the one-line verdict. */
export function problemsError(problems: readonly Problem[], verdict: string, hint: string): Error {
  const text = sortProblems(problems).map(formatProblem).join('\n\n');
  return showcaseError('内容检查', `${text}\n\n${verdict}`, hint);
}
